package dev.macula.command.segmentation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.DetailedApiException;
import dev.macula.api.common.JsonBody;
import dev.macula.api.common.LaxValues;
import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;
import dev.macula.api.segmentation.FeatureId;
import dev.macula.api.segmentation.FeatureMessages.CreateFeatureCommand;
import dev.macula.api.segmentation.FeatureMessages.DeleteFeatureCommand;
import dev.macula.api.segmentation.FeatureMessages.FindFeatureQuery;
import dev.macula.api.segmentation.FeatureMessages.UpdateFeatureCommand;
import dev.macula.api.segmentation.FeatureView;
import dev.macula.command.common.CommandDispatcher;
import dev.macula.command.common.IdAllocator;
import dev.macula.command.common.ReadModel;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes on features (docs/api.md §3.7, docs/api.md §8) with the recommended validations: 422 for bad children, 409 for names. */
@RestController
class FeatureController {

    static final int MAX_NAME = 60;
    private static final String NOT_FOUND = "Feature not found";

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final IdAllocator ids;
    private final SegmentationLookups lookups;

    FeatureController(CommandDispatcher commands, QueryGateway queries, IdAllocator ids, SegmentationLookups lookups) {
        this.commands = commands;
        this.queries = queries;
        this.ids = ids;
        this.lookups = lookups;
    }

    @PostMapping("/api/features")
    FeatureView create(JsonBody body) {
        String name = body.requiredString("name", MAX_NAME);
        JsonNode children = body.raw("subfeature_ids");
        body.validate();
        FeatureId id = FeatureId.of(ids.next(FeatureId.TYPE));
        List<FeatureId> subfeatures = children(children, null);
        commands.send(new CreateFeatureCommand(id, name, subfeatures));
        return find(id);
    }

    @PatchMapping("/api/features/{feature_id}")
    FeatureView update(@PathVariable("feature_id") long featureId, JsonBody body) {
        String name = body.optionalString("name", MAX_NAME);
        JsonNode children = body.raw("subfeature_ids");
        body.validate();
        FeatureId id = existing(featureId);
        List<FeatureId> subfeatures = children == null || children.isNull() ? null : children(children, id);
        commands.send(new UpdateFeatureCommand(id, name, subfeatures), NOT_FOUND);
        return find(id);
    }

    /** The docs/api.md §8.3 checks, in order, then the delete. */
    @DeleteMapping("/api/features/{feature_id}")
    ResponseEntity<Void> delete(@PathVariable("feature_id") long featureId) {
        FeatureId id = existing(featureId);
        String name = lookups.featureName(featureId);
        int segmentations = lookups.segmentationsOfFeature(featureId);
        if (segmentations > 0) {
            throw new DetailedApiException(409, ordered("code", "FEATURE_HAS_SEGMENTATIONS",
                    "message", "Cannot delete feature '" + name + "' because it has " + segmentations
                            + " linked segmentation(s).", "segmentation_count", segmentations));
        }
        List<String> parents = lookups.parentNames(featureId);
        if (!parents.isEmpty()) {
            throw new DetailedApiException(409, ordered("code", "FEATURE_IS_CHILD",
                    "message", "Cannot delete feature '" + name + "' because it is a child of " + parents.size()
                            + " feature(s). Remove those links first.", "parents", parents));
        }
        commands.send(new DeleteFeatureCommand(id), NOT_FOUND);
        return ResponseEntity.noContent().build();
    }

    /** Children must be known features, listed once, and not the feature itself or one of its ancestors. */
    private List<FeatureId> children(JsonNode list, FeatureId self) {
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw invalid(List.of("body", "subfeature_ids"), "list_type", "Input should be a valid list", list);
        }
        List<FeatureId> result = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            Long value = item.isIntegralNumber() ? Long.valueOf(item.longValue())
                    : item.isTextual() ? LaxValues.integer(item.textValue()) : null;
            List<Object> loc = List.of("body", "subfeature_ids", i);
            if (value == null) {
                throw invalid(loc, "int_parsing", "Input should be a valid integer", item);
            }
            if (!seen.add(value)) {
                throw invalid(loc, "value_error", "Value error, feature " + value + " is listed twice", item);
            }
            if (self != null && value == self.value()) {
                throw invalid(loc, "value_error", "Value error, a feature cannot be its own subfeature", item);
            }
            if (!lookups.exists(ReadModel.FEATURE, value)) {
                throw invalid(loc, "value_error", "Value error, feature " + value + " does not exist", item);
            }
            if (self != null && lookups.isBelow(self.value(), value)) {
                throw invalid(loc, "value_error", "Value error, feature " + value
                        + " contains this feature; the hierarchy would have a cycle", item);
            }
            result.add(FeatureId.of(value));
        }
        return result;
    }

    private FeatureId existing(long id) {
        if (!lookups.exists(ReadModel.FEATURE, id)) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return FeatureId.of(id);
    }

    private FeatureView find(FeatureId id) {
        FeatureView view = queries.query(new FindFeatureQuery(id), ResponseTypes.instanceOf(FeatureView.class)).join();
        if (view == null) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return view;
    }

    private static RequestValidationException invalid(List<Object> loc, String type, String message, JsonNode input) {
        return new RequestValidationException(ValidationError.of(type, loc, message, input));
    }

    private static Map<String, Object> ordered(Object... pairs) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
