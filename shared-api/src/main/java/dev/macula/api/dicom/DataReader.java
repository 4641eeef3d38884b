package dev.macula.api.dicom;

/**
 * A little-endian cursor over a {@link ByteSource} with a small read-ahead buffer, for walking the
 * data elements of a header (many small reads). Bulk values are read straight from the source.
 */
final class DataReader {

    private static final int BUFFER = 8192;

    private final ByteSource source;
    private final byte[] buffer = new byte[BUFFER];
    private long bufferStart;
    private int bufferLength;
    private long position;

    DataReader(ByteSource source, long position) {
        this.source = source;
        this.position = position;
    }

    ByteSource source() {
        return source;
    }

    long position() {
        return position;
    }

    long remaining() {
        return source.length() - position;
    }

    void seek(long newPosition) throws DicomException {
        source.checkRange(newPosition, 0);
        position = newPosition;
    }

    void skip(long count) throws DicomException {
        source.checkRange(position, count);
        position += count;
    }

    int u8() throws DicomException {
        fill(1);
        return buffer[(int) (position++ - bufferStart)] & 0xFF;
    }

    int u16() throws DicomException {
        fill(2);
        int at = (int) (position - bufferStart);
        position += 2;
        return (buffer[at] & 0xFF) | (buffer[at + 1] & 0xFF) << 8;
    }

    long u32() throws DicomException {
        fill(4);
        int at = (int) (position - bufferStart);
        position += 4;
        return ((buffer[at] & 0xFFL) | (buffer[at + 1] & 0xFFL) << 8 | (buffer[at + 2] & 0xFFL) << 16
                | (buffer[at + 3] & 0xFFL) << 24);
    }

    byte[] bytes(long count) throws DicomException {
        source.checkRange(position, count);
        byte[] value = source.read(position, (int) count);
        position += count;
        return value;
    }

    private void fill(int needed) throws DicomException {
        if (position >= bufferStart && position + needed <= bufferStart + bufferLength) {
            return;
        }
        source.checkRange(position, needed);
        bufferStart = position;
        bufferLength = (int) Math.min(BUFFER, source.length() - position);
        source.read(position, buffer, 0, bufferLength);
    }
}
