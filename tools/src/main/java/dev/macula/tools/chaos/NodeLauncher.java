package dev.macula.tools.chaos;

import dev.macula.tools.support.PlatformClient;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Starts platform processes from the application jar for the chaos run: all on one fresh database,
 * one Elasticsearch with the run's own index prefix, and one data folder.
 */
final class NodeLauncher {

    private final String jar;
    private final String esUrl;
    private final String dbUrl;
    private final String prefix;
    private final Path tmp;

    NodeLauncher(String jar, String esUrl, String dbUrl, String prefix, Path tmp) {
        this.jar = jar;
        this.esUrl = esUrl;
        this.dbUrl = dbUrl;
        this.prefix = prefix;
        this.tmp = tmp;
    }

    /** Starts node {@code name} on {@code port}, waits until it is ready and logs in. */
    ChaosNode start(String name, int port) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar);
        Map<String, String> env = builder.environment();
        env.put("MACULA_DB_URL", dbUrl);
        env.put("MACULA_HTTP_PORT", Integer.toString(port));
        env.put("MACULA_ES_URL", esUrl);
        env.put("MACULA_ES_INDEX_PREFIX", prefix);
        env.put("MACULA_DATA_DIR", tmp.resolve("data").toString());
        env.put("IMAGES_BASEPATH", tmp.resolve("images").toString());
        env.put("THUMBNAILS_PATH", tmp.resolve("thumbnails").toString());
        env.put("SEGMENTATIONS_ZARR_STORE", tmp.resolve("segmentations.zarr").toString());
        env.put("ADMIN_USERNAME", "chaos");
        env.put("ADMIN_PASSWORD", "chaos-password");
        env.put("SECRET_KEY", "chaos-secret-key-of-at-least-thirty-two-bytes!");
        builder.redirectErrorStream(true).redirectOutput(tmp.resolve("node-" + name + ".log").toFile());
        Process process = builder.start();
        PlatformClient client = ChaosRun.client("http://127.0.0.1:" + port, esUrl);
        awaitReady(name, process, client);
        client.login("chaos", "chaos-password");
        System.out.printf("   node %s ready on %s (pid %d)%n", name, client.url(), process.pid());
        return new ChaosNode(name, port, process, client);
    }

    private void awaitReady(String name, Process process, PlatformClient client) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("node " + name + " died at start; see " + tmp.resolve("node-" + name + ".log"));
            }
            try {
                if (client.get("/actuator/health/readiness").statusCode() == 200) {
                    return;
                }
            } catch (Exception e) {
                // not up yet
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("node " + name + " did not become ready");
            }
            Thread.sleep(300);
        }
    }
}
