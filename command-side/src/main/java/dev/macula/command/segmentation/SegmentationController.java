package dev.macula.command.segmentation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.macula.api.common.ApiException;
import dev.macula.api.common.CurrentUser;
import dev.macula.api.common.JsonBody;
import dev.macula.api.common.LaxValues;
import dev.macula.api.common.RequestValidationException;
import dev.macula.api.common.ValidationError;
import dev.macula.api.imaging.InstanceId;
import dev.macula.api.segmentation.FeatureId;
import dev.macula.api.segmentation.SegmentationEnums.DataRepresentation;
import dev.macula.api.segmentation.SegmentationEnums.Datatype;
import dev.macula.api.segmentation.SegmentationId;
import dev.macula.api.segmentation.SegmentationMessages.CreateSegmentationCommand;
import dev.macula.api.segmentation.SegmentationMessages.DeactivateSegmentationCommand;
import dev.macula.api.segmentation.SegmentationMessages.FindSegmentationQuery;
import dev.macula.api.segmentation.SegmentationMessages.Geometry;
import dev.macula.api.segmentation.SegmentationMessages.UpdateSegmentationCommand;
import dev.macula.api.segmentation.SegmentationView;
import dev.macula.api.voxels.NdArray;
import dev.macula.api.voxels.Npy;
import dev.macula.api.voxels.Slices;
import dev.macula.api.voxels.UnsupportedDtypeException;
import dev.macula.api.voxels.VoxelFormatException;
import dev.macula.command.common.CommandDispatcher;
import dev.macula.command.common.IdAllocator;
import dev.macula.command.common.ReadModel;
import dev.macula.command.segmentation.SegmentationLookups.ImageSize;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Create, patch and soft-delete grader segmentations (docs/api.md §3.4, docs/api.md §6.3, docs/api.md §6.7). */
@RestController
class SegmentationController {

    private static final String NOT_FOUND = "Segmentation not found";

    private final CommandDispatcher commands;
    private final QueryGateway queries;
    private final IdAllocator ids;
    private final SegmentationLookups lookups;
    private final VoxelStorage storage;
    private final ObjectMapper mapper;

    SegmentationController(CommandDispatcher commands, QueryGateway queries, IdAllocator ids,
                           SegmentationLookups lookups, VoxelStorage storage, ObjectMapper mapper) {
        this.commands = commands;
        this.queries = queries;
        this.ids = ids;
        this.lookups = lookups;
        this.storage = storage;
        this.mapper = mapper;
    }

    @PostMapping("/api/segmentations")
    SegmentationView create(@RequestPart(name = "metadata", required = false) String metadata,
                  @RequestPart(name = "np_array", required = false) MultipartFile upload,
                  @RequestAttribute(CurrentUser.ATTRIBUTE) CurrentUser user) throws IOException {
        if (metadata == null) {
            throw new RequestValidationException(ValidationError.of("missing", List.of("body", "metadata"),
                    "Field required", null));
        }
        JsonBody body = JsonBody.parse(metadata.getBytes(StandardCharsets.UTF_8), mapper);
        Long imageId = body.requiredInt("image_instance_id");
        Long depth = body.requiredInt("depth");
        Long height = body.requiredInt("height");
        Long width = body.requiredInt("width");
        Long sparseAxis = body.optionalInt("sparse_axis");
        JsonNode matrix = body.raw("image_projection_matrix");
        JsonNode scanIndicesNode = body.raw("scan_indices");
        Double threshold = number(body.raw("threshold"), "threshold");
        Long referenceId = body.optionalInt("reference_segmentation_id");
        Datatype dataType = body.requiredEnum("data_type", Datatype.class);
        DataRepresentation representation = body.requiredEnum("data_representation", DataRepresentation.class);
        Long featureId = body.requiredInt("feature_id");
        Long subtaskId = body.optionalInt("subtask_id");
        body.validate();

        ImageSize image = lookups.imageSize(imageId)
                .orElseThrow(() -> ApiException.badRequest("Segmentation has no associated image"));
        List<Integer> scanIndices = integers(scanIndicesNode);
        List<List<Double>> projection = matrix(matrix);
        require(lookups.exists(ReadModel.FEATURE, featureId), "feature_id", "Feature " + featureId + " does not exist",
                featureId);
        if (referenceId != null) {
            Long referenceImage = lookups.imageOf(referenceId).orElse(null);
            require(referenceImage != null && referenceImage.equals(imageId), "reference_segmentation_id",
                    "Reference segmentation " + referenceId + " does not exist for this image", referenceId);
        }
        require(sparseAxis == null || (sparseAxis >= 0 && sparseAxis <= 2), "sparse_axis",
                "sparse_axis must be 0, 1 or 2", sparseAxis);
        require(threshold == null || representation != DataRepresentation.Probability
                || (threshold >= 0 && threshold <= 1), "threshold", "threshold must be within [0, 1]", threshold);

        NdArray uploaded = upload == null || upload.isEmpty() ? null : decode(upload);
        int[] shape;
        NdArray data;
        if (uploaded == null) {
            shape = new int[]{depth == 0 ? image.frames() : depth.intValue(),
                    height == 0 ? size(image.rows(), "height") : height.intValue(),
                    width == 0 ? size(image.columns(), "width") : width.intValue()};
            data = NdArray.zeros(dataType.element(), shape);
        } else {
            if (uploaded.ndim() != 3) {
                throw ApiException.badRequest("Segmentation is not 3D, got shape " + NdArray.python(uploaded.shape()));
            }
            shape = new int[]{depth.intValue(), height.intValue(), width.intValue()};
            data = scanIndices == null ? dense(uploaded, shape, dataType)
                    : sparse(uploaded, shape, dataType, sparseAxis, scanIndices);
        }
        validateGeometry(shape, image, sparseAxis, scanIndices, projection);

        SegmentationId id = SegmentationId.of(ids.next(SegmentationId.TYPE));
        String checksum = storage.blobs.put(data.data());
        long zarrIndex = storage.zarr.append(VoxelStorage.key(representation, dataType, shape[0], shape[1], shape[2]), data);
        Geometry geometry = new Geometry(representation, dataType, shape[0], shape[1], shape[2],
                sparseAxis == null ? null : sparseAxis.intValue(), projection, scanIndices);
        commands.send(new CreateSegmentationCommand(id, InstanceId.of(imageId), FeatureId.of(featureId), user.userId(),
                subtaskId, geometry, threshold, referenceId, checksum, zarrIndex));
        return find(id);
    }

    @PatchMapping("/api/segmentations/{segmentation_id}")
    SegmentationView update(@PathVariable("segmentation_id") long segmentationId, JsonBody body) {
        Long referenceId = body.optionalInt("reference_segmentation_id");
        Long featureId = body.optionalInt("feature_id");
        Double threshold = number(body.raw("threshold"), "threshold");
        body.validate();
        SegmentationId id = existing(segmentationId);
        if (featureId != null) {
            require(lookups.exists(ReadModel.FEATURE, featureId), "feature_id",
                    "Feature " + featureId + " does not exist", featureId);
        }
        if (referenceId != null) {
            require(lookups.isOtherOnSameImage(referenceId, segmentationId), "reference_segmentation_id",
                    "Reference segmentation " + referenceId + " does not exist for this image", referenceId);
        }
        commands.send(new UpdateSegmentationCommand(id, referenceId, featureId == null ? null : FeatureId.of(featureId),
                threshold), NOT_FOUND);
        return find(id);
    }

    /** Soft delete: the segmentation stays readable by id (docs/api.md §1.4). */
    @DeleteMapping("/api/segmentations/{segmentation_id}")
    ResponseEntity<Void> delete(@PathVariable("segmentation_id") long segmentationId) {
        commands.send(new DeactivateSegmentationCommand(existing(segmentationId)), NOT_FOUND);
        return ResponseEntity.noContent().build();
    }

    private static NdArray dense(NdArray uploaded, int[] shape, Datatype type) {
        if (!Arrays.equals(uploaded.shape(), shape)) {
            throw ApiException.badRequest("Segmentation shape " + NdArray.python(shape) + " does not match array shape "
                    + NdArray.python(uploaded.shape()));
        }
        return requireType(uploaded, type);
    }

    /** Slice {@code scan_indices[i]} along {@code sparse_axis} receives slice i of the upload (docs/api.md §9.2 item 24). */
    private static NdArray sparse(NdArray uploaded, int[] shape, Datatype type, Long sparseAxis, List<Integer> indices) {
        if (sparseAxis == null) {
            throw ApiException.badRequest("SparseAxis is not set for sparse volume");
        }
        int axis = sparseAxis.intValue();
        if (indices.size() != uploaded.shape()[axis]) {
            throw ApiException.badRequest("ScanIndices length " + indices.size()
                    + " does not match array sparse axis length " + uploaded.shape()[axis]);
        }
        requireType(uploaded, type);
        NdArray data = NdArray.zeros(type.element(), shape);
        for (int i = 0; i < indices.size(); i++) {
            NdArray slice = Slices.read(uploaded, axis, i);
            int[] expected = Slices.sliceShape(shape, axis);
            if (!Arrays.equals(slice.shape(), expected)) {
                throw ApiException.badRequest("Expected slice shape " + NdArray.python(expected) + ", got "
                        + NdArray.python(slice.shape()));
            }
            if (indices.get(i) < 0 || indices.get(i) >= shape[axis]) {
                throw new RequestValidationException(ValidationError.of("value_error", List.of("body", "scan_indices", i),
                        "Value error, scan index out of range [0, " + shape[axis] + ")", indices.get(i)));
            }
            data = Slices.write(data, axis, indices.get(i), slice);
        }
        return data;
    }

    private static NdArray requireType(NdArray array, Datatype type) {
        if (array.dtype() != type.element()) {
            throw ApiException.badRequest("Expected dtype " + type.element().zarrName() + ", got " + array.dtype().zarrName());
        }
        return array;
    }

    /** docs/api.md §6.7 rules as 422: sizes match the image (or are 1) unless a projection maps them; scan indices unique. */
    private static void validateGeometry(int[] shape, ImageSize image, Long sparseAxis, List<Integer> scanIndices,
                                         List<List<Double>> projection) {
        Integer[] imageShape = {image.frames(), image.rows(), image.columns()};
        String[] names = {"depth", "height", "width"};
        for (int axis = 0; axis < 3; axis++) {
            boolean inPlane = axis > 0;
            if (imageShape[axis] == null || (projection != null && inPlane)) {
                continue;
            }
            if (shape[axis] != imageShape[axis] && shape[axis] != 1) {
                throw new RequestValidationException(ValidationError.of("value_error", List.of("body", names[axis]),
                        "Value error, " + names[axis] + " " + shape[axis] + " does not match the image's "
                                + imageShape[axis] + " (nor is it 1)", shape[axis]));
            }
        }
        if (scanIndices != null) {
            if (sparseAxis == null) {
                throw new RequestValidationException(ValidationError.of("value_error", List.of("body", "sparse_axis"),
                        "Value error, scan_indices need a sparse_axis", null));
            }
            if (new HashSet<>(scanIndices).size() != scanIndices.size()) {
                throw new RequestValidationException(ValidationError.of("value_error", List.of("body", "scan_indices"),
                        "Value error, scan indices must be unique", scanIndices));
            }
            for (int i = 0; i < scanIndices.size(); i++) {
                int index = scanIndices.get(i);
                if (index < 0 || index >= shape[sparseAxis.intValue()]) {
                    throw new RequestValidationException(ValidationError.of("value_error",
                            List.of("body", "scan_indices", i), "Value error, scan index out of range [0, "
                                    + shape[sparseAxis.intValue()] + ")", index));
                }
            }
        }
    }

    private NdArray decode(MultipartFile upload) throws IOException {
        try (InputStream in = upload.getInputStream()) {
            String name = upload.getOriginalFilename();
            byte[] bytes = name != null && name.endsWith(".gz") ? new GZIPInputStream(in).readAllBytes() : in.readAllBytes();
            return Npy.read(bytes);
        } catch (UnsupportedDtypeException e) {
            throw ApiException.badRequest("Expected a uint8, uint16, uint32 or float32 array, got " + e.numpyName());
        } catch (VoxelFormatException | java.util.zip.ZipException e) {
            throw ApiException.badRequest("np_array is not a valid .npy file: " + e.getMessage());
        }
    }

    private static int size(Integer imageSize, String field) {
        if (imageSize == null || imageSize <= 0) {
            throw new RequestValidationException(ValidationError.of("value_error", List.of("body", field),
                    "Value error, the image's size is unknown: give " + field, 0));
        }
        return imageSize;
    }

    private static List<Integer> integers(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new RequestValidationException(ValidationError.of("list_type", List.of("body", "scan_indices"),
                    "Input should be a valid list", node));
        }
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            Long value = node.get(i).isIntegralNumber() ? Long.valueOf(node.get(i).longValue())
                    : node.get(i).isTextual() ? LaxValues.integer(node.get(i).textValue()) : null;
            if (value == null) {
                throw new RequestValidationException(ValidationError.of("int_parsing", List.of("body", "scan_indices", i),
                        "Input should be a valid integer", node.get(i)));
            }
            values.add(value.intValue());
        }
        return values;
    }

    private static List<List<Double>> matrix(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        boolean ok = node.isArray() && node.size() == 3;
        List<List<Double>> rows = new ArrayList<>();
        for (int r = 0; ok && r < 3; r++) {
            JsonNode row = node.get(r);
            ok = row.isArray() && row.size() == 3;
            List<Double> values = new ArrayList<>();
            for (int c = 0; ok && c < 3; c++) {
                ok = row.get(c).isNumber();
                values.add(row.get(c).doubleValue());
            }
            rows.add(values);
        }
        if (!ok) {
            throw new RequestValidationException(ValidationError.of("value_error",
                    List.of("body", "image_projection_matrix"), "Value error, a 3×3 matrix of numbers is required", node));
        }
        return rows;
    }

    private static Double number(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        try {
            return node.isTextual() ? Double.valueOf(node.textValue().strip()) : null;
        } catch (NumberFormatException e) {
            throw new RequestValidationException(ValidationError.of("float_parsing", List.of("body", field),
                    "Input should be a valid number, unable to parse string as a number", node));
        }
    }

    private static void require(boolean condition, String field, String message, Object input) {
        if (!condition) {
            throw new RequestValidationException(ValidationError.of("value_error", List.of("body", field),
                    "Value error, " + message, input));
        }
    }

    SegmentationId existing(long segmentationId) {
        if (!lookups.exists(ReadModel.SEGMENTATION, segmentationId)) {
            throw ApiException.notFound(NOT_FOUND);
        }
        return SegmentationId.of(segmentationId);
    }

    private SegmentationView find(SegmentationId id) {
        return queries.query(new FindSegmentationQuery(id), ResponseTypes.instanceOf(SegmentationView.class)).join();
    }
}
