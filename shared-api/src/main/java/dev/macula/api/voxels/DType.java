package dev.macula.api.voxels;

/**
 * Element types of segmentation arrays (docs/api.md §1.2 Datatype → element type, docs/api.md §6.4 descr) with their
 * zarr v3 {@code data_type} names and little-endian NumPy descriptors.
 */
public enum DType {
    UINT8("uint8", "|u1", 1),
    UINT16("uint16", "<u2", 2),
    UINT32("uint32", "<u4", 4),
    FLOAT32("float32", "<f4", 4),
    BOOL("bool", "|b1", 1);

    private final String zarrName;
    private final String descr;
    private final int size;

    DType(String zarrName, String descr, int size) {
        this.zarrName = zarrName;
        this.descr = descr;
        this.size = size;
    }

    /** The zarr {@code data_type} and NumPy dtype name, e.g. {@code uint8}. */
    public String zarrName() {
        return zarrName;
    }

    /** Little-endian (or byte-order free) NumPy descriptor, e.g. {@code <u2}. */
    public String descr() {
        return descr;
    }

    public int size() {
        return size;
    }

    public static DType ofZarrName(String name) {
        for (DType type : values()) {
            if (type.zarrName.equals(name)) {
                return type;
            }
        }
        throw new VoxelFormatException("unsupported zarr data_type: " + name);
    }
}
