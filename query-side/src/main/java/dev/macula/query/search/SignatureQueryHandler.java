package dev.macula.query.search;

import dev.macula.api.imaging.ImagingEnums.Modality;
import dev.macula.api.search.SearchMessages.FindInstanceSignatureQuery;
import dev.macula.api.search.SearchMessages.FindStudySignatureQuery;
import dev.macula.query.search.SearchResponses.SignatureField;
import dev.macula.query.attributes.AttributeReader;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The signature endpoints (docs/api.md §4.6): which variables exist and which values they take, in
 * the original's exact order. Value lists come from the read models, sorted by code point like
 * Python's {@code sorted}. Attribute entries (entry 14) come from the stored values ({@link AttributeReader#signature}).
 */
@Component
class SignatureQueryHandler {

    private final JdbcTemplate jdbc;
    private final AttributeReader attributes;

    SignatureQueryHandler(JdbcTemplate jdbc, AttributeReader attributes) {
        this.jdbc = jdbc;
        this.attributes = attributes;
    }

    @QueryHandler
    List<SignatureField> handle(FindInstanceSignatureQuery query) {
        List<SignatureField> fields = new ArrayList<>(List.of(
                SignatureField.of("Laterality", List.of("L", "R")),
                SignatureField.of("Modality", Arrays.stream(Modality.values()).map(Enum::name).toList()),
                SignatureField.of("ETDRS Field", List.of("F1", "F2", "F3", "F4", "F5", "F6", "F7")),
                SignatureField.of("Patient Sex", List.of("M", "F")),
                SignatureField.of("Project Name", projectNames()),
                SignatureField.of("Device Model ID", jdbc.queryForList("select id from device_model order by id",
                        Long.class).stream().map(String::valueOf).toList()),
                SignatureField.of("Segmentation Feature Name", sorted("select name from feature")),
                SignatureField.of("Segmentation Creator Name", sorted("""
                        select u.username from app_user u
                        where exists (select 1 from segmentation s where s.creator_id = u.id and not s.inactive)""")),
                SignatureField.of("Segmentation Tag Name", tagsLinkedTo("Segmentation")),
                SignatureField.of("Form Schema Name", schemaNames()),
                SignatureField.of("Form Creator Name", formCreators()),
                SignatureField.of("Form Tag Name", tagsLinkedTo("FormAnnotation")),
                SignatureField.of("Image Tag Name", tagsLinkedTo("ImageInstance"))));
        for (AttributeReader.SignatureEntry entry : attributes.signature()) {
            fields.add(new SignatureField(entry.name(), entry.dataType().signatureType(), "attribute", entry.model(),
                    entry.feature()));
        }
        fields.addAll(List.of(
                SignatureField.of("Image DBID", "int"),
                SignatureField.of("Color Fundus Quality", "float"),
                SignatureField.of("Study Date", "date"),
                SignatureField.of("Patient Identifier", "string"),
                SignatureField.of("Patient Birthdate", "date")));
        return fields;
    }

    @QueryHandler
    List<SignatureField> handle(FindStudySignatureQuery query) {
        return List.of(
                SignatureField.of("Patient Sex", List.of("M", "F")),
                SignatureField.of("Project Name", projectNames()),
                SignatureField.of("Form Schema Name", schemaNames()),
                SignatureField.of("Form Creator Name", formCreators()),
                SignatureField.of("Form Tag Name", tagsLinkedTo("FormAnnotation")),
                SignatureField.of("Study Tag Name", tagsLinkedTo("Study")),
                SignatureField.of("Study Date", "date"),
                SignatureField.of("Study Description", "string"),
                SignatureField.of("Study Round", "int"),
                SignatureField.of("Study Instance UID", "string"),
                SignatureField.of("Patient Identifier", "string"),
                SignatureField.of("Patient Birthdate", "date"));
    }

    private List<String> projectNames() {
        return sorted("select name from project");
    }

    private List<String> schemaNames() {
        return sorted("select name from form_schema");
    }

    private List<String> formCreators() {
        return sorted("""
                select u.username from app_user u
                where exists (select 1 from form_annotation f where f.creator_id = u.id and not f.inactive)""");
    }

    private List<String> tagsLinkedTo(String objectType) {
        return sorted("select t.name from tag t where exists (select 1 from tag_link l where l.tag_id = t.id"
                + " and l.object_type = ?)", objectType);
    }

    /** Distinct values sorted by code point (Python's {@code sorted}; Java's UTF-16 order differs for characters beyond the BMP). */
    private List<String> sorted(String sql, Object... args) {
        return jdbc.queryForList(sql, String.class, args).stream().distinct()
                .sorted(SignatureQueryHandler::compareCodePoints)
                .toList();
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
