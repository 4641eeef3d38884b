package dev.macula.projection.segmentation;

import dev.macula.api.attributes.AttributeMessages.AttributesModelRegisteredEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.segmentation.ModelMessages.ModelSegmentationCreatedEvent;
import dev.macula.api.segmentation.ModelMessages.OutputGeometry;
import dev.macula.api.segmentation.ModelMessages.SegmentationModelRegisteredEvent;
import dev.macula.projection.common.InlineReadModel;
import dev.macula.projection.common.Times;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** {@code model} (segmentation and attributes models) and {@code model_segmentation}; inline. */
@Component
@ProcessingGroup(ModelProjection.GROUP)
@InlineReadModel(tables = {"model_segmentation", "model"})
class ModelProjection {

    static final String GROUP = "models";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JdbcTemplate jdbc;

    ModelProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SegmentationModelRegisteredEvent event, @Timestamp Instant at) {
        jdbc.update("""
                insert into model (id, name, version, model_type, description, feature_id, date_inserted)
                values (?, ?, ?, 'segmentation', ?, ?, ?) on conflict (id) do nothing""",
                event.modelId(), event.name(), event.version(), event.description(),
                event.featureId() == null ? null : event.featureId().value(), Times.seconds(at));
    }

    @EventHandler
    void on(AttributesModelRegisteredEvent event, @Timestamp Instant at) {
        jdbc.update("""
                insert into model (id, name, version, model_type, description, feature_id, date_inserted)
                values (?, ?, ?, 'attributes', ?, null, ?) on conflict (id) do nothing""",
                event.modelId(), event.name(), event.version(), event.description(), Times.seconds(at));
    }

    @EventHandler
    void on(ModelSegmentationCreatedEvent event, @Timestamp Instant at) throws JsonProcessingException {
        OutputGeometry g = event.geometry() == null ? new OutputGeometry(null, null, null, null, null) : event.geometry();
        jdbc.update("""
                insert into model_segmentation (id, image_instance_id, model_id, data_representation, data_type, depth,
                    height, width, zarr_array_index, data_checksum, date_inserted, sparse_axis, image_projection_matrix,
                    scan_indices, threshold, reference_segmentation_id)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?) on conflict (id) do nothing""",
                event.modelSegmentationId(), event.imageInstanceId().value(), event.modelId(),
                event.dataRepresentation().name(), event.dataType().name(), event.depth(), event.height(), event.width(),
                event.zarrIndex() < 0 ? null : event.zarrIndex(), event.checksum(), Times.seconds(at), g.sparseAxis(),
                json(g.imageProjectionMatrix()), json(g.scanIndices()), g.threshold(), g.referenceSegmentationId());
    }

    private static String json(Object value) throws JsonProcessingException {
        return value == null ? null : JSON.writeValueAsString(value);
    }
}
