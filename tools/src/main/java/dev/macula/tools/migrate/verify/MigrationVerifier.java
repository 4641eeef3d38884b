package dev.macula.tools.migrate.verify;

import dev.macula.infra.security.JwtService;
import dev.macula.tools.migrate.EyenedSource;
import dev.macula.tools.migrate.VoxelSource;
import dev.macula.tools.support.PlatformClient;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * {@code ./macula migrate … --verify}: compares the migrated platform with the original it came from.
 * Per table the rows ({@link TableCounts}); then Macula's real HTTP answers — every image with all its
 * {@code with_*} lists (or a seeded sample of them), the voxel data of their segmentations, form
 * annotations, tags, features, form schemas, devices, tasks and sub-tasks — against the answers the
 * original would give from the same rows (docs/api.md §3.0), where Macula's documented fixes (§9.2) and
 * the migration's documented gaps are allowed and listed, and anything else is a mismatch.
 */
public final class MigrationVerifier {

    /** {@code sample}: how many images (and form annotations) to compare, null for all; {@code seed} draws them. */
    public record Options(Integer sample, long seed) {
    }

    private record Reader(long id, String username, Integer role) {
    }

    private MigrationVerifier() {
    }

    /** Verifies the platform running in {@code platform} (its HTTP port open) against {@code source}. */
    public static VerificationReport verify(ConfigurableApplicationContext platform, EyenedSource source,
                                            VoxelSource voxels, Options options, PrintStream out) throws Exception {
        JdbcTemplate target = platform.getBean(JdbcTemplate.class);
        VerificationReport report = new VerificationReport();
        DataSkips skips = new DataSkips(voxels);
        new TableCounts(source, target, skips).into(report);
        List<Reader> readers = target.query("""
                        select id, username, role from app_user order by case when role = 1 then 0 else 1 end, id limit 1""",
                (rs, row) -> new Reader(rs.getLong("id"), rs.getString("username"), (Integer) rs.getObject("role")));
        if (readers.isEmpty()) {
            report.mismatch(new VerificationReport.Difference("platform", "-", "(whole answer)",
                    "a migrated user to read as", "no users"));
            out.print(report.render());
            return report;
        }
        Reader reader = readers.getFirst();
        JwtService tokens = platform.getBean(JwtService.class);
        PlatformClient client = new PlatformClient(url(platform), null, Duration.ofSeconds(5), Duration.ofMinutes(5));
        // the platform issues the token itself, for a migrated user (an admin when there is one); it is never printed
        Answers answers = new Answers(client, () -> tokens.accessToken(reader.id(), reader.username(), reader.role()));
        out.println("verifying " + source.name() + " against " + client.url() + " as " + reader.username());

        FeatureGet features = new FeatureGet(source);
        new ListChecks(source, answers, features, report).run();
        List<Long> images = sample(source.column("select ImageInstanceID from `ImageInstance` order by ImageInstanceID"),
                options, "images", report);
        new InstanceChecks(source, answers, features, skips, new VoxelChecks(answers, voxels, report), report)
                .run(images, out);
        List<Long> forms = sample(source.column("select FormAnnotationID from `FormAnnotation` order by FormAnnotationID"),
                options, "form annotations", report);
        new FormChecks(source, answers, report).run(forms);
        out.print(report.render());
        return report;
    }

    /** All ids, or a seeded random sample of them in ascending order; the report says which. */
    private static List<Long> sample(List<String> keys, Options options, String what, VerificationReport report) {
        List<Long> ids = new ArrayList<>(keys.stream().map(Long::valueOf).toList());
        if (options.sample() == null || options.sample() >= ids.size()) {
            report.note("checked all " + ids.size() + " " + what);
            return ids;
        }
        Collections.shuffle(ids, new Random(options.seed()));
        List<Long> sample = new ArrayList<>(ids.subList(0, options.sample()));
        Collections.sort(sample);
        report.note("checked a sample of " + sample.size() + " of " + ids.size() + " " + what + " (--sample "
                + options.sample() + " --seed " + options.seed() + " draws the same)");
        return sample;
    }

    /** The platform's own address: loopback when it listens on every interface. */
    private static String url(ConfigurableApplicationContext platform) {
        String address = platform.getEnvironment().getProperty("server.address", "127.0.0.1");
        String host = address.isBlank() || address.equals("0.0.0.0") || address.equals("::") ? "127.0.0.1" : address;
        return "http://" + host + ":" + platform.getEnvironment().getRequiredProperty("local.server.port");
    }
}
