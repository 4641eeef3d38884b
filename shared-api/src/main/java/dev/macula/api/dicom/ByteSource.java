package dev.macula.api.dicom;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Random access to the bytes of a data set: the file itself (read through its channel, so a large
 * volume is never loaded whole) or an inflated deflate data set held in memory. Every read is checked
 * against the length, so a lying length becomes a "truncated" reason instead of garbage.
 */
abstract sealed class ByteSource implements AutoCloseable {

    abstract long length();

    /** Reads exactly {@code length} bytes at {@code position}. */
    abstract void read(long position, byte[] target, int offset, int length) throws DicomException;

    final byte[] read(long position, int length) throws DicomException {
        checkRange(position, length);
        byte[] bytes = new byte[length];
        read(position, bytes, 0, length);
        return bytes;
    }

    final void checkRange(long position, long length) throws DicomException {
        if (position < 0 || length < 0 || position + length > length()) {
            throw new DicomException("truncated: " + length + " bytes declared at offset " + position + ", "
                    + Math.max(0, length() - position) + " remain");
        }
    }

    @Override
    public void close() {
    }

    static final class FileSource extends ByteSource {
        private final FileChannel channel;
        private final long length;

        FileSource(FileChannel channel) throws IOException {
            this.channel = channel;
            this.length = channel.size();
        }

        @Override
        long length() {
            return length;
        }

        @Override
        void read(long position, byte[] target, int offset, int length) throws DicomException {
            checkRange(position, length);
            ByteBuffer buffer = ByteBuffer.wrap(target, offset, length);
            try {
                while (buffer.hasRemaining()) {
                    if (channel.read(buffer, position + buffer.position() - offset) < 0) {
                        throw new DicomException("truncated: the file ended while reading offset " + position);
                    }
                }
            } catch (DicomException e) {
                throw e;
            } catch (IOException e) {
                throw new DicomException("cannot read the file: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a read-only channel loses nothing
            }
        }
    }

    static final class ArraySource extends ByteSource {
        private final byte[] bytes;
        private final int length;

        ArraySource(byte[] bytes, int length) {
            this.bytes = bytes;
            this.length = length;
        }

        @Override
        long length() {
            return length;
        }

        @Override
        void read(long position, byte[] target, int offset, int length) throws DicomException {
            checkRange(position, length);
            System.arraycopy(bytes, (int) position, target, offset, length);
        }
    }
}
