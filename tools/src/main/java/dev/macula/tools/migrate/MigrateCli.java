package dev.macula.tools.migrate;

import dev.macula.api.voxels.BlobStore;
import dev.macula.api.voxels.ZarrStore;
import dev.macula.infra.MaculaApplication;
import dev.macula.infra.config.DatabaseBootstrap;
import dev.macula.infra.security.PasswordHasher;
import dev.macula.tools.migrate.verify.MigrationVerifier;
import dev.macula.tools.migrate.verify.VerificationReport;
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
                                    [--thumbnails PATH]
                                    [--verify | --verify-only] [--sample N] [--seed S]
              into the platform of MACULA_DB_URL (an empty one, or the result of an earlier run: the resume case);
              --verify then compares the platform's answers with the original's rows, --verify-only only that
              (no migration); --sample N compares N images (and N form annotations) drawn with --seed S""";

    /**
     * The original's zarr store ({@code --zarr}); by default the platform's own
     * (SEGMENTATIONS_ZARR_STORE), which should be the original store or a copy of it so indexes match.
     */
    static final String ORIGINAL_ZARR = "macula.migration.original-zarr";

    /** The original's THUMBNAILS_PATH ({@code --thumbnails}): its thumbnails are carried, not rendered again. */
    static final String ORIGINAL_THUMBNAILS = "macula.migration.original-thumbnails";

    private MigrateCli() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = CommandLineOptions.orUsage(() -> CommandLineOptions.parse(args,
                Set.of("from", "user", "password-env", "zarr", "thumbnails", "sample", "seed"), Set.of("verify", "verify-only")), USAGE);
        if (!options.containsKey("from") || !options.containsKey("user")) {
            System.err.println(USAGE);
            System.exit(2);
        }
        String password = options.containsKey("password-env") ? System.getenv(options.get("password-env")) : "";
        if (password == null) {
            System.err.println("the environment variable " + options.get("password-env") + " is not set");
            System.exit(2);
        }
        Verification verification = CommandLineOptions.orUsage(() -> Verification.of(options), USAGE);
        DatabaseBootstrap.ensureDatabase(System.getenv()); // MACULA_DB_URL's database is made when missing, as by ./macula run
        List<String> platform = new ArrayList<>();
        if (options.containsKey("zarr")) {
            platform.add(ORIGINAL_ZARR + "=" + options.get("zarr"));
        }
        if (options.containsKey("thumbnails")) {
            platform.add(ORIGINAL_THUMBNAILS + "=" + options.get("thumbnails"));
        }
        System.exit(run(options.get("from"), options.get("user"), password, System.out, verification,
                platform.toArray(String[]::new)).status());
    }

    /**
     * Whether to migrate and whether to verify afterwards ({@code --verify}, {@code --verify-only}), and
     * on how many images ({@code --sample}, drawn with {@code --seed}; a time-based seed when none is given).
     */
    public record Verification(boolean migrate, boolean verify, MigrationVerifier.Options options) {

        public static final Verification NONE = new Verification(true, false, null);

        static Verification of(Map<String, String> options) {
            if (options.containsKey("verify") && options.containsKey("verify-only")) {
                throw new IllegalArgumentException("--verify or --verify-only, not both");
            }
            boolean verify = options.containsKey("verify") || options.containsKey("verify-only");
            if (!verify && (options.containsKey("sample") || options.containsKey("seed"))) {
                throw new IllegalArgumentException("--sample and --seed belong to --verify");
            }
            Integer sample = options.containsKey("sample") ? positive("--sample", options.get("sample")) : null;
            long seed = options.containsKey("seed") ? number("--seed", options.get("seed")) : System.currentTimeMillis();
            return new Verification(!options.containsKey("verify-only"), verify, new MigrationVerifier.Options(sample, seed));
        }

        private static int positive(String option, String value) {
            long number = number(option, value);
            if (number < 1 || number > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(option + " must be a positive number, not " + value);
            }
            return (int) number;
        }

        private static long number(String option, String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a number, not " + value);
            }
        }
    }

    /**
     * {@code platformProperties}: Spring properties of the target platform beyond its environment
     * ({@code name=value}). The exit status: 0 when every row was migrated or found migrated, 1 when some were skipped, 2 when refused. */
    public static int migrate(String from, String user, String password, PrintStream out, String... platformProperties)
            throws Exception {
        return run(from, user, password, out, platformProperties).status();
    }

    /**
     * The exit status and, unless the target was refused, the migration's report (null with
     * {@code --verify-only}) and the verification's (null without {@code --verify}).
     */
    public record Result(int status, MigrationReport report, VerificationReport verification) {
    }

    public static Result run(String from, String user, String password, PrintStream out, String... platformProperties)
            throws Exception {
        return run(from, user, password, out, Verification.NONE, platformProperties);
    }

    /**
     * Migrates and/or verifies. The exit status: 2 when the target was refused; with a verification, 0 only
     * when it found no mismatch (rows skipped for a stated reason are accounted for there), else 1; without
     * one, the migration's (0 when nothing was skipped, 1 when something was).
     */
    public static Result run(String from, String user, String password, PrintStream out, Verification verification,
                             String... platformProperties) throws Exception {
        try (EyenedSource source = new EyenedSource(from, user, password);
             ConfigurableApplicationContext platform = startPlatform(platformProperties)) {
            pauseBackgroundProcessors(platform);
            String zarr = platform.getEnvironment().getProperty(ORIGINAL_ZARR,
                    platform.getEnvironment().getProperty("macula.segmentations-zarr-store"));
            Path dataDir = Path.of(platform.getEnvironment().getRequiredProperty("macula.data-dir"));
            VoxelSource voxels = new VoxelSource(zarr == null || !Files.isDirectory(Path.of(zarr)) ? null
                    : new ZarrStore(Path.of(zarr)), new BlobStore(dataDir.resolve("blobs")));
            MigrationReport report = null;
            if (verification.migrate()) {
                report = migrate(source, platform, voxels, out);
                if (report == null) {
                    return new Result(2, null, null);
                }
            }
            if (!verification.verify()) {
                return new Result(report.clean() ? 0 : 1, report, null);
            }
            VerificationReport verified = MigrationVerifier.verify(platform, source, voxels, verification.options(), out);
            return new Result(verified.clean() ? 0 : 1, report, verified);
        }
    }

    /** The migration's report, or null when the target was refused (saying why). */
    private static MigrationReport migrate(EyenedSource source, ConfigurableApplicationContext platform,
                                           VoxelSource voxels, PrintStream out) throws Exception {
        JdbcTemplate target = platform.getBean(JdbcTemplate.class);
        MigrationWriter writer = new MigrationWriter(platform.getBean(CommandGateway.class), target,
                platform.getBean(PlatformTransactionManager.class), source.name());
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String lockedHash = platform.getBean(PasswordHasher.class).hash(HexFormat.of().formatHex(secret));
        String originalThumbnails = platform.getEnvironment().getProperty(ORIGINAL_THUMBNAILS);
        ThumbnailCopies thumbnails = new ThumbnailCopies(originalThumbnails == null ? null : Path.of(originalThumbnails),
                Path.of(platform.getEnvironment().getRequiredProperty("macula.thumbnails-path")));
        EyenedMigration migration = new EyenedMigration(source, target, writer, lockedHash, voxels, thumbnails, out);
        String refusal = migration.refusal();
        if (refusal != null) {
            out.println("refused: " + refusal);
            return null;
        }
        out.println("migrating " + source.name() + " into the platform of " + target.getDataSource());
        MigrationReport report = migration.run();
        out.print(report.render());
        return report;
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
