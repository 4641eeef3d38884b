package dev.macula.tools.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DatasetExportCliTest {

    @Test
    void readsTheOptionsIntoTheRequestBody() {
        DatasetExportCli.Options options = DatasetExportCli.Options.parse(new String[]{
                "--project", "Rotterdam", "--task", "7", "--as-of", "1234", "--out", "snap"});
        assertThat(options.body()).isEqualTo(Map.of("project", "Rotterdam", "task_id", 7L, "as_of", "1234"));
        assertThat(options.out()).isEqualTo(Path.of("snap"));
        assertThat(DatasetExportCli.Options.parse(new String[]{"--out", "x", "--project", "P"}).body())
                .isEqualTo(Map.of("project", "P"));
    }

    @Test
    void refusesIncompleteOrWrongCommandLines() {
        assertThatThrownBy(() -> DatasetExportCli.Options.parse(new String[]{"--project", "P"}))
                .hasMessageContaining("--out");
        assertThatThrownBy(() -> DatasetExportCli.Options.parse(new String[]{"--project", "P", "--out", "d", "--task", "x"}))
                .hasMessageContaining("--task");
        assertThatThrownBy(() -> DatasetExportCli.Options.parse(new String[]{"--project"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> DatasetExportCli.Options.parse(new String[]{"--format", "csv"}))
                .hasMessageContaining("unknown argument");
    }

    @Test
    void unpacksIntoTheDirectoryAndRefusesEntriesOutsideIt(@TempDir Path dir) throws IOException {
        assertThat(DatasetExportCli.unzip(zip("images.csv", "masks/3.npy"), dir.resolve("out"))).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("out/masks/3.npy"))).isEqualTo("masks/3.npy");
        assertThatThrownBy(() -> DatasetExportCli.unzip(zip("../evil"), dir.resolve("other")))
                .hasMessageContaining("outside");
        assertThat(dir.resolve("evil")).doesNotExist();
    }

    private static byte[] zip(String... names) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (String name : names) {
                out.putNextEntry(new ZipEntry(name));
                out.write(name.getBytes());
                out.closeEntry();
            }
        }
        return bytes.toByteArray();
    }
}
