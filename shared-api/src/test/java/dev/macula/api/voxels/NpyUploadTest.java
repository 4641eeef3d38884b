package dev.macula.api.voxels;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The data part's SHA-256, computed while the body arrives, handed out only for exactly that range. */
class NpyUploadTest {

    /** Hands out at most {@code step} bytes per read, as a socket does. */
    private static InputStream trickle(byte[] bytes, int step) {
        return new ByteArrayInputStream(bytes) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    private static byte[] npy(int depth, int height, int width) {
        byte[] data = new byte[depth * height * width];
        new Random(depth + height).nextBytes(data);
        return Npy.write(new NdArray(DType.UINT8, new int[]{depth, height, width}, data));
    }

    @Test
    void hashesTheDataWhileItArrivesInAnyPieces() throws IOException {
        for (int step : new int[]{7, 1000, 65_536, 10_000_000}) {
            byte[] body = npy(1, 1632, 2464);
            NpyUpload upload = NpyUpload.read(trickle(body, step), body.length);
            Npy.Header header = Npy.header(upload.body());

            assertThat(upload.body()).isEqualTo(body);
            assertThat(upload.checksum(header.offset(), header.length())).isEqualTo(BlobStore.sha256(
                    Arrays.copyOfRange(body, header.offset(), header.offset() + header.length())));
            assertThat(upload.checksum(header.offset() + 1, header.length() - 1)).isNull();
        }
    }

    @Test
    void handsOutNothingForBodiesItCouldNotHashAhead() throws IOException {
        byte[] body = npy(1, 30, 40);
        NpyUpload truncated = NpyUpload.read(trickle(body, 100), body.length + 10);
        assertThat(truncated.body()).isEqualTo(body);
        assertThat(truncated.checksum(128, 1200)).isNull();

        byte[] fortran = withHeader("{'descr': '|u1', 'fortran_order': True, 'shape': (2, 3), }", new byte[]{0, 3, 1, 4, 2, 5});
        NpyUpload columnMajor = NpyUpload.read(trickle(fortran, 5), fortran.length);
        Npy.Header header = Npy.header(fortran);
        assertThat(header.inPlace()).isFalse();
        assertThat(columnMajor.checksum(header.offset(), header.length())).isNull(); // stored after conversion

        NpyUpload notNpy = NpyUpload.read(new ByteArrayInputStream(new byte[500]), 500);
        assertThat(notNpy.checksum(128, 372)).isNull();
        assertThat(NpyUpload.of(body).checksum(128, 1200)).isNull();
    }

    /** A version 1.0 file with this header dictionary, padded as NumPy pads it. */
    private static byte[] withHeader(String dictionary, byte[] data) {
        StringBuilder header = new StringBuilder(dictionary);
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        byte[] text = header.append('\n').toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] file = new byte[10 + text.length + data.length];
        System.arraycopy(new byte[]{(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) text.length, (byte) (text.length >> 8)},
                0, file, 0, 10);
        System.arraycopy(text, 0, file, 10, text.length);
        System.arraycopy(data, 0, file, 10 + text.length, data.length);
        return file;
    }
}
