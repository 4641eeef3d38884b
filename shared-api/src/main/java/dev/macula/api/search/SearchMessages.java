package dev.macula.api.search;

import java.time.LocalDate;
import java.util.List;

/** Instance and study search (docs/api.md §4) as queries, with their requests already validated. */
public final class SearchMessages {

    private SearchMessages() {
    }

    public enum Operator {
        GT(">"), LT("<"), GTE(">="), LTE("<="), EQ("=="), NE("!="), IN("IN");

        private final String wire;

        Operator(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** A value converted to its variable's type: null, one value, or a list (docs/api.md §4.1 grammar). */
    public sealed interface Value permits NullValue, ScalarValue, ListValue {
    }

    public record NullValue() implements Value {
    }

    /** Long, Double, {@link LocalDate} or String (text keys and enum constants). */
    public record ScalarValue(Object value) implements Value {
    }

    public record ListValue(List<Object> values) implements Value {
    }

    public record Condition(SearchVariable variable, Operator operator, Value value) {
    }

    /**
     * An attribute condition (docs/api.md §4.3) resolved against the attribute catalogue: values of
     * this attribute by this model, on the image or on one of its (model) segmentations, whose
     * {@code field} ({@link SearchFields#ATTRIBUTES} row field of the data type) satisfies the
     * predicate; {@code featureKey} (a NameKey, or null) restricts them to segmentations of that feature.
     */
    public record AttributeCondition(long attributeId, long modelId, String featureKey, String field,
                                     Operator operator, Value value) {
    }

    public enum OrderBy {
        STUDY_DATE("Study Date"), PATIENT_BIRTHDATE("Patient Birthdate"), DATE_INSERTED("Date Inserted");

        private final String wire;

        OrderBy(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }
    }

    /** A validated search request; {@code limit} ≥ 1, {@code page} ≥ 0; attribute conditions only in instance searches. */
    public record SearchSpec(List<Condition> conditions, List<AttributeCondition> attributeConditions, int limit,
                             int page, OrderBy orderBy, boolean descending, boolean includeCount) {
    }

    /** Answer: the query side's instance search response. */
    public record SearchInstancesQuery(SearchSpec spec) {
    }

    /** Answer: the query side's study search response. */
    public record SearchStudiesQuery(SearchSpec spec) {
    }

    /** Answer: the list of signature fields of the instance search (docs/api.md §4.6). */
    public record FindInstanceSignatureQuery() {
    }

    /** Answer: the list of signature fields of the study search (docs/api.md §4.6). */
    public record FindStudySignatureQuery() {
    }
}
