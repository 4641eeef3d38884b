package dev.macula.tools.chaos;

import dev.macula.tools.support.PlatformClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What each scenario measured and whether it passed; written to target/chaos/report.json. */
final class ChaosReport {

    private final List<String> failures = new ArrayList<>();
    private final Map<String, Map<String, Object>> scenarios = new LinkedHashMap<>();
    private Map<String, Object> scenario;

    /** Starts the section of scenario {@code name}; later figures and failures belong to it. */
    void begin(String name, String title) {
        System.out.println("== " + title);
        scenario = new LinkedHashMap<>();
        scenario.put("passed", true);
        scenarios.put(name, scenario);
    }

    void figure(String name, Object value) {
        scenario.put(name, value);
    }

    void check(boolean ok, String problem) {
        if (ok) {
            return;
        }
        if (scenario != null) {
            scenario.put("passed", false);
            @SuppressWarnings("unchecked")
            List<String> problems = (List<String>) scenario.computeIfAbsent("failures", k -> new ArrayList<String>());
            problems.add(problem);
        }
        failures.add(problem);
        System.out.println("   FAILED: " + problem);
    }

    List<String> failures() {
        return failures;
    }

    void write() throws IOException {
        Path file = Path.of("target", "chaos", "report.json");
        Files.createDirectories(file.getParent());
        Map<String, Object> whole = new LinkedHashMap<>();
        whole.put("finished", Instant.now().toString());
        whole.put("passed", failures.isEmpty());
        whole.put("scenarios", scenarios);
        Files.writeString(file, PlatformClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(whole));
        System.out.println("chaos: report in " + file.toAbsolutePath());
    }
}
