package dev.macula.api.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PngSeriesTest {

    @Test
    void framesAreDirStemIndexPng() {
        PngSeries series = PngSeries.parse("[png_series_3]some/dir/vol.png").orElseThrow();
        assertThat(series.frames()).isEqualTo(3);
        assertThat(series.path()).isEqualTo("some/dir/vol.png");
        assertThat(series.frameNames()).containsExactly("some/dir/vol_0.png", "some/dir/vol_1.png", "some/dir/vol_2.png");
        assertThat(series.identifier()).isEqualTo("[png_series_3]some/dir/vol.png");
    }

    @Test
    void stemFollowsPythonPathStem() {
        // no suffix (the migrated fixtures' form), several suffixes, no directory, a dot-file
        assertThat(PngSeries.parse("[png_series_1]heyex/p/oct_5").orElseThrow().frame(0)).isEqualTo("heyex/p/oct_5_0.png");
        assertThat(PngSeries.parse("[png_series_1]a/v.tar.png").orElseThrow().frame(0)).isEqualTo("a/v.tar_0.png");
        assertThat(PngSeries.parse("[png_series_2]vol.png").orElseThrow().frame(1)).isEqualTo("vol_1.png");
        assertThat(PngSeries.parse("[png_series_1]d/.png").orElseThrow().frame(0)).isEqualTo("d/.png_0.png");
    }

    @Test
    void malformedIdentifiersAreNotSeries() {
        assertThat(PngSeries.parse(null)).isEmpty();
        assertThat(PngSeries.parse("vol.png")).isEmpty();
        assertThat(PngSeries.parse("[png_series_0]vol.png")).isEmpty();
        assertThat(PngSeries.parse("[png_series_]vol.png")).isEmpty();
        assertThat(PngSeries.parse("[png_series_-2]vol.png")).isEmpty();
        assertThat(PngSeries.parse("[png_series_4]")).isEmpty();
        assertThat(PngSeries.parse("[png_series_9999999]vol.png")).isEmpty();
        assertThat(PngSeries.parse("x[png_series_4]vol.png")).isEmpty();
    }
}
