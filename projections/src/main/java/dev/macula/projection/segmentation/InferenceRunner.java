package dev.macula.projection.segmentation;

import dev.macula.api.attributes.AttributeDataType;
import dev.macula.api.attributes.AttributeEntity;
import dev.macula.api.attributes.AttributeMessages;
import dev.macula.api.attributes.AttributeMessages.AttributeValueColumns;
import dev.macula.api.attributes.AttributeMessages.DeclareModelOutputsCommand;
import dev.macula.api.attributes.AttributeMessages.DefineAttributeCommand;
import dev.macula.api.attributes.AttributeMessages.RecordAttributeValueCommand;
import dev.macula.api.attributes.AttributeMessages.RegisterAttributesModelCommand;
import dev.macula.api.common.IdSource;
import dev.macula.api.common.NameKey;
import dev.macula.api.common.SafePaths;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.segmentation.FeatureId;
import dev.macula.api.segmentation.FeatureMessages.CreateFeatureCommand;
import dev.macula.api.segmentation.ModelMessages;
import dev.macula.api.segmentation.ModelMessages.CreateModelSegmentationCommand;
import dev.macula.api.segmentation.ModelMessages.RegisterSegmentationModelCommand;
import dev.macula.api.segmentation.SegmentationEnums.DataRepresentation;
import dev.macula.api.segmentation.SegmentationEnums.Datatype;
import dev.macula.api.voxels.BlobStore;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.ZarrStore;
import dev.macula.projection.imaging.ThumbnailBackfill;
import dev.macula.projection.segmentation.models.SegmentationModel;
import dev.macula.projection.segmentation.models.VesselSegmentation;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The run_inference job (docs/api.md §5.6, with a model that runs here): every active colour fundus
 * image without a segmentation by the model gets one. The model is registered, with its feature, on
 * first use; results are model segmentations (events), their voxels blobs mirrored into the zarr
 * group {@code model_<name>_<version>}.
 */
@Component
public class InferenceRunner {

    private static final Logger log = LoggerFactory.getLogger(InferenceRunner.class);

    private final JdbcTemplate jdbc;
    private final CommandGateway commands;
    private final IdSource ids;
    private final Path imagesRoot;
    private final BlobStore blobs;
    private final ZarrStore zarr;
    private final SegmentationModel model = new VesselSegmentation();

    InferenceRunner(JdbcTemplate jdbc, CommandGateway commands, IdSource ids,
                    @Value("${macula.images-basepath}") Path imagesRoot,
                    @Value("${macula.data-dir}") Path dataDir, @Value("${macula.segmentations-zarr-store}") Path zarrRoot) {
        this.jdbc = jdbc;
        this.commands = commands;
        this.ids = ids;
        this.imagesRoot = imagesRoot;
        this.blobs = new BlobStore(dataDir.resolve("blobs"));
        this.zarr = new ZarrStore(zarrRoot);
    }

    private record Pending(long id, String datasetIdentifier) {
    }

    /** The attribute the run records per image beside the mask, and the attributes model that produces it. */
    private record Metrics(long attributeId, long modelId) {
    }

    static final String METRICS_MODEL = "macula-vessels-frangi-metrics";
    static final String AREA_FRACTION = "vessel_area_fraction";

    public void run(ThumbnailBackfill.Progress progress) {
        long modelId = ensureModel();
        Metrics metrics = ensureMetrics();
        List<Pending> images = jdbc.query("""
                        select i.id, i.dataset_identifier from image_instance i
                        where i.modality = 'ColorFundus' and not i.inactive
                          and not exists (select 1 from model_segmentation m where m.image_instance_id = i.id and m.model_id = ?)
                        order by i.id""",
                (rs, row) -> new Pending(rs.getLong("id"), rs.getString("dataset_identifier")), modelId);
        progress.total(images.size());
        for (Pending image : images) {
            if (progress.cancelled()) {
                return;
            }
            progress.done(segment(image, modelId, metrics));
        }
    }

    private boolean segment(Pending image, long modelId, Metrics metrics) {
        try {
            Optional<Path> file = SafePaths.resolveInside(imagesRoot, image.datasetIdentifier());
            BufferedImage pixels = file.isEmpty() ? null : ImageIO.read(file.get().toFile());
            if (pixels == null) {
                return false;
            }
            NdArray mask = model.segment(pixels);
            int[] shape = mask.shape();
            String checksum = blobs.put(mask.data());
            long zarrIndex = zarr.append(new ZarrStore.ArrayKey("model_" + model.name() + "_" + model.version(),
                    mask.dtype(), shape[0], shape[1], shape[2]), mask);
            long id = ids.next(ModelMessages.MODEL_SEGMENTATION_TYPE);
            commands.sendAndWait(new CreateModelSegmentationCommand(ModelMessages.modelSegmentationKey(id), id,
                    InstanceId.of(image.id()), modelId, DataRepresentation.valueOf(model.dataRepresentation()),
                    Datatype.valueOf(model.dataType()), shape[0], shape[1], shape[2], checksum, zarrIndex, null));
            recordAreaFraction(image.id(), mask, metrics);
            return true;
        } catch (Exception e) {
            log.info("Inference on image {} failed: {}", image.id(), e.toString());
            return false;
        }
    }

    /**
     * The share of the image's pixels the mask marks as vessel, as the image's attribute (shown in
     * its {@code attributes}, searchable, listed in the signature). An image segmented before the
     * attribute existed gets it when it is segmented again; one that has it keeps its value.
     */
    private void recordAreaFraction(long imageId, NdArray mask, Metrics metrics) {
        boolean recorded = Boolean.TRUE.equals(jdbc.queryForObject("""
                select exists (select 1 from attribute_value where entity_kind = 'image_instance' and entity_id = ?
                               and attribute_id = ? and model_id = ?)""", Boolean.class, imageId,
                metrics.attributeId(), metrics.modelId()));
        if (recorded) {
            return;
        }
        byte[] voxels = mask.data();
        long marked = 0;
        for (byte voxel : voxels) {
            if (voxel != 0) {
                marked++;
            }
        }
        double fraction = voxels.length == 0 ? 0 : Math.round(marked * 1e6 / voxels.length) / 1e6;
        long id = ids.next(AttributeMessages.ATTRIBUTE_VALUE_TYPE);
        commands.sendAndWait(new RecordAttributeValueCommand(AttributeMessages.valueKey(id), id, metrics.attributeId(),
                metrics.modelId(), new AttributeEntity(AttributeEntity.Kind.image_instance, imageId), null,
                new AttributeValueColumns(null, fraction, null, null), List.of()));
    }

    private Metrics ensureMetrics() {
        long attributeId = jdbc.queryForList("""
                select id from attribute_definition where lower(name) = lower(?) order by (name = ?) desc, id limit 1""",
                Long.class, AREA_FRACTION, AREA_FRACTION).stream().findFirst().orElseGet(() -> {
                    long id = ids.next(AttributeMessages.ATTRIBUTE_TYPE);
                    commands.sendAndWait(new DefineAttributeCommand(AttributeMessages.attributeKey(id), id,
                            AREA_FRACTION, AttributeDataType.Float));
                    return id;
                });
        long metricsModel = jdbc.queryForList("""
                select id from model where lower(name) = lower(?) order by (name = ?) desc, id limit 1""",
                Long.class, METRICS_MODEL, METRICS_MODEL).stream().findFirst().orElseGet(() -> {
                    long id = ids.next(ModelMessages.MODEL_TYPE);
                    commands.sendAndWait(new RegisterAttributesModelCommand(ModelMessages.modelKey(id), id,
                            METRICS_MODEL, model.version(), "Measures of the vessel masks of " + model.name(),
                            List.of(attributeId), List.of()));
                    return id;
                });
        commands.sendAndWait(new DeclareModelOutputsCommand(ModelMessages.modelKey(metricsModel), metricsModel,
                List.of(attributeId)));
        return new Metrics(attributeId, metricsModel);
    }

    private long ensureModel() {
        Optional<Long> existing = jdbc.queryForList("select id from model where name = ?", Long.class, model.name())
                .stream().findFirst();
        if (existing.isPresent()) {
            return existing.get();
        }
        long featureId = jdbc.queryForList("select id from feature where name_key = ?", Long.class,
                NameKey.of(model.featureName())).stream().findFirst().orElseGet(() -> {
                    long id = ids.next(FeatureId.TYPE);
                    commands.sendAndWait(new CreateFeatureCommand(FeatureId.of(id), model.featureName(), List.of()));
                    return id;
                });
        long modelId = ids.next(ModelMessages.MODEL_TYPE);
        commands.sendAndWait(new RegisterSegmentationModelCommand(ModelMessages.modelKey(modelId), modelId, model.name(),
                model.version(), "Classical vessel segmentation: green channel, Frangi vesselness, Otsu",
                FeatureId.of(featureId)));
        return modelId;
    }
}
