package dev.macula.query.history;

import dev.macula.api.attributes.AttributeMessages;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.CurrentUser;
import dev.macula.api.common.EntityId;
import dev.macula.api.common.EntityTypeNames;
import dev.macula.api.common.LaxValues;
import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;
import dev.macula.api.history.HistoryEntry;
import dev.macula.api.history.HistoryMessages.ActivityFeed;
import dev.macula.api.history.HistoryMessages.FindActivityQuery;
import dev.macula.api.history.HistoryMessages.FindHistoryQuery;
import dev.macula.api.forms.FormAnnotationId;
import dev.macula.api.forms.FormSchemaId;
import dev.macula.api.identity.UserId;
import dev.macula.api.imaging.DeviceMessages;
import dev.macula.api.imaging.DeviceModelId;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.imaging.PatientId;
import dev.macula.api.imaging.ProjectId;
import dev.macula.api.imaging.SeriesId;
import dev.macula.api.imaging.StudyId;
import dev.macula.api.segmentation.FeatureId;
import dev.macula.api.segmentation.ModelMessages;
import dev.macula.api.segmentation.SegmentationId;
import dev.macula.api.tasks.SubTaskId;
import dev.macula.api.tasks.TaskDefinitionId;
import dev.macula.api.tasks.TaskId;
import dev.macula.api.tagging.TagId;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code GET /api/history/{entity_type}/{id}}: who did what, when, to one object, in order. The type
 * may be written in kebab-case, snake_case or PascalCase ({@link EntityTypeNames}). {@code user}
 * histories are for admins only: the security configuration guards the path {@code /api/history/user/**},
 * and this controller guards the other spellings of {@code user}.
 * <p>
 * {@code GET /api/history?actor_id=&since=&until=&entity_type=&after=&limit=}: the activity feed,
 * every object's events in position order, paged by position. Admins read anyone's; other users only
 * their own ({@code actor_id} = their id).
 */
@RestController
class HistoryQueryController {

    /** Entity type → the 404 detail for an id without history. Later features add their types. */
    private static final Map<String, String> NOT_FOUND = Map.ofEntries(
            Map.entry(UserId.TYPE, "User not found"),
            Map.entry(TagId.TYPE, "Tag not found"),
            Map.entry(ProjectId.TYPE, "Project not found"),
            Map.entry(PatientId.TYPE, "Patient not found"),
            Map.entry(StudyId.TYPE, "Study not found"),
            Map.entry(SeriesId.TYPE, "Series not found"),
            Map.entry(InstanceId.TYPE, "ImageInstance not found"),
            Map.entry(DeviceModelId.TYPE, "DeviceModel not found"),
            Map.entry(FeatureId.TYPE, "Feature not found"),
            Map.entry(SegmentationId.TYPE, "Segmentation not found"),
            Map.entry(TaskId.TYPE, "Task not found"),
            Map.entry(TaskDefinitionId.TYPE, "TaskDefinition not found"),
            Map.entry(SubTaskId.TYPE, "SubTask not found"),
            Map.entry(FormSchemaId.TYPE, "FormSchema not found"),
            Map.entry(FormAnnotationId.TYPE, "FormAnnotation not found"),
            Map.entry(ModelMessages.MODEL_TYPE, "Model not found"),
            Map.entry(ModelMessages.MODEL_SEGMENTATION_TYPE, "ModelSegmentation not found"),
            Map.entry(AttributeMessages.ATTRIBUTE_TYPE, "AttributeDefinition not found"),
            Map.entry(DeviceMessages.SCAN_TYPE, "Scan not found"),
            Map.entry(AttributeMessages.ATTRIBUTE_VALUE_TYPE, "AttributeValue not found"));

    /** Events per feed page unless {@code limit} says otherwise, and the most a page may hold. */
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;

    private final QueryGateway queries;

    HistoryQueryController(QueryGateway queries) {
        this.queries = queries;
    }

    @GetMapping("/api/history/{entity_type}/{id}")
    List<HistoryEntry> history(@PathVariable("entity_type") String name, @PathVariable("id") long id,
                               @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        String entityType = EntityTypeNames.canonical(name);
        String notFound = NOT_FOUND.get(entityType);
        if (notFound == null) {
            throw ApiException.notFound("Unknown entity type '" + name + "'; known: " + knownTypes()
                    + " (snake_case spellings such as form_annotation or sub_task work too)");
        }
        if (entityType.equals(UserId.TYPE) && !user.isAdmin()) {
            throw ApiException.forbidden("Admin role required");
        }
        List<HistoryEntry> entries = queries.query(new FindHistoryQuery(EntityId.aggregateIdentifier(entityType, id)),
                ResponseTypes.multipleInstancesOf(HistoryEntry.class)).join();
        if (entries.isEmpty()) {
            throw ApiException.notFound(notFound);
        }
        return entries;
    }

    @GetMapping("/api/history")
    ActivityFeed activity(@RequestParam(name = "actor_id", required = false) String actorId,
                          @RequestParam(name = "since", required = false) String since,
                          @RequestParam(name = "until", required = false) String until,
                          @RequestParam(name = "entity_type", required = false) String entityType,
                          @RequestParam(name = "after", required = false) String after,
                          @RequestParam(name = "limit", required = false) String limit,
                          @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) {
        Long actor = actorId == null ? null
                : LaxValues.queryLong("actor_id", actorId, 0, Long.MIN_VALUE, Long.MAX_VALUE);
        FindActivityQuery query = new FindActivityQuery(actor, QueryInstants.parse("since", since),
                QueryInstants.parse("until", until),
                entityType(entityType), LaxValues.queryLong("after", after, 0, 0, Long.MAX_VALUE),
                LaxValues.queryInt("limit", limit, DEFAULT_LIMIT, 1, MAX_LIMIT));
        if (!user.isAdmin() && (actor == null || actor != user.id())) {
            throw ApiException.forbidden("Admin role required to read other users' activity; "
                    + "ask for your own with actor_id=" + user.id());
        }
        return queries.query(query, ActivityFeed.class).join();
    }

    private static String knownTypes() {
        return String.join(", ", NOT_FOUND.keySet().stream().sorted().toList());
    }

    /** The same spellings as the per-object endpoint; an unknown type is a 422 listing the known ones. */
    static String entityType(String raw) {
        if (raw == null) {
            return null;
        }
        String canonical = EntityTypeNames.canonical(raw);
        if (!NOT_FOUND.containsKey(canonical)) {
            String expected = NOT_FOUND.keySet().stream().sorted().map(type -> "'" + type + "'")
                    .collect(Collectors.joining(", "));
            throw new RequestValidationException(new ValidationError("enum", List.of("query", "entity_type"),
                    "Input should be " + expected + " (snake_case and PascalCase spellings work too)", raw,
                    Map.of("expected", expected)));
        }
        return canonical;
    }
}
