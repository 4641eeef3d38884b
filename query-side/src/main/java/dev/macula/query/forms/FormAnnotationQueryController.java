package dev.macula.query.forms;

import dev.macula.api.forms.FormAnnotationView;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.LaxValues;
import dev.macula.api.forms.FormAnnotationId;
import dev.macula.api.forms.FormAnnotationMessages.FindFormAnnotationQuery;
import dev.macula.api.forms.FormAnnotationMessages.FindFormAnnotationsQuery;
import dev.macula.api.forms.FormAnnotationMessages.FindFormDataQuery;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** FormAnnotationGET (docs/api.md §3.0.11): by id, filtered lists and the value endpoint. */
@RestController
class FormAnnotationQueryController {

    private final QueryGateway queries;

    FormAnnotationQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/form-annotations/{annotation_id}")
    FormAnnotationView one(@PathVariable("annotation_id") long id) {
        FormAnnotationView view = id <= 0 ? null : queries.query(new FindFormAnnotationQuery(FormAnnotationId.of(id)),
                ResponseTypes.instanceOf(FormAnnotationView.class)).join();
        if (view == null) {
            throw ApiException.notFound("FormAnnotation not found");
        }
        return view;
    }

    /** The stored form data as the whole body ({@code null} when empty). */
    @GetMapping("/api/form-annotations/{form_annotation_id}/value")
    ResponseEntity<String> value(@PathVariable("form_annotation_id") long id) {
        String data = id <= 0 ? null : queries.query(new FindFormDataQuery(FormAnnotationId.of(id)),
                ResponseTypes.instanceOf(String.class)).join();
        if (data == null) {
            throw ApiException.notFound("FormAnnotation not found");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(data);
    }

    /**
     * Active forms, AND-combined exact filters (incl. creator_id), {@code valid=true|false} (their state
     * against the schema), optional limit/page; id order.
     */
    @GetMapping("/api/form-annotations")
    List<FormAnnotationView> list(@RequestParam(name = "patient_id", required = false) String patient,
                                  @RequestParam(name = "study_id", required = false) String study,
                                  @RequestParam(name = "image_instance_id", required = false) String image,
                                  @RequestParam(name = "form_schema_id", required = false) String schema,
                                  @RequestParam(name = "sub_task_id", required = false) String subTask,
                                  @RequestParam(name = "creator_id", required = false) String creator,
                                  @RequestParam(name = "valid", required = false) String valid,
                                  @RequestParam(name = "limit", required = false) String limit,
                                  @RequestParam(name = "page", required = false) String page) {
        Long patientId = id("patient_id", patient);
        Long studyId = id("study_id", study);
        Long imageId = id("image_instance_id", image);
        Long schemaId = id("form_schema_id", schema);
        Long subTaskId = id("sub_task_id", subTask);
        Long creatorId = id("creator_id", creator);
        Boolean isValid = valid == null ? null : LaxValues.queryBool("valid", valid, true);
        Integer size = limit == null ? null : LaxValues.queryInt("limit", limit, 200, 1, 100_000);
        int offset = limit == null ? 0 : LaxValues.queryInt("page", page, 0, 0, Integer.MAX_VALUE);
        return queries.query(new FindFormAnnotationsQuery(patientId, studyId, imageId, schemaId, subTaskId, creatorId,
                isValid, size, offset), ResponseTypes.multipleInstancesOf(FormAnnotationView.class)).join();
    }

    /** An optional exact filter; any integer, since it only has to match. */
    private static Long id(String name, String raw) {
        return raw == null ? null : (long) LaxValues.queryInt(name, raw, 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
}
