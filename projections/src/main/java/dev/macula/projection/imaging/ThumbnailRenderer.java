package dev.macula.projection.imaging;

import dev.macula.api.dicom.DicomFiles;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Renders the two thumbnails of an image instance (docs/api.md §5.4): {@code <root>/<ProjectID>/<name>_540.jpg}
 * and {@code _144.jpg}, and returns the identifier {@code "<ProjectID>/<name>"} to store in
 * {@code ThumbnailPath}. Spring-free and stateless apart from its settings and a pool of reusable
 * pixel arrays ({@link PixelBuffers}: the decoded photo and the first downscaling steps), so one
 * instance can be shared between threads.
 *
 * <p><b>Name.</b> {@code name} = the first 24 characters of the lowercase hex HMAC-SHA256 with the
 * secret key bytes as key and the decimal ImageInstanceID (UTF-8) as message. With no key
 * ({@code null}) the name is the id itself, as in the original. An empty key is a valid HMAC key
 * (Python's {@code hmac} accepts it); {@link SecretKeySpec} refuses empty keys, so it is replaced by
 * the single byte {@code 0x00}, which HMAC pads to the same block and so gives the same digest.
 *
 * <p><b>Pixels</b> (docs/api.md §5.4 steps 1–3):
 * <ul>
 * <li>anything ImageIO reads (PNG, JPEG, BMP, GIF, TIFF incl. the TwelveMonkeys plugins: CMYK/YCCK
 * JPEG, the common TIFF compressions). 16-bit/float single-channel images are brought to 8 bits
 * (16-bit: by bit depth; float: min–max); images with alpha are composited over black (JPEG cannot
 * hold alpha); palette images become RGB; 8-bit grey stays grey.</li>
 * <li>multi-page TIFF whose pages all have the same size, and {@code *.binary} (raw uint8 voxels,
 * C order, shape {@code (-1, Rows_y, Columns_x)} — rows and columns must be given in the
 * {@link Source}; the frame count is derived from the file size, like numpy's
 * {@code reshape(-1, rows, columns)}): n = 1 → that frame; n &lt; 10 → the middle frame
 * {@code n / 2}; n ≥ 10 → an en-face projection: the mean over the height axis gives an
 * {@code (n, w)} image, min–max normalised to 0–255 (truncated, as {@code astype(uint8)}),
 * shown with the pixel aspect ratio {@code a = ResolutionHorizontal / ResolutionVertical}
 * (1 if unknown): {@code a > 1} → width {@code w × a}, else height {@code n / a}. For colour pages
 * the projection uses the luminance. A TIFF whose pages differ in size (e.g. with a reduced-resolution
 * page) is a 2-D image: page 0.</li>
 * <li>{@code *.json}: no pixel data → {@link UnsupportedOperationException}. The caller must leave
 * {@code ThumbnailPath} NULL for those (not {@code ""}): generation is skipped, not failed.</li>
 * <li>Truncated files (ImageIO warns and fills the rest with grey) → {@link IOException}, as Pillow
 * refuses them too; other decoder warnings (e.g. corrupt entropy data) are tolerated.</li>
 * <li>DICOM files ({@code *.dcm} or the Part 10 marker): {@link DicomPictures}, with the same frame,
 * en-face and crop rules; a file the DICOM reader refuses fails with its reason. Other files ImageIO
 * cannot read → {@link IOException} (the caller records {@code ""}).</li>
 * <li>{@code [png_series_N]} volumes: the pseudo identifier is not a file; the caller resolves it to
 * its N frame files and calls {@link #renderPngSeries}, which applies the volume rules above (all
 * frames must have one size).</li>
 * </ul>
 *
 * <p><b>Colour fundus crop</b> (step 2): for {@code Modality = ColorFundus} and a single 2-D image,
 * the square around the circular field of view (side = its diameter, centred on it, padded with
 * black where it leaves the image) replaces the image before scaling. The circle is the CFROI one
 * ({@link Source#fundusCircle()}) when that is plausible for the image's size, else the one
 * {@link FundusCrop} detects on a ≤ 320 px copy (10–30 ms for 2–12 MP photos); when neither exists
 * (no black border, a black image) the whole image is used. A detection that finds nothing never
 * fails the thumbnail.
 *
 * <p><b>Scaling and encoding</b> (step 4): each size scales down (never up) to fit inside
 * size×size keeping the aspect ratio (the longer side becomes {@code size}, the other is rounded).
 * Downscaling halves repeatedly with bilinear filtering (each halving is a 2×2 box average) and
 * finishes with one bilinear step, so it is an area-averaging filter, not nearest neighbour. The
 * image is decoded once; the 540 thumbnail is made from it and the 144 one from the 540 result.
 * Only very large images (longer side ≥ 8×540 px) are decoded with ImageIO source subsampling,
 * keeping at least 4×540 px on the longer side: subsampling is decimation (it aliases fine
 * detail such as thin vessels or stripes), and measured on 1.5–12 MP photos it saved at most ~20%
 * of the JPEG decode time and nothing for PNG (whose decoder inflates every row anyway), so it is
 * kept for bounding memory on huge images. Output: progressive JPEG, optimised Huffman tables,
 * quality 0.75 (the IJG quality 75 tables, like Pillow's {@code quality=75}), 4:2:0 chroma, RGB
 * or 8-bit grey.
 *
 * <p><b>Files:</b> each JPEG is encoded in memory, written to a hidden temporary file in the target
 * directory and renamed into place with {@link StandardCopyOption#ATOMIC_MOVE}, so readers never
 * see a partial thumbnail and a re-render replaces the old file. No fsync: a thumbnail lost in a
 * crash is simply regenerated. On failure the temporary file is removed; a 540 file written before
 * the 144 one failed is left (the caller records {@code ""} anyway).
 */
public final class ThumbnailRenderer {

    /** Thumbnail sizes, largest first (the smaller one is made from the larger). */
    public static final int LARGE = 540;
    public static final int SMALL = 144;

    /** Pillow/IJG quality 75. */
    public static final float JPEG_QUALITY = 0.75f;

    /** Volumes with at least this many frames get an en-face projection instead of a frame. */
    public static final int EN_FACE_MIN_FRAMES = 10;

    /** Length of the hex name (docs/api.md §5.4). */
    public static final int NAME_LENGTH = 24;

    /**
     * Decode-time subsampling keeps at least this many pixels on the longer side (4 × the large
     * thumbnail), so the final downscale still averages ≥ 4×4 decoded pixels per output pixel;
     * images below twice this size are decoded in full.
     */
    static final int MIN_DECODED_LONG_SIDE = 4 * LARGE;

    /** Largest frame of a {@code *.binary} volume read into memory at once (bytes). */
    private static final long MAX_FRAME_BYTES = 512L * 1024 * 1024;

    /** Modality whose thumbnails are cropped to the fundus circle (docs/api.md §5.4 step 2). */
    public static final String COLOR_FUNDUS = "ColorFundus";

    /**
     * What the database knows about the image; any field may be null.
     *
     * @param fundusCircle the CFROI bounds of a colour fundus photo, if the inference job found them
     */
    public record Source(String modality, Integer frames, Integer rows, Integer columns,
                         Double resolutionHorizontal, Double resolutionVertical, FundusCircle fundusCircle) {

        /** Without CFROI (an image at import time, before any inference). */
        public Source(String modality, Integer frames, Integer rows, Integer columns,
                      Double resolutionHorizontal, Double resolutionVertical) {
            this(modality, frames, rows, columns, resolutionHorizontal, resolutionVertical, null);
        }

        public static Source unknown() {
            return new Source(null, null, null, null, null, null, null);
        }

        boolean colorFundus() {
            return COLOR_FUNDUS.equals(modality);
        }
    }

    /**
     * Pixels to scale, with the logical size the thumbnails are fitted from. The logical size
     * differs from the pixel size when the image was decoded with subsampling or is an en-face
     * projection still to be stretched to its aspect ratio.
     */
    record Picture(BufferedImage image, int width, int height) {
    }

    private final Path thumbnailsRoot;
    private final byte[] secretKey;
    /** Null: every image allocated anew (tests compare the two ways). */
    private final PixelBuffers.Pool buffers;

    /**
     * @param thumbnailsRoot {@code THUMBNAILS_PATH}
     * @param secretKey UTF-8 bytes of {@code SECRET_KEY}; {@code null} = no key (names are the ids)
     */
    public ThumbnailRenderer(Path thumbnailsRoot, byte[] secretKey) {
        this(thumbnailsRoot, secretKey, true);
    }

    /** @param reuseBuffers whether large pixel arrays are kept from one thumbnail to the next ({@link PixelBuffers}) */
    ThumbnailRenderer(Path thumbnailsRoot, byte[] secretKey, boolean reuseBuffers) {
        this.thumbnailsRoot = Objects.requireNonNull(thumbnailsRoot, "thumbnailsRoot");
        this.secretKey = secretKey == null ? null : secretKey.clone();
        this.buffers = reuseBuffers ? new PixelBuffers.Pool() : null;
    }

    /** The 24-hex-character thumbnail name of an image instance (or the id itself without a key). */
    public static String thumbnailName(byte[] secretKey, long imageInstanceId) {
        String message = Long.toString(imageInstanceId);
        if (secretKey == null) {
            return message;
        }
        byte[] key = secretKey.length == 0 ? new byte[] {0} : secretKey;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, NAME_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** {@code "<projectId>/<name>"}, the value stored in {@code ThumbnailPath}. */
    public String identifier(long projectId, long imageInstanceId) {
        return projectId + "/" + thumbnailName(secretKey, imageInstanceId);
    }

    /** Where the thumbnail of the given size for an identifier lives. */
    public Path thumbnailFile(String identifier, int size) {
        return thumbnailsRoot.resolve(identifier + "_" + size + ".jpg");
    }

    /**
     * Writes both thumbnails of an image file and returns the identifier.
     *
     * @param imageFile the image file (already resolved against {@code IMAGES_BASEPATH})
     * @param meta what the database knows; may be null
     * @throws UnsupportedOperationException for {@code *.json} (leave {@code ThumbnailPath} NULL)
     * @throws IOException if the file cannot be read or the thumbnails cannot be written
     * @throws IllegalArgumentException for a {@code *.binary} file without rows/columns
     */
    public String render(Path imageFile, long projectId, long imageInstanceId, Source meta) throws IOException {
        Objects.requireNonNull(imageFile, "imageFile");
        Source source = meta == null ? Source.unknown() : meta;
        String extension = extension(imageFile);
        if (extension.equals("json")) {
            throw new UnsupportedOperationException("no pixel data in " + imageFile.getFileName());
        }
        PixelBuffers scratch = buffers == null ? null : buffers.take();
        try {
            Picture picture = extension.equals("binary") ? loadBinary(imageFile, source)
                    : DicomFiles.isDicom(imageFile) ? dicom(imageFile, source, scratch)
                    : loadImage(imageFile, source, source.colorFundus(), scratch);
            return write(picture, projectId, imageInstanceId, scratch);
        } finally {
            giveBack(scratch); // nothing made from it outlives the thumbnails written above
        }
    }

    /** A DICOM picture; a single-frame colour fundus photo is cropped like any other photo. */
    private static Picture dicom(Path file, Source source, PixelBuffers scratch) throws IOException {
        DicomPictures.Loaded loaded = DicomPictures.load(file, source);
        return source.colorFundus() && loaded.frames() == 1
                ? cropToFundus(loaded.picture(), source.fundusCircle(), scratch) : loaded.picture();
    }

    /**
     * Writes both thumbnails of a {@code [png_series_N]} volume (docs/api.md §5.4) and returns the
     * identifier: frame files 0..N−1 in order, all of one size; the same volume rules as for other
     * volumes (one frame → it, fewer than 10 → the middle one, else the en-face projection). No
     * fundus crop: a series is a volume.
     *
     * @param frameFiles the frame files (already resolved against {@code IMAGES_BASEPATH})
     * @throws IOException if a frame cannot be read or the frames differ in size
     */
    public String renderPngSeries(List<Path> frameFiles, long projectId, long imageInstanceId, Source meta)
            throws IOException {
        if (frameFiles == null || frameFiles.isEmpty()) {
            throw new IllegalArgumentException("a png series needs at least one frame");
        }
        Source source = meta == null ? Source.unknown() : meta;
        int frames = frameFiles.size();
        PixelBuffers scratch = buffers == null ? null : buffers.take();
        try {
            Picture picture = frames < EN_FACE_MIN_FRAMES
                    ? loadImage(frameFiles.get(frames == 1 ? 0 : frames / 2), source, false, scratch)
                    : enFaceOfFiles(frameFiles, source, scratch);
            return write(picture, projectId, imageInstanceId, scratch);
        } finally {
            giveBack(scratch);
        }
    }

    private void giveBack(PixelBuffers scratch) {
        if (scratch != null) {
            buffers.giveBack(scratch);
        }
    }

    private String write(Picture picture, long projectId, long imageInstanceId, PixelBuffers scratch)
            throws IOException {
        String identifier = identifier(projectId, imageInstanceId);
        Files.createDirectories(thumbnailsRoot.resolve(Long.toString(projectId)));

        int[] large = fit(picture.width(), picture.height(), LARGE);
        int[] small = fit(picture.width(), picture.height(), SMALL);
        // the large steps alternate between two kept arrays; the small ones (from the 540 result,
        // still in use) are small enough to allocate
        BufferedImage largeImage = resize(toDisplayable(picture.image()), large[0], large[1], scratch);
        writeJpeg(largeImage, thumbnailFile(identifier, LARGE));
        BufferedImage smallImage = resize(largeImage, small[0], small[1]);
        writeJpeg(smallImage, thumbnailFile(identifier, SMALL));
        return identifier;
    }

    // ---------------------------------------------------------------- loading

    /**
     * @param scratch buffers to decode into (null: the reader allocates); the picture may live in
     *                them, so it must be used up before they are given back
     */
    private static Picture loadImage(Path file, Source source, boolean cropFundus, PixelBuffers scratch)
            throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new IOException("cannot open " + file);
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("no image reader for " + file.getFileName());
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, false, false);
                List<String> truncation = new ArrayList<>(1);
                reader.addIIOReadWarningListener((r, warning) -> {
                    if (warning != null && warning.toLowerCase(Locale.ROOT).contains("truncat")) {
                        truncation.add(warning);
                    }
                });
                int frames = reader.getFormatName().toLowerCase(Locale.ROOT).startsWith("tif")
                        ? volumeFrames(reader) : 1;
                Picture picture = frames >= EN_FACE_MIN_FRAMES
                        ? enFaceOfPages(reader, frames, source)
                        : readSubsampled(reader, frames == 1 ? 0 : frames / 2, scratch);
                if (!truncation.isEmpty()) {
                    // ImageIO fills the missing part with grey; Pillow refuses truncated files, so do we
                    throw new IOException(file.getFileName() + ": " + truncation.get(0));
                }
                return cropFundus && frames == 1 ? cropToFundus(picture, source.fundusCircle(), scratch) : picture;
            } finally {
                reader.dispose();
            }
        }
    }

    /** Page count if all pages have the size of page 0 (a volume), else 1 (use page 0). */
    private static int volumeFrames(ImageReader reader) throws IOException {
        int pages = reader.getNumImages(true);
        if (pages <= 1) {
            return 1;
        }
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        for (int i = 1; i < pages; i++) {
            if (reader.getWidth(i) != width || reader.getHeight(i) != height) {
                return 1;
            }
        }
        return pages;
    }

    private static Picture readSubsampled(ImageReader reader, int index, PixelBuffers scratch) throws IOException {
        int width = reader.getWidth(index);
        int height = reader.getHeight(index);
        ImageReadParam param = reader.getDefaultReadParam();
        int step = subsampling(width, height);
        if (step > 1) {
            param.setSourceSubsampling(step, step, 0, 0);
        }
        if (scratch != null) {
            // the type the reader would choose itself (ImageReader.getDestination: the first one)
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(index);
            BufferedImage target = types.hasNext()
                    ? scratch.decodeTarget(types.next(), (width + step - 1) / step, (height + step - 1) / step)
                    : null;
            if (target != null) {
                param.setDestination(target);
            }
        }
        BufferedImage image = reader.read(index, param);
        return new Picture(image, width, height);
    }

    /** Decode-time subsampling step: keeps ≥ {@link #MIN_DECODED_LONG_SIDE} px on the longer side. */
    static int subsampling(int width, int height) {
        return Math.max(1, Math.max(width, height) / MIN_DECODED_LONG_SIDE);
    }

    private static Picture enFaceOfPages(ImageReader reader, int frames, Source source) throws IOException {
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        double[] means = new double[frames * width];
        double[] column = new double[width];
        for (int i = 0; i < frames; i++) {
            BufferedImage page = reader.read(i);
            columnMeans(page, column);
            System.arraycopy(column, 0, means, i * width, width);
        }
        return enFace(means, frames, width, height, source);
    }

    private static Picture enFaceOfFiles(List<Path> files, Source source, PixelBuffers scratch) throws IOException {
        int width = -1;
        int height = -1;
        double[] means = null;
        double[] column = null;
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            BufferedImage frame = loadImage(file, source, false, scratch).image(); // used up before the next
            if (i == 0) {
                width = frame.getWidth();
                height = frame.getHeight();
                means = new double[files.size() * width];
                column = new double[width];
            } else if (frame.getWidth() != width || frame.getHeight() != height) {
                throw new IOException("frame " + i + " (" + file.getFileName() + ") is " + frame.getWidth() + "x"
                        + frame.getHeight() + ", frame 0 is " + width + "x" + height);
            }
            columnMeans(frame, column);
            System.arraycopy(column, 0, means, i * width, width);
        }
        return enFace(means, files.size(), width, height, source);
    }

    /** Mean over the rows of each column: raw samples for single-channel images, else luminance. */
    private static void columnMeans(BufferedImage page, double[] out) {
        int width = page.getWidth();
        int height = page.getHeight();
        Raster raster = page.getRaster();
        boolean singleChannel = raster.getNumBands() == 1 && !(page.getColorModel() instanceof IndexColorModel);
        double[] sums = new double[width];
        double[] samples = new double[width];
        int[] rgb = new int[width];
        for (int y = 0; y < height; y++) {
            if (singleChannel) {
                raster.getSamples(0, y, width, 1, 0, samples);
                for (int x = 0; x < width; x++) {
                    sums[x] += samples[x];
                }
            } else {
                page.getRGB(0, y, width, 1, rgb, 0, width);
                for (int x = 0; x < width; x++) {
                    int p = rgb[x];
                    sums[x] += 0.299 * ((p >> 16) & 0xff) + 0.587 * ((p >> 8) & 0xff) + 0.114 * (p & 0xff);
                }
            }
        }
        for (int x = 0; x < width; x++) {
            out[x] = sums[x] / height;
        }
    }

    private static Picture loadBinary(Path file, Source source) throws IOException {
        Integer rows = source.rows();
        Integer columns = source.columns();
        if (rows == null || columns == null || rows <= 0 || columns <= 0) {
            throw new IllegalArgumentException("a .binary volume needs Rows_y and Columns_x: " + file.getFileName());
        }
        long frameBytes = (long) rows * columns;
        if (frameBytes > MAX_FRAME_BYTES) {
            throw new IOException("frame of " + columns + "x" + rows + " too large");
        }
        long size = Files.size(file);
        if (size == 0 || size % frameBytes != 0) {
            throw new IOException("size " + size + " of " + file.getFileName()
                    + " is not a multiple of " + rows + "x" + columns);
        }
        long count = size / frameBytes;
        if (count > Integer.MAX_VALUE / columns) {
            throw new IOException("too many frames: " + count);
        }
        int frames = (int) count;
        int frameSize = (int) frameBytes;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(frameSize);
            byte[] bytes = buffer.array();
            if (frames < EN_FACE_MIN_FRAMES) {
                int index = frames == 1 ? 0 : frames / 2;
                readFully(channel, buffer, (long) index * frameSize);
                BufferedImage image = new BufferedImage(columns, rows, BufferedImage.TYPE_BYTE_GRAY);
                System.arraycopy(bytes, 0, ((DataBufferByte) image.getRaster().getDataBuffer()).getData(), 0, frameSize);
                return new Picture(image, columns, rows);
            }
            double[] means = new double[frames * columns];
            long[] sums = new long[columns];
            for (int i = 0; i < frames; i++) {
                readFully(channel, buffer, (long) i * frameSize);
                Arrays.fill(sums, 0);
                for (int y = 0, offset = 0; y < rows; y++, offset += columns) {
                    for (int x = 0; x < columns; x++) {
                        sums[x] += bytes[offset + x] & 0xff;
                    }
                }
                for (int x = 0; x < columns; x++) {
                    means[i * columns + x] = sums[x] / (double) rows;
                }
            }
            return enFace(means, frames, columns, rows, source);
        }
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        buffer.clear();
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new EOFException("volume ends early");
            }
            at += read;
        }
    }

    /**
     * The en-face image of an {@code (n, w)} array of column means: min–max normalised to 0–255,
     * with the logical size stretched for the pixel aspect ratio (the stretch happens in
     * {@link #resize}, straight to the thumbnail size).
     */
    static Picture enFace(double[] means, int frames, int width, int height, Source source) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : means) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double range = max - min;
        BufferedImage image = new BufferedImage(width, frames, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < means.length; i++) {
            // numpy: (x - min) / (max - min) * 255 then astype(uint8) truncates; a flat volume is 0
            pixels[i] = range > 0 ? (byte) (int) ((means[i] - min) / range * 255.0) : 0;
        }
        double aspect = aspect(source);
        int logicalWidth = width;
        int logicalHeight = frames;
        if (aspect > 1) {
            logicalWidth = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(width * aspect)));
        } else {
            logicalHeight = (int) Math.max(1, Math.min(Integer.MAX_VALUE, Math.round(frames / aspect)));
        }
        return new Picture(image, logicalWidth, logicalHeight);
    }

    private static double aspect(Source source) {
        Double horizontal = source.resolutionHorizontal();
        Double vertical = source.resolutionVertical();
        if (horizontal == null || vertical == null || !(horizontal > 0) || !(vertical > 0)
                || horizontal.isInfinite() || vertical.isInfinite()) {
            return 1;
        }
        return horizontal / vertical;
    }

    // ---------------------------------------------------------------- fundus crop

    /**
     * The square around the fundus circle (docs/api.md §5.4 step 2): the CFROI circle when it is
     * plausible for this image, else the detected one; the whole picture when neither exists.
     */
    static Picture cropToFundus(Picture picture, FundusCircle known, PixelBuffers scratch) {
        BufferedImage image = toDisplayable(picture.image());
        // logical (original) pixels per decoded pixel: > 1 when decoded with subsampling
        double perPixel = (double) picture.width() / image.getWidth();
        FundusCrop.Circle circle;
        if (known != null && known.plausibleFor(picture.width(), picture.height())) {
            circle = new FundusCrop.Circle((known.centerX() + 0.5) / perPixel - 0.5,
                    (known.centerY() + 0.5) / perPixel - 0.5, known.radius() / perPixel);
        } else {
            circle = FundusCrop.detect(image).orElse(null);
        }
        BufferedImage square = circle == null ? null : FundusCrop.square(image, circle, 2 * LARGE, scratch);
        if (square == null) {
            return picture;
        }
        int side = (int) Math.max(1, Math.round(2 * circle.r() * perPixel));
        return new Picture(square, side, side);
    }

    // ---------------------------------------------------------------- pixels

    /**
     * An image the JPEG writer and Java2D handle well: 8-bit grey stays, other single-channel
     * images are brought to 8-bit grey, everything else becomes RGB (alpha over black) — lazily,
     * during the first resize step, when that is a plain draw.
     */
    static BufferedImage toDisplayable(BufferedImage image) {
        int type = image.getType();
        if (type == BufferedImage.TYPE_BYTE_GRAY || type == BufferedImage.TYPE_INT_RGB
                || type == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        ColorModel colorModel = image.getColorModel();
        Raster raster = image.getRaster();
        if (raster.getNumBands() == 1 && !(colorModel instanceof IndexColorModel)) {
            return toGrey(image);
        }
        return image;
    }

    private static BufferedImage toGrey(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        Raster raster = image.getRaster();
        int dataType = raster.getDataBuffer().getDataType();
        BufferedImage grey = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] out = ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
        double[] row = new double[width];
        double offset = 0;
        double scale;
        if (dataType == DataBuffer.TYPE_FLOAT || dataType == DataBuffer.TYPE_DOUBLE) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (double v : row) {
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
            offset = Double.isFinite(min) ? min : 0;
            scale = max > min ? 255.0 / (max - min) : 0;
        } else {
            int bits = Math.max(1, Math.min(31, raster.getSampleModel().getSampleSize(0)));
            scale = 255.0 / ((1L << bits) - 1);
        }
        for (int y = 0, at = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            for (int x = 0; x < width; x++, at++) {
                double v = (row[x] - offset) * scale;
                out[at] = (byte) (v >= 255 ? 255 : v > 0 ? (int) Math.round(v) : 0);
            }
        }
        return grey;
    }

    /** Size fitting inside size×size with the aspect ratio kept; never larger than the input. */
    static int[] fit(int width, int height, int size) {
        if (width <= size && height <= size) {
            return new int[] {width, height};
        }
        if (width >= height) {
            return new int[] {size, (int) Math.max(1, Math.round((double) height * size / width))};
        }
        return new int[] {(int) Math.max(1, Math.round((double) width * size / height)), size};
    }

    /**
     * Resizes to exactly {@code width × height}: while an axis is at least twice the target it is
     * halved (bilinear at ½ = 2-pixel box average), then one bilinear step to the target. An axis
     * smaller than the target (only for en-face aspect stretching) is interpolated bilinearly.
     * The result is 8-bit grey for grey input, else RGB.
     */
    static BufferedImage resize(BufferedImage source, int width, int height) {
        return resize(source, width, height, null);
    }

    /**
     * {@link #resize(BufferedImage, int, int)} with its steps in {@code scratch}'s two step slots (in
     * turn, so a step never draws into its own source); the result lives there too.
     */
    static BufferedImage resize(BufferedImage source, int width, int height, PixelBuffers scratch) {
        int type = source.getType() == BufferedImage.TYPE_BYTE_GRAY
                ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_INT_RGB;
        BufferedImage current = source;
        int w = source.getWidth();
        int h = source.getHeight();
        if (w == width && h == height && current.getType() == type) {
            return current;
        }
        int slot = PixelBuffers.STEP_A;
        do {
            int nextWidth = w / 2 >= width ? w / 2 : width;
            int nextHeight = h / 2 >= height ? h / 2 : height;
            BufferedImage next = scratch == null ? new BufferedImage(nextWidth, nextHeight, type)
                    : scratch.blank(nextWidth, nextHeight, type, slot);
            slot = slot == PixelBuffers.STEP_A ? PixelBuffers.STEP_B : PixelBuffers.STEP_A;
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(current, 0, 0, nextWidth, nextHeight, null);
            } finally {
                g.dispose();
            }
            current = next;
            w = nextWidth;
            h = nextHeight;
        } while (w != width || h != height);
        return current;
    }

    // ---------------------------------------------------------------- writing

    private static void writeJpeg(BufferedImage image, Path target) throws IOException {
        byte[] bytes = encodeJpeg(image);
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(temporary, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    static byte[] encodeJpeg(BufferedImage image) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IOException("no JPEG writer");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(32 * 1024);
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            if (param instanceof JPEGImageWriteParam jpeg) {
                jpeg.setOptimizeHuffmanTables(true);
            }
            writer.write(null, new IIOImage(image, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    private static String extension(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return "";
        }
        String s = name.toString();
        int dot = s.lastIndexOf('.');
        return dot < 0 ? "" : s.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
