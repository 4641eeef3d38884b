package dev.macula.api.dicom;

/**
 * Refuses, before JJ2000 sees them, the JPEG 2000 codestreams that send it into loops which read
 * nothing, so that {@link GuardedImageInputStream} cannot end them:
 * <ul>
 *   <li>a 0xFF byte followed by another in tile data: JJ2000's packet-header bit reader expects a
 *       stuffed byte after 0xFF, never 0xFF, and on a second one keeps returning its bits forever;
 *   <li>packed packet headers (PPM, PPT): JJ2000 reads those from an array of its own, whose end it
 *       takes for bytes of all ones, again forever;
 *   <li>more tiles than the codestream could hold (every tile needs a tile-part of at least 14 bytes):
 *       JJ2000 allocates per-tile state for all of them before anything else;
 *   <li>an image size or component count other than the DICOM header's, before the decoder sizes its
 *       buffers by them.
 * </ul>
 * The tile-parts are followed by their lengths (Psot) as JJ2000 does; where that chain breaks, the rest
 * of the codestream counts as tile data.
 */
final class Jpeg2000Screen {

    private static final int SOC = 0xFF4F;
    private static final int SIZ = 0xFF51;
    private static final int PPM = 0xFF60;
    private static final int PPT = 0xFF61;
    private static final int SOT = 0xFF90;
    private static final int SOD = 0xFF93;
    private static final int EOC = 0xFFD9;
    /** SOT marker segment (12 bytes) and SOD marker (2): the least a tile-part takes. */
    private static final int MIN_TILE_PART_BYTES = 14;
    private static final String CODEC = "JPEG 2000 frame";

    private final byte[] bytes;
    private final int start;

    private Jpeg2000Screen(byte[] bytes, int start) {
        this.bytes = bytes;
        this.start = start;
    }

    /** Checks the codestream (bare, or in a JP2 file's codestream box) against the frame's layout. */
    static void check(byte[] data, PixelLayout layout) throws DicomException {
        new Jpeg2000Screen(data, codestreamStart(data)).check(layout);
    }

    private void check(PixelLayout layout) throws DicomException {
        if (u16(start) != SOC || u16(start + 2) != SIZ) {
            throw new DicomException(CODEC + " does not start with SOC and SIZ markers");
        }
        checkSize(start + 4, layout);
        int position = skipHeaderSegments(start + 4 + u16(start + 4), "main");
        while (position + 1 < bytes.length && u16(position) == SOT) {
            position = checkTilePart(position);
        }
        if (position + 1 < bytes.length && u16(position) != EOC) {
            // a tile-part length that points nowhere: all that follows may be read as packets
            checkTileData(position, bytes.length);
        }
    }

    /** The SIZ segment's parameters (offset at its length field). */
    private void checkSize(int siz, PixelLayout layout) throws DicomException {
        need(siz + 38);
        long width = u32(siz + 4) - u32(siz + 12);
        long height = u32(siz + 8) - u32(siz + 16);
        if (width != layout.columns() || height != layout.rows()) {
            throw new DicomException(CODEC + " is " + width + "×" + height + ", the header says "
                    + layout.columns() + "×" + layout.rows());
        }
        int components = u16(siz + 36);
        if (components != layout.samples()) {
            throw new DicomException(CODEC + " has " + components + " components, the header says "
                    + layout.samples());
        }
        long tileWidth = u32(siz + 20);
        long tileHeight = u32(siz + 24);
        if (tileWidth == 0 || tileHeight == 0) {
            throw new DicomException(CODEC + " declares empty tiles");
        }
        long tiles = ceilDiv(u32(siz + 4) - u32(siz + 28), tileWidth) * ceilDiv(u32(siz + 8) - u32(siz + 32), tileHeight);
        if (tiles < 1 || tiles > (bytes.length - start) / MIN_TILE_PART_BYTES) {
            throw new DicomException(CODEC + " declares " + tiles + " tiles in " + (bytes.length - start) + " bytes");
        }
    }

    /** Returns the position after the tile-part that starts at {@code sot}. */
    private int checkTilePart(int sot) throws DicomException {
        need(sot + 12);
        long length = u32(sot + 6);
        long end = length == 0 ? bytes.length : Math.min(bytes.length, sot + length);
        int sod = skipHeaderSegments(sot + 2 + u16(sot + 2), "tile-part");
        if (u16(sod) != SOD) {
            throw new DicomException(CODEC + " has a tile-part header without SOD marker");
        }
        if (end < sod + 2) {
            // a length that ends inside the header: JJ2000 reads on from SOD regardless
            checkTileData(sod + 2, bytes.length);
            return bytes.length;
        }
        checkTileData(sod + 2, (int) end);
        return (int) end;
    }

    /** Skips marker segments up to SOT (main header) or SOD (tile-part header), refusing PPM/PPT. */
    private int skipHeaderSegments(int position, String header) throws DicomException {
        while (true) {
            need(position + 2);
            int marker = u16(position);
            if (marker == SOT || marker == SOD) {
                return position;
            }
            if (marker == PPM || marker == PPT) {
                throw new DicomException(CODEC + " uses packed packet headers (PPM/PPT), which are not supported");
            }
            if ((marker & 0xFF00) != 0xFF00) {
                throw new DicomException(CODEC + " has no marker at byte " + (position - start) + " of its " + header
                        + " header");
            }
            need(position + 4);
            position += 2 + u16(position + 2);
        }
    }

    private void checkTileData(int from, int to) throws DicomException {
        for (int i = from; i + 1 < to; i++) {
            if (bytes[i] == (byte) 0xFF && bytes[i + 1] == (byte) 0xFF) {
                throw new DicomException(CODEC + " has two 0xFF bytes in a row in its tile data (byte "
                        + (i - start) + ")");
            }
        }
    }

    /** Where the codestream starts: at 0, or in the first codestream box ("jp2c") of a JP2 file. */
    private static int codestreamStart(byte[] data) throws DicomException {
        Jpeg2000Screen boxes = new Jpeg2000Screen(data, 0);
        if (data.length < 8 || boxes.u32(4) != 0x6A502020L) { // "jP  ": the JP2 signature box
            return 0;
        }
        long position = 0;
        while (position + 8 <= data.length) {
            int at = (int) position;
            long length = boxes.u32(at);
            int header = 8;
            if (length == 1) {
                boxes.need(at + 16);
                length = boxes.u32(at + 8) << 32 | boxes.u32(at + 12);
                header = 16;
            } else if (length == 0) {
                length = data.length - position;
            }
            if (boxes.u32(at + 4) == 0x6A703263L) { // "jp2c"
                return at + header;
            }
            if (length < header) {
                break;
            }
            position += length;
        }
        throw new DicomException(CODEC + " is a JP2 file without a codestream box");
    }

    private void need(long end) throws DicomException {
        if (end > bytes.length) {
            throw new DicomException(CODEC + " ends inside its headers (" + (bytes.length - start) + " bytes)");
        }
    }

    private int u16(int at) throws DicomException {
        need(at + 2L);
        return (bytes[at] & 0xFF) << 8 | bytes[at + 1] & 0xFF;
    }

    private long u32(int at) throws DicomException {
        need(at + 4L);
        return (long) u16(at) << 16 | u16(at + 2);
    }

    private static long ceilDiv(long value, long divisor) {
        return value <= 0 ? 0 : (value + divisor - 1) / divisor;
    }
}
