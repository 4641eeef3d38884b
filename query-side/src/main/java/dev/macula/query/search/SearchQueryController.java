package dev.macula.query.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.common.JsonBody;
import dev.macula.api.search.SearchMessages.FindInstanceSignatureQuery;
import dev.macula.api.search.SearchMessages.FindStudySignatureQuery;
import dev.macula.api.search.SearchMessages.SearchInstancesQuery;
import dev.macula.api.search.SearchMessages.SearchStudiesQuery;
import dev.macula.query.search.SearchResponses.InstanceSearchResponse;
import dev.macula.query.search.SearchResponses.SignatureField;
import dev.macula.query.search.SearchResponses.StudySearchResponse;
import dev.macula.query.attributes.AttributeReader;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** The search router (docs/api.md §3.12, docs/api.md §4): two searches and their signatures. */
@RestController
class SearchQueryController {

    private final QueryGateway queries;
    /** The two POST search answers omit nulls at every level (docs/api.md §4.4, docs/api.md §9.1 item 3). */
    private final ObjectMapper withoutNulls;

    private final AttributeReader attributes;

    SearchQueryController(QueryGateway queries, ObjectMapper mapper, AttributeReader attributes) {
        this.queries = queries;
        this.attributes = attributes;
        this.withoutNulls = mapper.copy().setDefaultPropertyInclusion(
                JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));
    }

    @PostMapping("/api/instances/search")
    ResponseEntity<byte[]> searchInstances(JsonBody body) throws JsonProcessingException {
        InstanceSearchResponse response = queries.query(new SearchInstancesQuery(SearchRequestReader.instanceSearch(body, attributes::conditionTarget)),
                ResponseTypes.instanceOf(InstanceSearchResponse.class)).join();
        return json(response, response.serverTiming());
    }

    @PostMapping("/api/studies/search")
    ResponseEntity<byte[]> searchStudies(JsonBody body) throws JsonProcessingException {
        StudySearchResponse response = queries.query(new SearchStudiesQuery(SearchRequestReader.studySearch(body)),
                ResponseTypes.instanceOf(StudySearchResponse.class)).join();
        return json(response, response.serverTiming());
    }

    @GetMapping("/api/instances/search/signature")
    List<SignatureField> instanceSignature() {
        return queries.query(new FindInstanceSignatureQuery(), ResponseTypes.multipleInstancesOf(SignatureField.class))
                .join();
    }

    @GetMapping("/api/studies/search/signature")
    List<SignatureField> studySignature() {
        return queries.query(new FindStudySignatureQuery(), ResponseTypes.multipleInstancesOf(SignatureField.class))
                .join();
    }

    /** The answer without nulls, with where the time went ({@code Server-Timing}, shown by browsers' dev tools). */
    private ResponseEntity<byte[]> json(Object response, String serverTiming) throws JsonProcessingException {
        long start = System.nanoTime();
        byte[] body = withoutNulls.writeValueAsBytes(response);
        String timing = serverTiming + String.format(java.util.Locale.ROOT, ", serialize;dur=%.1f",
                (System.nanoTime() - start) / 1e6);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).header("Server-Timing", timing).body(body);
    }
}
