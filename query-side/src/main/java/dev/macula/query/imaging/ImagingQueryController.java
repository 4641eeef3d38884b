package dev.macula.query.imaging;

import dev.macula.api.common.ApiException;
import dev.macula.api.common.LaxValues;
import dev.macula.api.imaging.ImagingQueries.FindDeviceModelsQuery;
import dev.macula.api.imaging.ImagingQueries.FindInstanceQuery;
import dev.macula.api.imaging.ImagingQueries.FindStudyQuery;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.imaging.StudyId;
import dev.macula.query.imaging.ImagingViews.DeviceModelView;
import dev.macula.query.imaging.ImagingViews.InstanceView;
import dev.macula.query.imaging.ImagingViews.StudyView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** {@code GET /api/instances/{id}}, {@code GET /api/studies/{id}} (new, the viewer calls it) and {@code GET /api/devices}. */
@RestController
class ImagingQueryController {

    private final QueryGateway queries;

    ImagingQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/instances/{instance_id}")
    InstanceView instance(@PathVariable("instance_id") long instanceId,
                          @RequestParam(name = "with_segmentations", required = false) String withSegmentations,
                          @RequestParam(name = "with_form_annotations", required = false) String withForms,
                          @RequestParam(name = "with_model_segmentations", required = false) String withModels,
                          @RequestParam(name = "with_tag_metadata", required = false) String withTags) {
        FindInstanceQuery query = new FindInstanceQuery(InstanceId.of(positive(instanceId, "ImageInstance not found")),
                LaxValues.queryBool("with_tag_metadata", withTags, false),
                LaxValues.queryBool("with_segmentations", withSegmentations, false),
                LaxValues.queryBool("with_form_annotations", withForms, false),
                LaxValues.queryBool("with_model_segmentations", withModels, false));
        InstanceView view = queries.query(query, ResponseTypes.instanceOf(InstanceView.class)).join();
        if (view == null) {
            throw ApiException.notFound("ImageInstance not found");
        }
        return view;
    }

    @GetMapping("/api/studies/{study_id}")
    StudyView study(@PathVariable("study_id") long studyId) {
        StudyView view = queries.query(new FindStudyQuery(StudyId.of(positive(studyId, "Study not found"))),
                ResponseTypes.instanceOf(StudyView.class)).join();
        if (view == null) {
            throw ApiException.notFound("Study not found");
        }
        return view;
    }

    @GetMapping("/api/devices")
    List<DeviceModelView> devices() {
        return queries.query(new FindDeviceModelsQuery(), ResponseTypes.multipleInstancesOf(DeviceModelView.class)).join();
    }

    private static long positive(long id, String notFound) {
        if (id <= 0) {
            throw ApiException.notFound(notFound);
        }
        return id;
    }
}
