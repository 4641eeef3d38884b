package dev.macula.tools.migrate;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MigrateCliOptionsTest {

    @Test
    void verifyFollowsTheMigrationVerifyOnlyReplacesIt() {
        MigrateCli.Verification none = MigrateCli.Verification.of(Map.of());
        assertThat(none.migrate()).isTrue();
        assertThat(none.verify()).isFalse();
        MigrateCli.Verification after = MigrateCli.Verification.of(Map.of("verify", "true", "sample", "50", "seed", "9"));
        assertThat(after.migrate()).isTrue();
        assertThat(after.verify()).isTrue();
        assertThat(after.options().sample()).isEqualTo(50);
        assertThat(after.options().seed()).isEqualTo(9);
        MigrateCli.Verification only = MigrateCli.Verification.of(Map.of("verify-only", "true"));
        assertThat(only.migrate()).isFalse();
        assertThat(only.verify()).isTrue();
        assertThat(only.options().sample()).as("everything").isNull();
    }

    @Test
    void contradictionsAndBadNumbersAreRefusedWithWhy() {
        assertThatThrownBy(() -> MigrateCli.Verification.of(Map.of("verify", "true", "verify-only", "true")))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> MigrateCli.Verification.of(Map.of("sample", "5")))
                .hasMessageContaining("belong to --verify");
        assertThatThrownBy(() -> MigrateCli.Verification.of(Map.of("verify", "true", "sample", "0")))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> MigrateCli.Verification.of(Map.of("verify", "true", "seed", "x")))
                .hasMessageContaining("--seed must be a number");
    }
}
