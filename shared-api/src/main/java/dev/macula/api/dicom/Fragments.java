package dev.macula.api.dicom;

import java.util.Arrays;

/**
 * The encapsulated pixel data of PS3.5 §A.4: a basic offset table item (possibly empty) then one item
 * per fragment. Only positions are recorded at open; a frame's bytes are read when it is decoded.
 */
final class Fragments {

    private final long[] offsetTable;
    private final long[] offsets;
    private final int[] lengths;
    private final int count;
    /** Offset of the first fragment item's tag: the origin of the basic offset table's values. */
    private final long firstItem;
    private int[] frameStarts;

    private Fragments(long[] offsetTable, long[] offsets, int[] lengths, int count, long firstItem) {
        this.offsetTable = offsetTable;
        this.offsets = offsets;
        this.lengths = lengths;
        this.count = count;
        this.firstItem = firstItem;
    }

    static Fragments read(DataReader reader) throws DicomException {
        long[] table = offsetTable(reader);
        long firstItem = reader.position();
        long[] offsets = new long[16];
        int[] lengths = new int[16];
        int count = 0;
        while (true) {
            if (reader.remaining() < 8) {
                throw new DicomException("truncated: encapsulated pixel data has no sequence delimiter");
            }
            int tag = reader.u16() << 16 | reader.u16();
            long length = reader.u32();
            if (tag == Tags.SEQUENCE_DELIMITER) {
                break;
            }
            if (tag != Tags.ITEM) {
                throw new DicomException("encapsulated pixel data holds " + Tags.name(tag) + " where a fragment "
                        + "item was expected");
            }
            checkFragmentLength(reader, length);
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
            }
            offsets[count] = reader.position();
            lengths[count] = (int) length;
            count++;
            reader.skip(length);
        }
        if (count == 0) {
            throw new DicomException("encapsulated pixel data holds no fragments");
        }
        return new Fragments(table, offsets, lengths, count, firstItem);
    }

    /** The basic offset table: the first item, its values unsigned 32-bit offsets. */
    private static long[] offsetTable(DataReader reader) throws DicomException {
        if (reader.remaining() < 8) {
            throw new DicomException("truncated: encapsulated pixel data has no offset table");
        }
        int tag = reader.u16() << 16 | reader.u16();
        long length = reader.u32();
        if (tag != Tags.ITEM) {
            throw new DicomException("encapsulated pixel data does not start with an offset table item");
        }
        checkFragmentLength(reader, length);
        if (length % 4 != 0) {
            throw new DicomException("the basic offset table's length " + length + " is not a multiple of 4");
        }
        long[] values = new long[(int) (length / 4)];
        for (int i = 0; i < values.length; i++) {
            values[i] = reader.u32();
        }
        return values;
    }

    private static void checkFragmentLength(DataReader reader, long length) throws DicomException {
        if (length == DataSetParser.UNDEFINED) {
            throw new DicomException("a pixel data fragment has an undefined length");
        }
        if ((length & 1) != 0) {
            throw new DicomException("a pixel data fragment has an odd length " + length);
        }
        if (length > reader.remaining()) {
            throw new DicomException("truncated: a pixel data fragment declares " + length + " bytes, "
                    + reader.remaining() + " remain");
        }
    }

    /**
     * The bytes of one frame: its fragments concatenated. Frames map to fragments one to one when the
     * counts agree, else by the offset table, else (empty table) by fragments that open a new
     * codestream (a JPEG SOI or JPEG 2000 SOC marker); a single frame takes every fragment.
     */
    byte[] frame(ByteSource source, int index, int frames) throws DicomException {
        if (frameStarts == null) {
            frameStarts = mapFrames(source, frames);
        }
        int from = frameStarts[index];
        int to = frameStarts[index + 1];
        long total = 0;
        for (int i = from; i < to; i++) {
            total += lengths[i];
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new DicomException("frame " + index + " is larger than 2 GiB");
        }
        byte[] bytes = new byte[(int) total];
        int at = 0;
        for (int i = from; i < to; i++) {
            source.read(offsets[i], bytes, at, lengths[i]);
            at += lengths[i];
        }
        return bytes;
    }

    private int[] mapFrames(ByteSource source, int frames) throws DicomException {
        int[] starts = new int[frames + 1];
        starts[frames] = count;
        if (frames == 1) {
            return starts;
        }
        if (count == frames) {
            for (int i = 0; i < frames; i++) {
                starts[i] = i;
            }
            return starts;
        }
        if (offsetTable.length == frames) {
            for (int i = 0; i < frames; i++) {
                starts[i] = fragmentAt(offsetTable[i], i);
                if (i > 0 && starts[i] < starts[i - 1]) {
                    throw new DicomException("the basic offset table is not ascending");
                }
            }
            return starts;
        }
        if (offsetTable.length != 0) {
            throw new DicomException("the basic offset table lists " + offsetTable.length + " frames, the header "
                    + frames);
        }
        if (count < frames) {
            throw new DicomException("encapsulated pixel data holds " + count + " fragments for " + frames + " frames");
        }
        int frame = 0;
        byte[] marker = new byte[2];
        for (int i = 0; i < count && frame < frames; i++) {
            if (lengths[i] < 2) {
                continue;
            }
            source.read(offsets[i], marker, 0, 2);
            boolean opens = (marker[0] & 0xFF) == 0xFF && ((marker[1] & 0xFF) == 0xD8 || (marker[1] & 0xFF) == 0x4F);
            if (opens || i == 0) {
                starts[frame++] = i;
            }
        }
        if (frame != frames) {
            throw new DicomException("encapsulated pixel data holds " + frame + " codestreams for " + frames
                    + " frames");
        }
        return starts;
    }

    /** Index of the fragment whose item starts at the given offset-table value. */
    private int fragmentAt(long tableOffset, int frame) throws DicomException {
        int index = Arrays.binarySearch(offsets, 0, count, firstItem + tableOffset + 8);
        if (index >= 0) {
            return index;
        }
        throw new DicomException("the basic offset table entry of frame " + frame + " points to no fragment");
    }
}
