package dev.macula.api.dicom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

/** The RLE decoder, date parsing and the VOI function on hand-made input. */
class DicomUnitsTest {

    @Test
    void packbits_literal_and_repeat_runs_fill_a_plane() throws DicomException {
        // literal of 3 (2 = copy 3 bytes), then repeat 0x07 four times (-3), then padding (-128)
        byte[] segment = {2, 1, 2, 3, -3, 7, -128};
        byte[] out = new byte[7];
        RleDecoder.unpack(segment, 0, segment.length, out, 0, 1, 7, 0);
        assertThat(out).containsExactly(1, 2, 3, 7, 7, 7, 7);
    }

    @Test
    void rle_frames_put_the_most_significant_byte_plane_first_and_interleave_samples() throws DicomException {
        // two 16-bit pixels, one sample: segment 0 = high bytes, segment 1 = low bytes
        byte[] frame = new byte[64 + 6];
        frame[0] = 2;
        frame[4] = 64;
        frame[8] = 67;
        byte[] segments = {1, 0x12, 0x34, 1, 0x56, 0x78};
        System.arraycopy(segments, 0, frame, 64, 6);
        byte[] raw = RleDecoder.decode(frame, 2, 1, 2);
        assertThat(raw).containsExactly(0x56, 0x12, 0x78, 0x34);
    }

    @Test
    void rle_refuses_short_segments_and_wrong_segment_counts() {
        byte[] frame = new byte[66];
        frame[0] = 1;
        frame[4] = 64;
        frame[64] = 5; // a literal of 6 bytes, only 1 present
        assertThatThrownBy(() -> RleDecoder.decode(frame, 6, 1, 1)).isInstanceOf(DicomException.class)
                .hasMessageContaining("literal run beyond its end");
        assertThatThrownBy(() -> RleDecoder.decode(frame, 6, 3, 1)).isInstanceOf(DicomException.class)
                .hasMessageContaining("3 expected");
    }

    @Test
    void dates_accept_dicom_and_legacy_forms_and_reject_nonsense() {
        assertThat(DicomDates.date("20240229")).isEqualTo(LocalDate.of(2024, 2, 29));
        assertThat(DicomDates.date("1970.01.02 ")).isEqualTo(LocalDate.of(1970, 1, 2));
        assertThat(DicomDates.date("20230229")).isNull();
        assertThat(DicomDates.date("2024-01-02")).isNull();
        assertThat(DicomDates.time("0930")).isEqualTo(LocalTime.of(9, 30));
        assertThat(DicomDates.time("093015.5")).isEqualTo(LocalTime.of(9, 30, 15, 500_000_000));
        assertThat(DicomDates.time("09:30:15")).isEqualTo(LocalTime.of(9, 30, 15));
        assertThat(DicomDates.time("25")).isNull();
        assertThat(DicomDates.dateTime("20240131101530.123456-0500"))
                .isEqualTo(LocalDateTime.of(2024, 1, 31, 10, 15, 30, 123_456_000));
        assertThat(DicomDates.dateTime("202401")).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
        assertThat(DicomDates.dateTime(null, "20240131", "1015")).isEqualTo(LocalDateTime.of(2024, 1, 31, 10, 15));
        assertThat(DicomDates.dateTime("garbage", "20240131", null)).isEqualTo(LocalDateTime.of(2024, 1, 31, 0, 0));
    }

    @Test
    void the_linear_voi_function_follows_the_standard() {
        // c = 100, w = 21: below 89.5 → 0, above 109.5 → 255, centre (99.5) → 127.5
        assertThat(DisplayConverter.voi(89.5, 100, 21)).isZero();
        assertThat(DisplayConverter.voi(110, 100, 21)).isEqualTo(255);
        assertThat(DisplayConverter.voi(99.5, 100, 21)).isEqualTo(127.5);
        assertThat(DisplayConverter.voi(94.5, 100, 21)).isEqualTo(63.75);
        DisplayConverter.Window window = DisplayConverter.minMaxWindow(new int[]{10, 50, 30}, 2, -5);
        assertThat(DisplayConverter.voi(15, window.center(), window.width())).isZero();
        assertThat(DisplayConverter.voi(95, window.center(), window.width())).isEqualTo(255);
    }
}
