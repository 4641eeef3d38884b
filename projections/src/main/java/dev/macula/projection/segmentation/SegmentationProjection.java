package dev.macula.projection.segmentation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.common.MessageMetadata;
import dev.macula.api.segmentation.SegmentationMessages.Geometry;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationCreatedEvent;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationDataWrittenEvent;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationDeactivatedEvent;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationFieldsClearedEvent;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationReactivatedEvent;
import dev.macula.api.segmentation.SegmentationMessages.SegmentationUpdatedEvent;
import dev.macula.projection.common.InlineReadModel;
import dev.macula.projection.common.Times;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.MetaData;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;

/** {@code segmentation} and {@code segmentation_version}; inline, so a GET after a write sees it. */
@Component
@ProcessingGroup(SegmentationProjection.GROUP)
@InlineReadModel(tables = {"segmentation_version", "segmentation"})
class SegmentationProjection {

    static final String GROUP = "segmentations";

    private final JdbcTemplate jdbc;
    private final ObjectMapper json = new ObjectMapper();

    SegmentationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(SegmentationCreatedEvent event, @Timestamp Instant at) {
        Geometry g = event.geometry();
        jdbc.update("""
                insert into segmentation (id, image_instance_id, feature_id, creator_id, subtask_id,
                    data_representation, data_type, depth, height, width, sparse_axis, image_projection_matrix,
                    scan_indices, threshold, reference_segmentation_id, zarr_array_index, data_version, data_checksum,
                    inactive, date_inserted)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, 0, ?, false, ?)
                on conflict (id) do nothing""",
                event.segmentationId().value(), event.imageInstanceId().value(), event.featureId().value(),
                event.creatorId().value(), event.subtaskId(), g.dataRepresentation().name(), g.dataType().name(),
                g.depth(), g.height(), g.width(), g.sparseAxis(), text(g.imageProjectionMatrix()),
                text(g.scanIndices()), event.threshold(), event.referenceSegmentationId(),
                event.zarrIndex() < 0 ? null : event.zarrIndex(), event.checksum(), Times.seconds(at));
    }

    @EventHandler
    void on(SegmentationUpdatedEvent event, @Timestamp Instant at) {
        jdbc.update("""
                update segmentation set reference_segmentation_id = coalesce(?, reference_segmentation_id),
                    feature_id = coalesce(?, feature_id), threshold = coalesce(?, threshold), date_modified = ?
                where id = ?""",
                event.referenceSegmentationId(), event.featureId() == null ? null : event.featureId().value(),
                event.threshold(), Times.seconds(at), event.segmentationId().value());
    }

    @EventHandler
    void on(SegmentationFieldsClearedEvent event, @Timestamp Instant at) {
        jdbc.update("""
                update segmentation set threshold = case when ? then null else threshold end,
                    reference_segmentation_id = case when ? then null else reference_segmentation_id end,
                    date_modified = ?
                where id = ?""",
                event.threshold(), event.referenceSegmentation(), Times.seconds(at), event.segmentationId().value());
    }

    @EventHandler
    void on(SegmentationDeactivatedEvent event) {
        jdbc.update("update segmentation set inactive = true where id = ?", event.segmentationId().value());
    }

    @EventHandler
    void on(SegmentationReactivatedEvent event) {
        jdbc.update("update segmentation set inactive = false where id = ?", event.segmentationId().value());
    }

    /** Version 1 comes with the creation and leaves DateModified empty; later versions set it (docs/api.md §9.2 item 28). */
    @EventHandler
    void on(SegmentationDataWrittenEvent event, @Timestamp Instant at, MetaData metaData) {
        jdbc.update("""
                update segmentation set data_version = ?, data_checksum = ?, scan_indices = ?::jsonb,
                    date_modified = case when ? > 1 then ? else date_modified end
                where id = ? and data_version < ?""",
                event.version(), event.checksum(), text(event.scanIndices()), event.version(), Times.seconds(at),
                event.segmentationId().value(), event.version());
        Object actorId = metaData.get(MessageMetadata.ACTOR_ID);
        Object actorName = metaData.get(MessageMetadata.ACTOR_NAME);
        jdbc.update("""
                insert into segmentation_version (segmentation_id, version, checksum, axis, scan_nr, actor_id,
                    actor_name, written_at)
                values (?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing""",
                event.segmentationId().value(), event.version(), event.checksum(), event.axis(), event.scanNr(),
                actorId instanceof Number n ? n.longValue() : null, actorName == null ? null : actorName.toString(),
                Times.seconds(at));
    }

    private String text(Object value) {
        try {
            return value == null ? null : json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
