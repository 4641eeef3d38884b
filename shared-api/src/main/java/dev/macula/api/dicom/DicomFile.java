package dev.macula.api.dicom;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The reader behind {@link DicomImage#open}: parses the header once, keeps the file channel and the
 * positions of the pixel data, and decodes a frame only when asked, reading only that frame's bytes.
 */
final class DicomFile implements DicomImage {

    private static final int PREAMBLE = 128;
    /** Deflate cannot expand more than 1032:1; the inflated data set is held in memory up to that. */
    private static final long MAX_INFLATION = 1032;
    /** A compressed frame may expand to this many samples per byte (a flat JPEG 2000 image does ~2500:1). */
    private static final long MAX_EXPANSION = 4096;
    private static final long MIN_SAMPLES_ALLOWED = 4L << 20;

    private final ByteSource source;
    private final TransferSyntax syntax;
    private final DicomHeader header;
    private final Attributes data;
    private final PixelLayout layout;
    private final long nativeOffset;
    private final Fragments fragments;
    private ImageIoDecoder imageDecoder;

    private DicomFile(ByteSource source, TransferSyntax syntax, DicomHeader header, Attributes data,
            PixelLayout layout, long nativeOffset, Fragments fragments) {
        this.source = source;
        this.syntax = syntax;
        this.header = header;
        this.data = data;
        this.layout = layout;
        this.nativeOffset = nativeOffset;
        this.fragments = fragments;
    }

    static DicomImage open(Path file) throws DicomException {
        ByteSource source = openSource(file);
        try {
            return open(source);
        } catch (DicomException | RuntimeException e) {
            source.close();
            if (e instanceof DicomException dicom) {
                throw dicom;
            }
            throw new DicomException("the file cannot be read: " + e, e);
        }
    }

    /** The header alone: also for files whose pixels this reader cannot decode (e.g. JPEG-LS). */
    static DicomHeader readHeader(Path file) throws DicomException {
        try (ByteSource source = openSource(file)) {
            DataReader reader = new DataReader(source, PREAMBLE + 4);
            String uid = transferSyntaxUid(source, reader);
            boolean readable = TransferSyntax.refusedButReadable(uid);
            TransferSyntax syntax = readable ? TransferSyntax.EXPLICIT_LE : TransferSyntax.forUid(uid);
            Attributes data = new Attributes();
            DataSetParser.parse(dataSetReader(syntax, reader), syntax.explicitVr, data);
            return HeaderFactory.header(uid, data);
        } catch (RuntimeException e) {
            throw new DicomException("the file cannot be read: " + e, e);
        }
    }

    private static DicomFile open(ByteSource fileSource) throws DicomException {
        DataReader reader = new DataReader(fileSource, PREAMBLE + 4);
        String uid = transferSyntaxUid(fileSource, reader);
        TransferSyntax syntax = TransferSyntax.forUid(uid);
        DataReader dataReader = dataSetReader(syntax, reader);
        Attributes data = new Attributes();
        DataSetParser.PixelDataElement pixels = DataSetParser.parse(dataReader, syntax.explicitVr, data);
        DicomHeader header = HeaderFactory.header(uid, data);
        if (pixels == null) {
            throw new DicomException("the file holds no pixel data");
        }
        PixelLayout layout = PixelLayout.of(data);
        ByteSource source = dataReader.source();
        if (syntax.encoding == TransferSyntax.PixelEncoding.NATIVE) {
            if (pixels.length() == DataSetParser.UNDEFINED) {
                throw new DicomException("uncompressed pixel data has an undefined length");
            }
            if (layout.photometric().equals(PixelLayout.YBR_FULL_422) && layout.columns() % 2 != 0) {
                throw new DicomException("uncompressed YBR_FULL_422 needs an even number of columns");
            }
            long needed = layout.nativeFrameBytes() * layout.frames();
            if (needed > pixels.length()) {
                throw new DicomException("truncated: " + layout.frames() + " frames of " + layout.rows() + "×"
                        + layout.columns() + " need " + needed + " bytes of pixel data, " + pixels.length() + " present");
            }
            return new DicomFile(source, syntax, header, data, layout, pixels.valueOffset(), null);
        }
        if (pixels.length() != DataSetParser.UNDEFINED) {
            throw new DicomException(syntax.title + " pixel data must be encapsulated (undefined length)");
        }
        dataReader.seek(pixels.valueOffset());
        return new DicomFile(source, syntax, header, data, layout, -1, Fragments.read(dataReader));
    }

    private static ByteSource openSource(Path file) throws DicomException {
        try {
            return new ByteSource.FileSource(FileChannel.open(file, StandardOpenOption.READ));
        } catch (IOException | RuntimeException e) {
            throw new DicomException("cannot open " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    private static String transferSyntaxUid(ByteSource source, DataReader reader) throws DicomException {
        if (source.length() < PREAMBLE + 4
                || !new String(source.read(PREAMBLE, 4), StandardCharsets.ISO_8859_1).equals("DICM")) {
            throw new DicomException("not a DICOM Part 10 file: no \"DICM\" after the 128-byte preamble");
        }
        Attributes meta = new Attributes();
        DataSetParser.parseMetaGroup(reader, meta);
        String uid = meta.string(Tags.TRANSFER_SYNTAX_UID);
        if (uid == null) {
            throw new DicomException("the file meta information has no transfer syntax");
        }
        return uid;
    }

    /** A reader for the data set: the file from here on, or its inflated bytes for deflated syntax. */
    private static DataReader dataSetReader(TransferSyntax syntax, DataReader reader) throws DicomException {
        if (!syntax.deflated) {
            return reader;
        }
        long compressed = reader.remaining();
        byte[] input = reader.bytes(compressed);
        long limit = Math.min(Integer.MAX_VALUE - 8, compressed * MAX_INFLATION + 1024);
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(input);
            byte[] output = new byte[(int) Math.min(limit, Math.max(1024, compressed * 4))];
            int length = 0;
            while (!inflater.finished()) {
                if (length == output.length) {
                    if (output.length == limit) {
                        throw new DicomException("the deflated data set inflates beyond " + limit + " bytes");
                    }
                    output = java.util.Arrays.copyOf(output, (int) Math.min(limit, (long) output.length * 2));
                }
                int inflated = inflater.inflate(output, length, output.length - length);
                if (inflated == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DicomException("truncated: the deflated data set ends early");
                }
                length += inflated;
            }
            return new DataReader(new ByteSource.ArraySource(output, length), 0);
        } catch (DataFormatException e) {
            throw new DicomException("the deflated data set is corrupt: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    @Override
    public DicomHeader header() {
        return header;
    }

    @Override
    public int frames() {
        return layout.frames();
    }

    @Override
    public int rows() {
        return layout.rows();
    }

    @Override
    public int columns() {
        return layout.columns();
    }

    @Override
    public DicomFrame frame(int index) throws DicomException {
        return frame(index, null);
    }

    @Override
    public DicomFrame frame(int index, int[] reuse) throws DicomException {
        if (index < 0 || index >= layout.frames()) {
            throw new DicomException("frame " + index + " does not exist; the file has " + layout.frames());
        }
        try {
            int[] values = switch (syntax.encoding) {
                case NATIVE -> nativeFrame(index);
                case RLE -> rleFrame(index);
                case JPEG, JPEG_2000 -> imageFrame(index, reuse);
            };
            return new DicomFrame(layout.rows(), layout.columns(), layout.samples(), layout.bitsStored(),
                    layout.signed() && layout.grey(), values);
        } catch (DicomException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new DicomException("frame " + index + " cannot be decoded: " + e, e);
        }
    }

    private int[] nativeFrame(int index) throws DicomException {
        long length = layout.nativeFrameBytes();
        if (length > Integer.MAX_VALUE - 8) {
            throw new DicomException("a frame of " + length + " bytes is too large");
        }
        byte[] raw = source.read(nativeOffset + index * length, (int) length);
        return NativeDecoder.decode(raw, layout);
    }

    private int[] rleFrame(int index) throws DicomException {
        byte[] compressed = compressedFrame(index);
        int bytesPerSample = layout.bitsAllocated() / 8;
        byte[] raw = RleDecoder.decode(compressed, layout.rows() * layout.columns(), layout.samples(), bytesPerSample);
        int[] values = NativeDecoder.samples(raw, layout, layout.values());
        if (layout.photometric().startsWith("YBR_FULL")) {
            Colour.ybrToRgb(values, layout.bitsStored(), false);
        }
        return values;
    }

    private int[] imageFrame(int index, int[] reuse) throws DicomException {
        boolean lossyJpeg = syntax == TransferSyntax.JPEG_BASELINE || syntax == TransferSyntax.JPEG_EXTENDED;
        if (lossyJpeg && layout.bitsStored() > 8) {
            throw new DicomException(layout.bitsStored() + "-bit " + syntax.title + " (" + syntax.uid + ") is not "
                    + "supported: the JPEG decoders available to Java (JDK, TwelveMonkeys) read 8-bit lossy JPEG only");
        }
        byte[] compressed = compressedFrame(index);
        if (imageDecoder == null) {
            imageDecoder = syntax.encoding == TransferSyntax.PixelEncoding.JPEG ? ImageIoDecoder.jpeg()
                    : ImageIoDecoder.jpeg2000();
        }
        boolean lossless = syntax == TransferSyntax.JPEG_LOSSLESS || syntax == TransferSyntax.JPEG_LOSSLESS_SV1;
        int[] values = imageDecoder.decode(compressed, layout, lossless, reuse);
        Colour.maskAndExtend(values, layout);
        if (syntax.encoding == TransferSyntax.PixelEncoding.JPEG && layout.photometric().startsWith("YBR_FULL")) {
            Colour.jpegYCbCrToRgb(values, layout.bitsStored());
        }
        // JPEG 2000's YBR_ICT/YBR_RCT: the decoder applies the inverse component transform itself
        return values;
    }

    /** One frame's encapsulated bytes, refusing a frame that would expand implausibly when decoded. */
    private byte[] compressedFrame(int index) throws DicomException {
        byte[] compressed = fragments.frame(source, index, layout.frames());
        long allowed = Math.max(MIN_SAMPLES_ALLOWED, compressed.length * MAX_EXPANSION);
        if (layout.values() > allowed) {
            throw new DicomException("frame " + index + " declares " + layout.values() + " samples from "
                    + compressed.length + " compressed bytes");
        }
        return compressed;
    }

    @Override
    public BufferedImage display(int index) throws DicomException {
        DicomFrame frame = frame(index);
        Double slope = HeaderFactory.decimal(data, Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE, Tags.RESCALE_SLOPE);
        Double intercept = HeaderFactory.decimal(data, Tags.PIXEL_VALUE_TRANSFORMATION_SEQUENCE,
                Tags.RESCALE_INTERCEPT);
        Double center = HeaderFactory.decimal(data, Tags.FRAME_VOI_LUT_SEQUENCE, Tags.WINDOW_CENTER);
        Double width = HeaderFactory.decimal(data, Tags.FRAME_VOI_LUT_SEQUENCE, Tags.WINDOW_WIDTH);
        DisplayConverter.Window window = center != null && width != null && width >= 1
                ? new DisplayConverter.Window(center, width) : null;
        return DisplayConverter.convert(frame, slope == null || slope == 0 ? 1 : slope,
                intercept == null ? 0 : intercept, window, layout.photometric().equals(PixelLayout.MONOCHROME1));
    }

    @Override
    public void close() {
        if (imageDecoder != null) {
            imageDecoder.close();
        }
        source.close();
    }
}
