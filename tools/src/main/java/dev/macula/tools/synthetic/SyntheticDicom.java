package dev.macula.tools.synthetic;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Writes DICOM Part 10 files of the kind ophthalmic devices export, for benchmarks and tests: an OCT
 * volume ({@code OPT}, Ophthalmic Tomography Image Storage, one JPEG baseline frame per B-scan, with
 * PixelSpacing and the distance between B-scans) and a colour fundus photo ({@code OP}, JPEG
 * baseline YBR_FULL_422). The pixels look like what they stand for — retinal layers that bend, a
 * bright disc on black — so thumbnails, the en-face projection and the fundus crop have something
 * real to work on. Explicit VR little endian, encapsulated pixel data with a basic offset table.
 *
 * <p>The reader's own tests check what this writer writes against dcmtk's {@code dcmdump} and
 * {@code dcm2pnm}, so a mistake here cannot hide behind the reader that has the same mistake.
 */
public final class SyntheticDicom {

    public static final String EXPLICIT_LITTLE = "1.2.840.10008.1.2.1";
    public static final String JPEG_BASELINE = "1.2.840.10008.1.2.4.50";
    public static final String OCT_STORAGE = "1.2.840.10008.5.1.4.1.1.77.1.5.4";
    public static final String PHOTO_STORAGE = "1.2.840.10008.5.1.4.1.1.77.1.5.1";
    private static final String IMPLEMENTATION_UID = "1.2.826.0.1.3680043.10.1505.1";
    private static final String UID_ROOT = "1.2.826.0.1.3680043.10.1505.";
    private static final Set<String> LONG_VRS = Set.of("OB", "OW", "OF", "SQ", "UT", "UN");

    /** Who and what a generated file is about. */
    public record Subject(String patientId, String birthDate, String sex, String studyDate, String studyUid,
                          String seriesUid, String laterality) {
    }

    private SyntheticDicom() {
    }

    /** A UID under this generator's root, unique for the given numbers. */
    public static String uid(long... parts) {
        StringBuilder uid = new StringBuilder(UID_ROOT);
        for (int i = 0; i < parts.length; i++) {
            uid.append(i == 0 ? "" : ".").append(parts[i]);
        }
        return uid.toString();
    }

    /**
     * An OCT volume of {@code frames} B-scans of {@code rows × columns} (depth × width), 6 mm wide;
     * B-scans {@code 6 / frames} mm apart.
     */
    public static void writeOct(Path file, Subject subject, String sopInstanceUid, int frames, int rows, int columns,
                                long seed) throws IOException {
        Random random = new Random(seed);
        List<byte[]> jpegs = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            jpegs.add(jpeg(bScan(rows, columns, i, frames, random), 0.85f));
        }
        double axial = 2.0 / rows;
        double horizontal = 6.0 / columns;
        double between = 6.0 / frames;
        Elements e = new Elements();
        e.add(0x0008, 0x0016, "UI", OCT_STORAGE);
        e.add(0x0008, 0x0018, "UI", sopInstanceUid);
        e.add(0x0008, 0x0020, "DA", subject.studyDate());
        e.add(0x0008, 0x002A, "DT", subject.studyDate() + "101530.250");
        e.add(0x0008, 0x0060, "CS", "OPT");
        e.add(0x0008, 0x0070, "LO", "Macula Synthetic");
        e.add(0x0008, 0x1030, "LO", "Macular cube 6x6");
        e.add(0x0008, 0x1090, "LO", "Synthetic OCT");
        patient(e, subject);
        e.add(0x0018, 0x0050, "DS", decimal(between));
        e.add(0x0018, 0x0088, "DS", decimal(between));
        e.add(0x0020, 0x000D, "UI", subject.studyUid());
        e.add(0x0020, 0x000E, "UI", subject.seriesUid());
        e.add(0x0020, 0x0011, "IS", "1");
        e.add(0x0020, 0x0062, "CS", subject.laterality());
        grey(e, frames, rows, columns);
        e.add(0x0028, 0x0030, "DS", decimal(axial) + "\\" + decimal(horizontal));
        write(file, OCT_STORAGE, sopInstanceUid, e, jpegs);
    }

    /** A colour fundus photo of {@code size × size·4/3}: a bright disc with vessels on black. */
    public static void writeFundus(Path file, Subject subject, String sopInstanceUid, int height, long seed)
            throws IOException {
        int width = height * 4 / 3;
        BufferedImage photo = FundusPhotos.fundusLike(width, height, new Random(seed));
        Elements e = new Elements();
        e.add(0x0008, 0x0016, "UI", PHOTO_STORAGE);
        e.add(0x0008, 0x0018, "UI", sopInstanceUid);
        e.add(0x0008, 0x0020, "DA", subject.studyDate());
        e.add(0x0008, 0x0060, "CS", "OP");
        e.add(0x0008, 0x1030, "LO", "Fundus 45");
        patient(e, subject);
        e.add(0x0020, 0x000D, "UI", subject.studyUid());
        e.add(0x0020, 0x000E, "UI", subject.seriesUid());
        e.add(0x0020, 0x0011, "IS", "2");
        e.add(0x0020, 0x0062, "CS", subject.laterality());
        e.add(0x0022, 0x000C, "FL", 45.0f);
        e.add(0x0028, 0x0002, "US", 3);
        e.add(0x0028, 0x0004, "CS", "YBR_FULL_422");
        e.add(0x0028, 0x0006, "US", 0);
        e.add(0x0028, 0x0010, "US", height);
        e.add(0x0028, 0x0011, "US", width);
        e.add(0x0028, 0x0100, "US", 8);
        e.add(0x0028, 0x0101, "US", 8);
        e.add(0x0028, 0x0102, "US", 7);
        e.add(0x0028, 0x0103, "US", 0);
        write(file, PHOTO_STORAGE, sopInstanceUid, e, List.of(jpeg(photo, 0.9f)));
    }

    private static void patient(Elements e, Subject subject) {
        e.add(0x0010, 0x0010, "PN", "Synthetic^" + subject.patientId());
        e.add(0x0010, 0x0020, "LO", subject.patientId());
        e.add(0x0010, 0x0030, "DA", subject.birthDate());
        e.add(0x0010, 0x0040, "CS", subject.sex());
    }

    private static void grey(Elements e, int frames, int rows, int columns) {
        e.add(0x0028, 0x0002, "US", 1);
        e.add(0x0028, 0x0004, "CS", "MONOCHROME2");
        e.add(0x0028, 0x0008, "IS", Integer.toString(frames));
        e.add(0x0028, 0x0010, "US", rows);
        e.add(0x0028, 0x0011, "US", columns);
        e.add(0x0028, 0x0100, "US", 8);
        e.add(0x0028, 0x0101, "US", 8);
        e.add(0x0028, 0x0102, "US", 7);
        e.add(0x0028, 0x0103, "US", 0);
    }

    /**
     * One B-scan: dark vitreous, a bright nerve-fibre layer and RPE that bend around a foveal pit
     * (deepest in the middle B-scan), vessel shadows, speckle everywhere.
     */
    static BufferedImage bScan(int rows, int columns, int index, int frames, Random random) {
        BufferedImage scan = new BufferedImage(columns, rows, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((DataBufferByte) scan.getRaster().getDataBuffer()).getData();
        double across = (index - frames / 2.0) / (frames / 2.0);
        for (int x = 0; x < columns; x++) {
            double along = (x - columns / 2.0) / (columns / 2.0);
            double pit = 0.06 * rows * Math.exp(-(along * along + across * across) * 12);
            double surface = rows * 0.35 + pit + 0.04 * rows * along * along;
            double rpe = rows * 0.62 + 0.03 * rows * along * along;
            double shade = vesselShadow(x, columns, across);
            for (int y = 0; y < rows; y++) {
                double value = 12;
                if (y >= surface && y < rpe) {
                    value = y < surface + rows * 0.03 ? 170 : 70 + 30 * Math.sin(y * 0.35);
                } else if (y >= rpe && y < rpe + rows * 0.03) {
                    value = 230;
                } else if (y >= rpe) {
                    value = 40;
                }
                if (y >= surface + rows * 0.03) {
                    value *= shade;
                }
                value += random.nextGaussian() * 18;
                pixels[y * columns + x] = (byte) Math.max(0, Math.min(255, (int) value));
            }
        }
        return scan;
    }

    /**
     * Retinal vessels run across the scanned area and shadow everything beneath them, which is what
     * makes them visible in an en-face projection: four vessels that wander across the B-scans.
     */
    private static double vesselShadow(int x, int columns, double across) {
        for (int k = 0; k < 4; k++) {
            double centre = columns * (0.2 + 0.2 * k + 0.06 * Math.sin(across * 3 + k * 1.7));
            if (Math.abs(x - centre) < Math.max(1.5, columns * 0.012)) {
                return 0.45;
            }
        }
        return 1;
    }

    private static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 * 1024);
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static void write(Path file, String sopClass, String sopInstance, Elements dataSet, List<byte[]> frames)
            throws IOException {
        Elements meta = new Elements();
        meta.add(0x0002, 0x0001, "OB", new byte[] {0, 1});
        meta.add(0x0002, 0x0002, "UI", sopClass);
        meta.add(0x0002, 0x0003, "UI", sopInstance);
        meta.add(0x0002, 0x0010, "UI", JPEG_BASELINE);
        meta.add(0x0002, 0x0012, "UI", IMPLEMENTATION_UID);
        byte[] metaBytes = meta.bytes();
        Elements groupLength = new Elements();
        groupLength.add(0x0002, 0x0000, "UL", metaBytes.length);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(new byte[128]);
            out.write("DICM".getBytes(StandardCharsets.US_ASCII));
            out.write(groupLength.bytes());
            out.write(metaBytes);
            out.write(dataSet.bytes());
            out.write(encapsulated(frames));
        }
    }

    /** (7FE0,0010) OB of undefined length: offset table item, one fragment per frame, delimiter. */
    private static byte[] encapsulated(List<byte[]> frames) {
        int total = 12 + 8 + 4 * frames.size() + 8;
        int[] offsets = new int[frames.size()];
        int at = 0;
        for (int i = 0; i < frames.size(); i++) {
            offsets[i] = at;
            int length = even(frames.get(i).length);
            at += 8 + length;
            total += 8 + length;
        }
        ByteBuffer out = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        out.putShort((short) 0x7FE0).putShort((short) 0x0010).put("OB".getBytes(StandardCharsets.US_ASCII))
                .putShort((short) 0).putInt(-1);
        item(out, 4 * frames.size());
        for (int offset : offsets) {
            out.putInt(offset);
        }
        for (byte[] frame : frames) {
            item(out, even(frame.length));
            out.put(frame);
            if ((frame.length & 1) == 1) {
                out.put((byte) 0);
            }
        }
        out.putShort((short) 0xFFFE).putShort((short) 0xE0DD).putInt(0);
        return out.array();
    }

    private static void item(ByteBuffer out, int length) {
        out.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(length);
    }

    private static int even(int length) {
        return length + (length & 1);
    }

    private static String decimal(double value) {
        String text = String.format(java.util.Locale.ROOT, "%.8f", value);
        return text.length() > 16 ? text.substring(0, 16) : text;
    }

    /** Data elements in explicit VR little endian, written in ascending tag order as the standard asks. */
    private static final class Elements {

        private final java.util.TreeMap<Long, byte[]> encoded = new java.util.TreeMap<>();

        void add(int group, int element, String vr, Object value) {
            byte[] data = switch (value) {
                case byte[] raw -> raw;
                case String text -> padded(text, vr.equals("UI") ? (byte) 0 : (byte) ' ');
                case Integer number when vr.equals("US") -> ByteBuffer.allocate(2).order(ByteOrder.LITTLE_ENDIAN)
                        .putShort(number.shortValue()).array();
                case Integer number -> ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(number).array();
                case Float number -> ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(number).array();
                default -> throw new IllegalArgumentException("value " + value);
            };
            boolean longForm = LONG_VRS.contains(vr);
            ByteBuffer header = ByteBuffer.allocate(longForm ? 12 : 8).order(ByteOrder.LITTLE_ENDIAN);
            header.putShort((short) group).putShort((short) element).put(vr.getBytes(StandardCharsets.US_ASCII));
            if (longForm) {
                header.putShort((short) 0).putInt(data.length);
            } else {
                header.putShort((short) data.length);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(header.capacity() + data.length);
            out.writeBytes(header.array());
            out.writeBytes(data);
            encoded.put((long) group << 16 | element, out.toByteArray());
        }

        private static byte[] padded(String text, byte pad) {
            byte[] raw = text.getBytes(StandardCharsets.ISO_8859_1);
            if ((raw.length & 1) == 0) {
                return raw;
            }
            byte[] even = java.util.Arrays.copyOf(raw, raw.length + 1);
            even[raw.length] = pad;
            return even;
        }

        byte[] bytes() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            encoded.values().forEach(bytes::writeBytes);
            return bytes.toByteArray();
        }
    }
}
