package dev.macula.tools.report;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportCliTest {

    @Test
    void aTaskAndAFileWithAnOptionalMoment() {
        ReportCli.Options now = ReportCli.Options.parse(new String[]{"task", "7", "--out", "r.html"});
        assertThat(now).isEqualTo(new ReportCli.Options(7, null, Path.of("r.html")));
        assertThat(now.path()).isEqualTo("/api/analytics/tasks/7/report");
        ReportCli.Options then = ReportCli.Options.parse(new String[]{"task", "7", "--as-of", "2026-12-06T14:05:20+01:00",
                "--out", "r.html"});
        assertThat(then.path()).isEqualTo("/api/analytics/tasks/7/report?as_of=2026-12-06T14%3A05%3A20%2B01%3A00");
    }

    @Test
    void missingOrUnknownArgumentsAreRefused() {
        assertThatThrownBy(() -> ReportCli.Options.parse(new String[]{"task", "7"})).hasMessageContaining("--out");
        assertThatThrownBy(() -> ReportCli.Options.parse(new String[]{"project", "7", "--out", "x"}))
                .hasMessageContaining("task ID");
        assertThatThrownBy(() -> ReportCli.Options.parse(new String[]{"task", "seven", "--out", "x"}))
                .hasMessageContaining("seven");
        assertThatThrownBy(() -> ReportCli.Options.parse(new String[]{"task", "7", "--out"}))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> ReportCli.Options.parse(new String[]{"task", "7", "--out", "x", "--pdf"}))
                .hasMessageContaining("--pdf");
    }
}
