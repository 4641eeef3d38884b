package dev.macula.api.common;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameKeyTest {

    @Test
    void foldsCaseAndAccentsLikeTheOriginalCollation() {
        assertThat(NameKey.of("Drusen")).isEqualTo(NameKey.of("drusen"));
        assertThat(NameKey.of("Rétine")).isEqualTo(NameKey.of("retine"));
        assertThat(NameKey.of("ÅNGSTRÖM")).isEqualTo("angstrom");
    }

    @Test
    void keepsDifferentNamesApart() {
        assertThat(NameKey.of("drusen")).isNotEqualTo(NameKey.of("drusen "));
        assertThat(NameKey.of("AMD")).isNotEqualTo(NameKey.of("DME"));
    }
}
