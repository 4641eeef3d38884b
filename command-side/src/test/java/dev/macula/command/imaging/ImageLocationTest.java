package dev.macula.command.imaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.macula.command.imaging.ImageProbe.Dimensions;

class ImageLocationTest {

    @TempDir
    Path root;

    @TempDir
    Path elsewhere;

    @Test
    void plainFileKeepsItsRelativePathAndProbe() throws IOException {
        png("a/b/photo.png", 300, 200);
        ImageLocation location = ImageLocation.resolve(root, "a/./b/photo.png");
        assertThat(location.datasetIdentifier()).isEqualTo("a/b/photo.png");
        assertThat(location.series()).isNull();
        assertThat(location.probe()).contains(new Dimensions(200, 300, 1));
        assertThat(ImageLocation.resolve(root, root.resolve("a/b/photo.png").toString()).datasetIdentifier())
                .isEqualTo("a/b/photo.png");
    }

    @Test
    void pngSeriesProbesFrameZeroAndCountsN() throws IOException {
        for (int i = 0; i < 4; i++) {
            png("oct/vol_" + i + ".png", 512, 496);
        }
        ImageLocation location = ImageLocation.resolve(root, "[png_series_4]oct/./vol.png");
        assertThat(location.datasetIdentifier()).isEqualTo("[png_series_4]oct/vol.png");
        assertThat(location.file()).isEqualTo(root.toAbsolutePath().normalize().resolve("oct/vol_0.png"));
        assertThat(location.probe()).contains(new Dimensions(496, 512, 4));
        // an absolute path inside the root becomes relative, as for plain files
        assertThat(ImageLocation.resolve(root, "[png_series_4]" + root.resolve("oct/vol.png")).datasetIdentifier())
                .isEqualTo("[png_series_4]oct/vol.png");
    }

    @Test
    void everyFrameMustExistInsideTheRoot() throws IOException {
        png("oct/vol_0.png", 20, 10);
        png("oct/vol_1.png", 20, 10);
        assertThatThrownBy(() -> ImageLocation.resolve(root, "[png_series_3]oct/vol.png"))
                .isInstanceOf(ImportFailure.class).hasMessage("File does not exist: oct/vol_2.png");
        assertThatThrownBy(() -> ImageLocation.resolve(root, "[png_series_2]../vol.png"))
                .isInstanceOf(ImportFailure.class).hasMessage("Image path is outside the images root: [png_series_2]../vol.png");
        String outside = elsewhere.resolve("vol.png").toString();
        assertThatThrownBy(() -> ImageLocation.resolve(root, "[png_series_2]" + outside))
                .isInstanceOf(ImportFailure.class).hasMessageStartingWith("Image path is outside the images root");
        // a frame that is a link out of the root is refused like a missing file
        ImageIO.write(new BufferedImage(20, 10, BufferedImage.TYPE_BYTE_GRAY), "png", elsewhere.resolve("x.png").toFile());
        Files.createSymbolicLink(root.resolve("oct/link_0.png"), elsewhere.resolve("x.png"));
        assertThatThrownBy(() -> ImageLocation.resolve(root, "[png_series_1]oct/link.png"))
                .isInstanceOf(ImportFailure.class).hasMessageStartingWith("Image path is outside the images root");
    }

    @Test
    void malformedSeriesIdentifiersAreRefusedWithAReason() {
        assertThatThrownBy(() -> ImageLocation.resolve(root, "[png_series_0]oct/vol.png"))
                .isInstanceOf(ImportFailure.class).hasMessageStartingWith("Malformed png series identifier");
        assertThatThrownBy(() -> ImageLocation.resolve(root, "[png_series_x]oct/vol.png"))
                .isInstanceOf(ImportFailure.class).hasMessageStartingWith("Malformed png series identifier");
    }

    private void png(String relative, int width, int height) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY), "png", file.toFile());
    }
}
