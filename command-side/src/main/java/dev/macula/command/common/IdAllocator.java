package dev.macula.command.common;

import dev.macula.api.attributes.AttributeMessages;
import dev.macula.api.common.IdSource;
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
import dev.macula.api.tagging.TagId;
import dev.macula.api.tasks.SubTaskId;
import dev.macula.api.tasks.TaskDefinitionId;
import dev.macula.api.tasks.TaskId;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Hands out the integer ids the API speaks, from one PostgreSQL sequence per entity type, before
 * the creating command is sent (docs/architecture.md, Messages and identity). Gaps after a rejected command are harmless. Callers
 * name the type by its {@code TYPE} constant; the sequence is that name with underscores
 * ({@code form-schema} → {@code form_schema_id_seq}), so only the types listed here reach SQL.
 */
@Component
public class IdAllocator implements IdSource {

    private static final Set<String> SEQUENCED = Set.of(UserId.TYPE, TagId.TYPE, ProjectId.TYPE, PatientId.TYPE,
            StudyId.TYPE, SeriesId.TYPE, InstanceId.TYPE, DeviceModelId.TYPE, DeviceMessages.DEVICE_INSTANCE_TYPE,
            FeatureId.TYPE, SegmentationId.TYPE, ModelMessages.MODEL_TYPE, ModelMessages.MODEL_SEGMENTATION_TYPE,
            TaskId.TYPE, TaskDefinitionId.TYPE, SubTaskId.TYPE, FormSchemaId.TYPE, FormAnnotationId.TYPE,
            AttributeMessages.ATTRIBUTE_TYPE, AttributeMessages.ATTRIBUTE_VALUE_TYPE);

    private final JdbcTemplate jdbc;

    public IdAllocator(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long next(String entityType) {
        if (!SEQUENCED.contains(entityType)) {
            throw new IllegalArgumentException("no id sequence for " + entityType);
        }
        return jdbc.queryForObject("select nextval('" + entityType.replace('-', '_') + "_id_seq')", Long.class);
    }
}
