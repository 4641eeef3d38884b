package dev.macula.tools.migrate;

import dev.macula.api.voxels.BlobStore;
import dev.macula.api.voxels.ZarrStore;
import dev.macula.infra.MaculaApplication;
import dev.macula.infra.config.DatabaseBootstrap;
import dev.macula.infra.security.PasswordHasher;
import dev.macula.tools.support.CommandLineOptions;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./macula migrate --from jdbc:mariadb://HOST:3306/DB --user U [--password-env VAR]}: moves an
 * Eyened database into the platform configured by the usual environment ({@code MACULA_DB_URL}, …).
 * It starts the platform in this process (without the admin bootstrap, on a free port) and sends the
 * platform's own commands, so the aggregates validate and the read models, history and search indexes
 * come out as for any other write. Whether {@code ./macula run} is running meanwhile does not matter.
 */
public final class MigrateCli {

    private static final String USAGE = """
            usage: ./macula migrate --from jdbc:mariadb://HOST:3306/DB --user U [--password-env VAR] [--zarr PATH]
              into the platform of MACULA_DB_URL (an empty one, or the result of an earlier run: the resume case)""";

    /**
     * The original's zarr store ({@code --zarr}); by default the platform's own
     * (SEGMENTATIONS_ZARR_STORE), which should be the original store or a copy of it so indexes match.
     */
    static final String ORIGINAL_ZARR = "macula.migration.original-zarr";

    private MigrateCli() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = CommandLineOptions.orUsage(() -> CommandLineOptions.parse(args,
                Set.of("from", "user", "password-env", "zarr"), Set.of()), USAGE);
        if (!options.containsKey("from") || !options.containsKey("user")) {
            System.err.println(USAGE);
            System.exit(2);
        }
        String password = options.containsKey("password-env") ? System.getenv(options.get("password-env")) : "";
        if (password == null) {
            System.err.println("the environment variable " + options.get("password-env") + " is not set");
            System.exit(2);
        }
        DatabaseBootstrap.ensureDatabase(System.getenv()); // MACULA_DB_URL's database is made when missing, as by ./macula run
        String[] platform = options.containsKey("zarr") ? new String[]{ORIGINAL_ZARR + "=" + options.get("zarr")}
                : new String[0];
        System.exit(migrate(options.get("from"), options.get("user"), password, System.out, platform));
    }

    /**
     * {@code platformProperties}: Spring properties of the target platform beyond its environment
     * ({@code name=value}). The exit status: 0 when every row was migrated or found migrated, 1 when some were skipped, 2 when refused. */
    public static int migrate(String from, String user, String password, PrintStream out, String... platformProperties)
            throws Exception {
        return run(from, user, password, out, platformProperties).status();
    }

    /** The exit status and, unless the target was refused, the report. */
    public record Result(int status, MigrationReport report) {
    }

    public static Result run(String from, String user, String password, PrintStream out, String... platformProperties)
            throws Exception {
        try (EyenedSource source = new EyenedSource(from, user, password);
             ConfigurableApplicationContext platform = startPlatform(platformProperties)) {
            pauseBackgroundProcessors(platform);
            JdbcTemplate target = platform.getBean(JdbcTemplate.class);
            MigrationWriter writer = new MigrationWriter(platform.getBean(CommandGateway.class), target,
                    platform.getBean(PlatformTransactionManager.class), source.name());
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            String lockedHash = platform.getBean(PasswordHasher.class).hash(HexFormat.of().formatHex(secret));
            String zarr = platform.getEnvironment().getProperty(ORIGINAL_ZARR,
                    platform.getEnvironment().getProperty("macula.segmentations-zarr-store"));
            Path dataDir = Path.of(platform.getEnvironment().getRequiredProperty("macula.data-dir"));
            VoxelSource voxels = new VoxelSource(zarr == null || !Files.isDirectory(Path.of(zarr)) ? null
                    : new ZarrStore(Path.of(zarr)), new BlobStore(dataDir.resolve("blobs")));
            EyenedMigration migration = new EyenedMigration(source, target, writer, lockedHash, voxels, out);
            String refusal = migration.refusal();
            if (refusal != null) {
                out.println("refused: " + refusal);
                return new Result(2, null);
            }
            out.println("migrating " + source.name() + " into the platform of " + target.getDataSource());
            MigrationReport report = migration.run();
            out.print(report.render());
            return new Result(report.clean() ? 0 : 1, report);
        }
    }

    /**
     * The search indexes and thumbnails follow the event store by themselves (pooled processors with
     * their tokens in the database): here they took about as much of the machine as the migration itself
     * (the image step ran at 238 images/s with them, 522 without), so they wait for the next start of
     * the platform, or do the work in a platform already running.
     */
    private static void pauseBackgroundProcessors(ConfigurableApplicationContext platform) {
        platform.getBean(EventProcessingConfiguration.class).eventProcessors().values().stream()
                .filter(PooledStreamingEventProcessor.class::isInstance).forEach(EventProcessor::shutDown);
    }

    /**
     * The platform in this process: no admin bootstrap (the users come from the source), any free port.
     * The properties are given as command-line arguments, which outrank application.yml.
     */
    private static ConfigurableApplicationContext startPlatform(String... extraProperties) {
        List<String> arguments = new ArrayList<>(List.of("--macula.admin-username=", "--macula.admin-password=",
                "--server.port=0", "--spring.main.banner-mode=off"));
        for (String property : extraProperties) {
            arguments.add("--" + property);
        }
        return new SpringApplicationBuilder(MaculaApplication.class).run(arguments.toArray(String[]::new));
    }
}
