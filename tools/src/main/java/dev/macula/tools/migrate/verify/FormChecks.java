package dev.macula.tools.migrate.verify;

import dev.macula.tools.migrate.EyenedSource;
import dev.macula.tools.migrate.SourceRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code GET /form-annotations/{id}} of forms at every level (image, visit, patient; inactive ones too)
 * against {@link FormAnnotationGet}: image-level forms are also part of their image's answer, the others only here.
 */
final class FormChecks {

    private static final int BATCH = 200;

    private final EyenedSource source;
    private final Answers answers;
    private final VerificationReport report;

    FormChecks(EyenedSource source, Answers answers, VerificationReport report) {
        this.source = source;
        this.answers = answers;
        this.report = report;
    }

    void run(List<Long> formIds) throws Exception {
        for (int from = 0; from < formIds.size(); from += BATCH) {
            List<Long> ids = formIds.subList(from, Math.min(formIds.size(), from + BATCH));
            answers.renewToken();
            List<SourceRow> rows = source.all("""
                    select f.*, c.CreatorName from `FormAnnotation` f join `Creator` c on c.CreatorID = f.CreatorID
                    where f.FormAnnotationID in (%s)""".formatted(SourceBatch.marks(ids)), ids.toArray());
            Map<Long, List<SourceRow>> tags = SourceBatch.tagLinks(source, "FormAnnotationTag", "FormAnnotationID", ids);
            List<Callable<Void>> checks = new ArrayList<>();
            for (SourceRow row : rows) {
                long id = row.id("FormAnnotationID");
                checks.add(() -> {
                    JsonDiff.compare("", FormAnnotationGet.standalone(row, SourceBatch.tagMetas(SourceBatch.of(tags, id))),
                            answers.json("/api/form-annotations/" + id), report.of("form annotation", Long.toString(id)));
                    report.checked("form annotation answers", 1);
                    return null;
                });
            }
            Answers.inParallel(checks);
        }
    }
}
