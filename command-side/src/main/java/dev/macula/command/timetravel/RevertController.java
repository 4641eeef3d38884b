package dev.macula.command.timetravel;

import dev.macula.api.common.LaxValues;
import dev.macula.api.common.JsonBody;
import dev.macula.api.forms.FormAnnotationId;
import dev.macula.api.forms.FormAnnotationMessages.FindFormAnnotationQuery;
import dev.macula.api.forms.FormAnnotationView;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.imaging.StudyId;
import dev.macula.api.segmentation.FeatureId;
import dev.macula.api.segmentation.FeatureMessages.FindFeatureQuery;
import dev.macula.api.segmentation.FeatureView;
import dev.macula.api.tagging.TagId;
import dev.macula.api.tagging.TagMeta;
import dev.macula.api.tagging.TagQueries.FindTagLinksQuery;
import dev.macula.api.tagging.TagQueries.FindTagQuery;
import dev.macula.api.tagging.TagType;
import dev.macula.api.tagging.TagView;
import dev.macula.api.tagging.TaggedObject;
import dev.macula.api.tasks.SubTaskId;
import dev.macula.api.tasks.SubTaskMessages.FindSubTaskQuery;
import dev.macula.api.tasks.SubTaskView;
import dev.macula.api.tasks.TaskId;
import dev.macula.api.tasks.TaskMessages.FindTaskQuery;
import dev.macula.api.tasks.TaskView;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code POST …/revert} with {@code {"as_of"}} (issue 14): the object's restorer sends the ordinary
 * commands that bring it back to that moment, each with {@code reverted_to}; the answer is what the
 * live GET now shows. Who may revert is who may make the same edits: every signed-in user, like the
 * live writes of these objects. The segmentation's revert, which also takes a data version, is in
 * {@code SegmentationRevertController}.
 */
@RestController
class RevertController {

    private final RevertRequests requests;
    private final Map<String, ObjectRestorer> restorers;
    private final QueryGateway queries;

    RevertController(RevertRequests requests, List<ObjectRestorer> restorers, QueryGateway queries) {
        this.requests = requests;
        this.restorers = restorers.stream().collect(Collectors.toMap(ObjectRestorer::entityType, Function.identity()));
        this.queries = queries;
    }

    private void revert(String entityType, long id, JsonBody body) {
        long position = requests.position(body);
        restorers.get(entityType).restore(id, position, RevertRequests.metadata(position), false);
    }

    @PostMapping("/api/form-annotations/{annotation_id}/revert")
    FormAnnotationView formAnnotation(@PathVariable("annotation_id") long id, JsonBody body) {
        revert(FormAnnotationId.TYPE, id, body);
        return queries.query(new FindFormAnnotationQuery(FormAnnotationId.of(id)),
                ResponseTypes.instanceOf(FormAnnotationView.class)).join();
    }

    /** Answers as {@code GET /api/subtasks/{id}} does, {@code ?with_images=true} included. */
    @PostMapping("/api/subtasks/{subtaskid}/revert")
    SubTaskView subTask(@PathVariable("subtaskid") long id, JsonBody body,
                        @RequestParam(name = "with_images", required = false) String withImages) {
        boolean images = LaxValues.queryBool("with_images", withImages, false);
        revert(SubTaskId.TYPE, id, body);
        return queries.query(new FindSubTaskQuery(SubTaskId.of(id), images), ResponseTypes.instanceOf(SubTaskView.class))
                .join();
    }

    @PostMapping("/api/task/{task_id}/revert")
    TaskView task(@PathVariable("task_id") long id, JsonBody body) {
        revert(TaskId.TYPE, id, body);
        return queries.query(new FindTaskQuery(TaskId.of(id)), ResponseTypes.instanceOf(TaskView.class)).join();
    }

    @PostMapping("/api/features/{feature_id}/revert")
    FeatureView feature(@PathVariable("feature_id") long id, JsonBody body) {
        revert(FeatureId.TYPE, id, body);
        return queries.query(new FindFeatureQuery(FeatureId.of(id)), ResponseTypes.instanceOf(FeatureView.class)).join();
    }

    @PostMapping("/api/tags/{tag_id}/revert")
    TagView tag(@PathVariable("tag_id") long id, JsonBody body) {
        revert(TagId.TYPE, id, body);
        return queries.query(new FindTagQuery(TagId.of(id)), ResponseTypes.instanceOf(TagView.class)).join();
    }

    /** The image's tags (TagMeta list, as in its GET). */
    @PostMapping("/api/instances/{instance_id}/tags/revert")
    List<TagMeta> instanceTags(@PathVariable("instance_id") long id, JsonBody body) {
        revert(InstanceId.TYPE, id, body);
        return tags(new TaggedObject(TagType.ImageInstance, id));
    }

    @PostMapping("/api/studies/{study_id}/tags/revert")
    List<TagMeta> studyTags(@PathVariable("study_id") long id, JsonBody body) {
        revert(StudyId.TYPE, id, body);
        return tags(new TaggedObject(TagType.Study, id));
    }

    private List<TagMeta> tags(TaggedObject object) {
        return queries.query(new FindTagLinksQuery(object), ResponseTypes.multipleInstancesOf(TagMeta.class)).join();
    }
}
