package dev.macula.command.segmentation;

import dev.macula.api.common.JsonBody;
import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;
import dev.macula.api.segmentation.SegmentationId;
import dev.macula.api.segmentation.SegmentationMessages.FindSegmentationQuery;
import dev.macula.api.segmentation.SegmentationView;
import dev.macula.command.timetravel.RevertRequests;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * {@code POST /api/segmentations/{id}/revert}: {@code {"as_of"}} restores metadata, active flag, tags
 * and data as of then; {@code {"version": n}} makes version n's data the newest version, with
 * {@code If-Match} as on {@code PUT …/data}. Answers SegmentationGET.
 */
@RestController
class SegmentationRevertController {

    private final RevertRequests requests;
    private final SegmentationRestorer restorer;
    private final QueryGateway queries;

    SegmentationRevertController(RevertRequests requests, SegmentationRestorer restorer, QueryGateway queries) {
        this.requests = requests;
        this.restorer = restorer;
        this.queries = queries;
    }

    @PostMapping("/api/segmentations/{segmentation_id}/revert")
    SegmentationView revert(@PathVariable("segmentation_id") long id,
                            @RequestHeader(name = "If-Match", required = false) String ifMatch, JsonBody body) {
        if (body.has("version")) {
            if (body.has(RevertRequests.AS_OF)) {
                throw new RequestValidationException(ValidationError.of("value_error", List.of("body"),
                        "Value error, give either as_of or version, not both", null));
            }
            Long version = body.optionalInt("version");
            body.validate();
            restorer.restoreVersion(id, Math.toIntExact(Math.clamp(version, Integer.MIN_VALUE, Integer.MAX_VALUE)),
                    SegmentationDataController.version(ifMatch));
        } else {
            long position = requests.position(body);
            restorer.restore(id, position, RevertRequests.metadata(position), false);
        }
        return queries.query(new FindSegmentationQuery(SegmentationId.of(id)),
                ResponseTypes.instanceOf(SegmentationView.class)).join();
    }
}
