package dev.macula.infra.config;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PostgresBinariesTest {

    @TempDir
    Path target;

    @Test
    void keepsExecutableBitsAndLinksAndMakesEverythingReadableForTheServerUser() throws IOException {
        byte[] txz = txz(tar -> {
            file(tar, "bin/postgres", 0700, "#!/bin/sh\n");
            file(tar, "lib/libpq.so.5.14", 0600, "elf");
            TarArchiveEntry link = new TarArchiveEntry("lib/libpq.so.5", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("libpq.so.5.14");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        });

        PostgresBinaries.unpack(new ByteArrayInputStream(txz), target);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("bin/postgres"))))
                .isEqualTo("rwxr-xr-x");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("lib/libpq.so.5.14"))))
                .isEqualTo("rw-r--r--");
        assertThat(Files.readSymbolicLink(target.resolve("lib/libpq.so.5"))).isEqualTo(Path.of("libpq.so.5.14"));
        assertThat(Files.readString(target.resolve("lib/libpq.so.5"))).isEqualTo("elf");
    }

    @Test
    void refusesEntriesThatLeaveTheTargetFolder() throws IOException {
        byte[] txz = txz(tar -> file(tar, "../escaped", 0644, "x"));

        assertThatThrownBy(() -> PostgresBinaries.unpack(new ByteArrayInputStream(txz), target.resolve("bin")))
                .isInstanceOf(IOException.class).hasMessageContaining("outside");
        assertThat(target.resolve("escaped")).doesNotExist();
    }

    private interface Entries {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static byte[] txz(Entries entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new XZOutputStream(bytes, new LZMA2Options()))) {
            entries.write(tar);
        }
        return bytes.toByteArray();
    }

    private static void file(TarArchiveOutputStream tar, String name, int mode, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(mode);
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }
}
