package dev.macula.api.dicom;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Walks the data elements of a data set up to the pixel data, keeping the values of {@link Tags#VR}
 * and skipping everything else by its length. Every length is checked against what remains of the
 * file and of the enclosing item before anything is read; sequences nest at most {@link #MAX_DEPTH}.
 */
final class DataSetParser {

    static final long UNDEFINED = 0xFFFFFFFFL;
    /** Deeper than any real object (enhanced OCT needs 3); a guard against hostile recursion. */
    static final int MAX_DEPTH = 12;
    /** A kept value longer than this is not a header value we want: it is skipped. */
    private static final int MAX_KEPT_VALUE = 64 * 1024;
    private static final Set<String> LONG_LENGTH_VRS =
            Set.of("OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV");
    private static final Set<String> KNOWN_VRS = Set.of("AE", "AS", "AT", "CS", "DA", "DS", "DT", "FD", "FL",
            "IS", "LO", "LT", "OB", "OD", "OF", "OL", "OV", "OW", "PN", "SH", "SL", "SQ", "SS", "ST", "SV",
            "TM", "UC", "UI", "UL", "UN", "UR", "US", "UT", "UV");

    /** Where the pixel data element's value starts and its length ({@link #UNDEFINED} = encapsulated). */
    record PixelDataElement(long valueOffset, long length) {
    }

    private final DataReader reader;
    private final boolean explicitVr;
    private PixelDataElement pixelData;

    private DataSetParser(DataReader reader, boolean explicitVr) {
        this.reader = reader;
        this.explicitVr = explicitVr;
    }

    /** Parses from the reader's position to the pixel data (or the end); returns the pixel data found. */
    static PixelDataElement parse(DataReader reader, boolean explicitVr, Attributes target) throws DicomException {
        DataSetParser parser = new DataSetParser(reader, explicitVr);
        parser.dataSet(target, reader.source().length(), false, 0);
        return parser.pixelData;
    }

    /** Parses the file meta group (always explicit VR little endian) into target. */
    static void parseMetaGroup(DataReader reader, Attributes target) throws DicomException {
        DataSetParser parser = new DataSetParser(reader, true);
        while (reader.remaining() >= 8) {
            long start = reader.position();
            int group = reader.u16();
            reader.seek(start);
            if (group != 0x0002) {
                return;
            }
            parser.element(target, reader.source().length(), 0);
        }
    }

    /**
     * Elements until {@code end} (a defined length) or, when {@code untilDelimiter}, an item delimiter.
     * Returns false when parsing stopped at the top-level pixel data.
     */
    private boolean dataSet(Attributes target, long end, boolean untilDelimiter, int depth) throws DicomException {
        while (reader.position() < end) {
            if (!untilDelimiter && depth == 0 && reader.remaining() < 8) {
                return true; // trailing padding shorter than an element header
            }
            long start = reader.position();
            int tag = tag();
            if (tag == Tags.ITEM_DELIMITER) {
                reader.u32();
                if (untilDelimiter) {
                    return true;
                }
                throw new DicomException("unexpected item delimiter at offset " + start);
            }
            reader.seek(start);
            if (!element(target, end, depth)) {
                return false;
            }
        }
        if (untilDelimiter) {
            throw new DicomException("truncated: an item of undefined length has no delimiter");
        }
        return true;
    }

    /** One element; false when it is the top-level pixel data (parsing stops there). */
    private boolean element(Attributes target, long end, int depth) throws DicomException {
        long start = reader.position();
        int tag = tag();
        if ((tag >>> 16) == 0xFFFE) {
            throw new DicomException("unexpected " + Tags.name(tag) + " at offset " + start + " outside a sequence");
        }
        String vr;
        long length;
        if (explicitVr) {
            vr = new String(new byte[]{(byte) reader.u8(), (byte) reader.u8()}, StandardCharsets.ISO_8859_1);
            if (!KNOWN_VRS.contains(vr)) {
                throw new DicomException("element " + Tags.name(tag) + " at offset " + start
                        + " has an invalid value representation");
            }
            if (LONG_LENGTH_VRS.contains(vr)) {
                reader.skip(2);
                length = reader.u32();
            } else {
                length = reader.u16();
            }
        } else {
            vr = Tags.VR.getOrDefault(tag, "UN");
            length = reader.u32();
        }
        if (tag == Tags.PIXEL_DATA && depth == 0) {
            pixelData = new PixelDataElement(reader.position(), length);
            if (length != UNDEFINED) {
                checkLength(tag, length, end);
            }
            return false;
        }
        if (length == UNDEFINED) {
            if (vr.equals("SQ") || vr.equals("UN") || !explicitVr) {
                // an undefined-length UN is a sequence encoded in implicit VR (PS3.5 §6.2.2)
                boolean implicitInside = vr.equals("UN") && explicitVr;
                sequence(tag, target, end, true, depth + 1, implicitInside);
                return true;
            }
            throw new DicomException("element " + Tags.name(tag) + " (" + vr + ") has an undefined length, "
                    + "which only sequences may have");
        }
        checkLength(tag, length, end);
        boolean isSequence = vr.equals("SQ") || (!explicitVr && "SQ".equals(Tags.VR.get(tag)));
        if (isSequence && Tags.VR.containsKey(tag)) {
            sequence(tag, target, reader.position() + length, false, depth + 1, false);
        } else if (Tags.VR.containsKey(tag) && length <= MAX_KEPT_VALUE && !isSequence) {
            target.put(tag, reader.bytes(length));
        } else {
            reader.skip(length);
        }
        return true;
    }

    private void sequence(int tag, Attributes target, long end, boolean undefinedLength, int depth,
            boolean implicitInside) throws DicomException {
        if (depth > MAX_DEPTH) {
            throw new DicomException("sequences nest deeper than " + MAX_DEPTH + " levels");
        }
        DataSetParser inner = implicitInside ? new DataSetParser(reader, false) : this;
        while (undefinedLength || reader.position() < end) {
            if (reader.position() + 8 > end) {
                throw new DicomException("truncated: sequence " + Tags.name(tag) + " has no delimiter");
            }
            long start = reader.position();
            int itemTag = tag();
            long itemLength = reader.u32();
            if (itemTag == Tags.SEQUENCE_DELIMITER) {
                if (undefinedLength) {
                    return;
                }
                throw new DicomException("unexpected sequence delimiter at offset " + start);
            }
            if (itemTag != Tags.ITEM) {
                throw new DicomException("sequence " + Tags.name(tag) + " holds " + Tags.name(itemTag)
                        + " at offset " + start + " where an item was expected");
            }
            Attributes item = new Attributes();
            if (itemLength == UNDEFINED) {
                inner.dataSet(item, end, true, depth);
            } else {
                checkLength(itemTag, itemLength, end);
                long itemEnd = reader.position() + itemLength;
                inner.dataSet(item, itemEnd, false, depth);
                if (reader.position() != itemEnd) {
                    throw new DicomException("an item at offset " + start + " overruns its length");
                }
            }
            target.putFirstItem(tag, item);
        }
        if (reader.position() != end) {
            throw new DicomException("sequence " + Tags.name(tag) + " overruns its length");
        }
    }

    private int tag() throws DicomException {
        int group = reader.u16();
        int element = reader.u16();
        return group << 16 | element;
    }

    private void checkLength(int tag, long length, long end) throws DicomException {
        if ((length & 1) != 0) {
            throw new DicomException("element " + Tags.name(tag) + " has an odd length " + length
                    + " (DICOM lengths are even)");
        }
        long available = Math.min(end, reader.source().length()) - reader.position();
        if (length > available) {
            throw new DicomException("truncated: element " + Tags.name(tag) + " declares " + length
                    + " bytes, " + Math.max(0, available) + " remain");
        }
    }
}
