package dev.macula.api.voxels;

/** An array of an element type the platform does not store (e.g. int64): carries NumPy's name for it. */
public class UnsupportedDtypeException extends VoxelFormatException {

    private final String numpyName;

    public UnsupportedDtypeException(String numpyName) {
        super("unsupported dtype " + numpyName);
        this.numpyName = numpyName;
    }

    public String numpyName() {
        return numpyName;
    }
}
