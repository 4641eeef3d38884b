package dev.macula.api.voxels;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NumPy {@code .npy} format (docs/api.md §6.4). Reads versions 1–3, either byte order and Fortran
 * order (converted to little-endian C order); writes version 1.0 byte-for-byte as NumPy 2 does,
 * including the header's spare growth space and 64-byte alignment.
 */
public final class Npy {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int ALIGN = 64;
    private static final int GROWTH_AXIS_MAX_DIGITS = 21;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    /** NumPy names of descriptors we do not store, for messages like "Expected dtype uint8, got int64". */
    private static final Map<String, String> OTHER_NAMES = Map.ofEntries(
            Map.entry("i1", "int8"), Map.entry("i2", "int16"), Map.entry("i4", "int32"), Map.entry("i8", "int64"),
            Map.entry("u8", "uint64"), Map.entry("f2", "float16"), Map.entry("f8", "float64"),
            Map.entry("c8", "complex64"), Map.entry("c16", "complex128"));

    private Npy() {
    }

    /**
     * What a {@code .npy} header says and where its data starts. {@code inPlace} data is already in
     * little-endian C order, so {@code bytes[offset, offset + length)} can be used as it is.
     */
    public record Header(DType dtype, int[] shape, boolean fortran, boolean bigEndian, int offset, int length) {

        public Header {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }

        public int ndim() {
            return shape.length;
        }

        public boolean inPlace() {
            return !bigEndian && !(fortran && shape.length > 1);
        }
    }

    public static NdArray read(byte[] bytes) {
        Header header = header(bytes);
        byte[] data = Arrays.copyOfRange(bytes, header.offset(), header.offset() + header.length());
        if (header.bigEndian()) {
            swap(data, header.dtype().size());
        }
        if (header.fortran() && header.ndim() > 1) {
            data = fortranToC(data, header.shape(), header.dtype().size());
        }
        return new NdArray(header.dtype(), header.shape(), data);
    }

    /** Parses the header and checks that the data is all there, without touching the data. */
    public static Header header(byte[] bytes) {
        if (bytes == null || bytes.length < 10 || !Arrays.equals(Arrays.copyOf(bytes, 6), MAGIC)) {
            throw new VoxelFormatException("not a .npy file");
        }
        int major = bytes[6];
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int headerLength;
        int start;
        if (major == 1) {
            headerLength = buffer.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new VoxelFormatException("truncated .npy header");
            }
            headerLength = buffer.getInt(8);
            start = 12;
        } else {
            throw new VoxelFormatException("unsupported .npy version " + major);
        }
        if (headerLength < 0 || start + (long) headerLength > bytes.length) {
            throw new VoxelFormatException("truncated .npy header");
        }
        String header = new String(bytes, start, headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, "descr");
        boolean fortran = group(FORTRAN, header, "fortran_order").equals("True");
        int[] shape = shape(group(SHAPE, header, "shape"));

        DType dtype = dtype(descr);
        boolean bigEndian = descr.startsWith(">") && dtype.size() > 1;
        int offset = start + headerLength;
        long length = NdArray.elements(shape) * dtype.size();
        if (bytes.length - offset < length) {
            throw new VoxelFormatException("the .npy data is shorter than its shape " + NdArray.python(shape));
        }
        return new Header(dtype, shape, fortran, bigEndian, offset, Math.toIntExact(length));
    }

    public static byte[] write(NdArray array) {
        byte[] header = header(array.dtype(), array.shape());
        byte[] out = Arrays.copyOf(header, header.length + array.data().length);
        System.arraycopy(array.data(), 0, out, header.length, array.data().length);
        return out;
    }

    /**
     * The version 1.0 header NumPy 2 writes for an array of this type and shape (magic to newline): the
     * data follows it directly, so a writer can put the data behind it without building an NdArray.
     */
    public static byte[] header(DType dtype, int[] shape) {
        StringBuilder header = new StringBuilder("{'descr': '").append(dtype.descr())
                .append("', 'fortran_order': False, 'shape': ").append(NdArray.python(shape)).append(", }");
        if (shape.length > 0) {
            header.append(" ".repeat(Math.max(0, GROWTH_AXIS_MAX_DIGITS - Integer.toString(shape[0]).length())));
        }
        int withNewline = header.length() + 1;
        int padding = ALIGN - ((10 + withNewline) % ALIGN);
        header.append(" ".repeat(padding)).append('\n');
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (headerBytes.length > 0xffff) {
            throw new VoxelFormatException("shape too large for a version 1.0 header");
        }
        return ByteBuffer.allocate(10 + headerBytes.length).order(ByteOrder.LITTLE_ENDIAN)
                .put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) headerBytes.length).put(headerBytes).array();
    }

    private static DType dtype(String descr) {
        String kind = descr.isEmpty() ? "" : descr.substring(descr.charAt(0) == '<' || descr.charAt(0) == '>'
                || descr.charAt(0) == '|' || descr.charAt(0) == '=' ? 1 : 0);
        return switch (kind) {
            case "u1" -> DType.UINT8;
            case "u2" -> DType.UINT16;
            case "u4" -> DType.UINT32;
            case "f4" -> DType.FLOAT32;
            case "b1" -> DType.BOOL;
            default -> throw new UnsupportedDtypeException(OTHER_NAMES.getOrDefault(kind, descr));
        };
    }

    private static int[] shape(String tuple) {
        String trimmed = tuple.strip();
        if (trimmed.isEmpty()) {
            return new int[0];
        }
        return Arrays.stream(trimmed.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .mapToInt(s -> {
                    try {
                        return Integer.parseInt(s.endsWith("L") ? s.substring(0, s.length() - 1) : s);
                    } catch (NumberFormatException e) {
                        throw new VoxelFormatException("bad .npy shape (" + tuple + ")");
                    }
                }).toArray();
    }

    private static String group(Pattern pattern, String header, String key) {
        Matcher matcher = pattern.matcher(header);
        if (!matcher.find()) {
            throw new VoxelFormatException("the .npy header has no '" + key + "'");
        }
        return matcher.group(1);
    }

    private static void swap(byte[] data, int size) {
        for (int i = 0; i < data.length; i += size) {
            for (int a = i, b = i + size - 1; a < b; a++, b--) {
                byte t = data[a];
                data[a] = data[b];
                data[b] = t;
            }
        }
    }

    /** Reorders column-major elements into row-major order. */
    private static byte[] fortranToC(byte[] data, int[] shape, int size) {
        int n = shape.length;
        long[] fortranStride = new long[n];
        long stride = 1;
        for (int d = 0; d < n; d++) {
            fortranStride[d] = stride;
            stride *= shape[d];
        }
        byte[] out = new byte[data.length];
        int[] index = new int[n];
        long elements = NdArray.elements(shape);
        for (long c = 0; c < elements; c++) {
            long f = 0;
            for (int d = 0; d < n; d++) {
                f += index[d] * fortranStride[d];
            }
            System.arraycopy(data, (int) (f * size), out, (int) (c * size), size);
            for (int d = n - 1; d >= 0 && ++index[d] == shape[d]; d--) {
                index[d] = 0;
            }
        }
        return out;
    }
}
