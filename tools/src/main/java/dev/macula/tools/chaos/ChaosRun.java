package dev.macula.tools.chaos;

import dev.macula.tools.support.PlatformClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

/**
 * {@code ./macula chaos}: faults that need real processes, against platforms started for the purpose
 * (fresh database, own index prefix): the application killed with SIGKILL during writes, the
 * Elasticsearch node killed during writes, PostgreSQL restarted during writes (when this machine
 * lets us), and two application nodes sharing the processors, one of them killed
 * ({@link ChaosScenarios}). Arguments: the application jar and the {@code macula} launcher.
 */
public final class ChaosRun {

    private ChaosRun() {
    }

    public static void main(String[] args) throws Exception {
        String esUrl = System.getenv("MACULA_ES_URL");
        String dbServer = System.getenv().getOrDefault("MACULA_TEST_PG_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
        String stamp = Long.toString(System.currentTimeMillis(), 36);
        String db = "macula_chaos_" + stamp;
        String prefix = "chaos-" + stamp;
        NodeLauncher launcher = new NodeLauncher(args[0], esUrl, dbServer + db, prefix,
                Files.createTempDirectory("macula-chaos"));
        ChaosReport report = new ChaosReport();
        ChaosScenarios scenarios = new ChaosScenarios(launcher, new ChaosProbes(client(null, esUrl), prefix, dbServer + db),
                report, args[1]);
        try {
            run(launcher, scenarios, report);
        } finally {
            try (Connection c = DriverManager.getConnection(dbServer + "postgres", "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("drop database if exists " + db + " with (force)");
            }
        }
        System.out.println();
        if (report.failures().isEmpty()) {
            System.out.println("chaos: every scenario passed");
            System.exit(0);
        }
        report.failures().forEach(f -> System.out.println("chaos: FAILED " + f));
        System.exit(1);
    }

    /** The scenarios in order: node a is restarted between them, node b joins for the last two. */
    private static void run(NodeLauncher launcher, ChaosScenarios scenarios, ChaosReport report) throws Exception {
        ChaosNode a = launcher.start("a", 18181);
        ChaosNode b = null;
        try {
            scenarios.sigkillDuringWrites(a);
            a = a.restarted(launcher);
            scenarios.elasticsearchKilledDuringWrites(a);
            b = launcher.start("b", 18182);
            scenarios.twoNodesOneKilled(a, b);
            a = null;
            scenarios.postgresRestartedDuringWrites(b);
        } finally {
            report.write(); // also when a scenario crashed: what was measured until then
            for (ChaosNode node : new ChaosNode[]{a, b}) {
                if (node != null) {
                    node.process().destroyForcibly().waitFor();
                }
            }
        }
    }

    /** The client every part of the run uses: quick to notice a dead node, patient with a slow answer. */
    static PlatformClient client(String url, String esUrl) {
        return new PlatformClient(url, esUrl, Duration.ofSeconds(3), Duration.ofSeconds(30));
    }
}
