package dev.macula.api.voxels;

/** Bytes that are not what the format says (a broken {@code .npy}, an unsupported zarr array). */
public class VoxelFormatException extends IllegalArgumentException {

    public VoxelFormatException(String message) {
        super(message);
    }
}
