package dev.macula.api.search;

import java.util.List;
import java.util.Optional;

/**
 * One searchable variable (docs/api.md §4.2, docs/api.md §4.5): its wire name, how values are converted, which
 * condition group it belongs to and the index field it is compared on. Variables of a nested group
 * are compared on rows of that group, so all conditions of a group must hold on one row (docs/api.md §4.3).
 */
public record SearchVariable(String name, ValueType type, Group group, String field) {

    /** How a condition's value is converted before comparison (docs/api.md §4.3: convert, or 422). */
    public enum ValueType { INT, FLOAT, DATE, TEXT, LATERALITY, MODALITY, ETDRS_FIELD, SEX }

    /** Condition groups; every nested group is one EXISTS over rows of its path. */
    public enum Group {
        BASE(null),
        SEGMENTATION(SearchFields.SEGMENTATIONS),
        FORM(SearchFields.FORMS),
        IMAGE_TAG(SearchFields.IMAGE_TAGS),
        STUDY_TAG(SearchFields.STUDY_TAGS),
        SERIES(SearchFields.SERIES);

        private final String path;

        Group(String path) {
            this.path = path;
        }

        /** The nested path of the group's rows; null for base conditions. */
        public String path() {
            return path;
        }
    }

    // variables both searches have, compared on fields of the same names in both indexes
    private static final SearchVariable STUDY_DATE =
            new SearchVariable("Study Date", ValueType.DATE, Group.BASE, SearchFields.STUDY_DATE);
    private static final SearchVariable PATIENT_IDENTIFIER =
            new SearchVariable("Patient Identifier", ValueType.TEXT, Group.BASE, SearchFields.PATIENT_IDENTIFIER);
    private static final SearchVariable PATIENT_SEX =
            new SearchVariable("Patient Sex", ValueType.SEX, Group.BASE, SearchFields.PATIENT_SEX);
    private static final SearchVariable PATIENT_BIRTHDATE =
            new SearchVariable("Patient Birthdate", ValueType.DATE, Group.BASE, SearchFields.PATIENT_BIRTHDATE);
    private static final SearchVariable PROJECT_NAME =
            new SearchVariable("Project Name", ValueType.TEXT, Group.BASE, SearchFields.PROJECT_NAME);
    private static final SearchVariable FORM_SCHEMA_NAME = nested("Form Schema Name", Group.FORM,
            SearchFields.FORMS, SearchFields.SCHEMA_NAME);
    private static final SearchVariable FORM_CREATOR_NAME = nested("Form Creator Name", Group.FORM,
            SearchFields.FORMS, SearchFields.CREATOR_NAME);
    private static final SearchVariable FORM_TAG_NAME = nested("Form Tag Name", Group.FORM,
            SearchFields.FORMS, SearchFields.TAG_NAME);

    /** The 18 instance variables in the order of the contract's table. */
    public static final List<SearchVariable> INSTANCE = List.of(
            new SearchVariable("Image DBID", ValueType.INT, Group.BASE, SearchFields.ID),
            new SearchVariable("Laterality", ValueType.LATERALITY, Group.BASE, SearchFields.LATERALITY),
            new SearchVariable("Modality", ValueType.MODALITY, Group.BASE, SearchFields.MODALITY),
            new SearchVariable("ETDRS Field", ValueType.ETDRS_FIELD, Group.BASE, SearchFields.ETDRS_FIELD),
            new SearchVariable("Color Fundus Quality", ValueType.FLOAT, Group.BASE, SearchFields.CF_QUALITY),
            STUDY_DATE,
            PATIENT_IDENTIFIER,
            PATIENT_SEX,
            PATIENT_BIRTHDATE,
            PROJECT_NAME,
            new SearchVariable("Device Model ID", ValueType.INT, Group.BASE, SearchFields.DEVICE_MODEL_ID),
            nested("Segmentation Feature Name", Group.SEGMENTATION, SearchFields.SEGMENTATIONS, SearchFields.FEATURE_NAME),
            nested("Segmentation Creator Name", Group.SEGMENTATION, SearchFields.SEGMENTATIONS, SearchFields.CREATOR_NAME),
            nested("Segmentation Tag Name", Group.SEGMENTATION, SearchFields.SEGMENTATIONS, SearchFields.TAG_NAME),
            FORM_SCHEMA_NAME,
            FORM_CREATOR_NAME,
            FORM_TAG_NAME,
            nested("Image Tag Name", Group.IMAGE_TAG, SearchFields.IMAGE_TAGS, SearchFields.TAG_NAME));

    /**
     * The 11 study variables of the contract, plus {@code Study Instance UID}, which the original's
     * signature advertises but its search rejects (docs/api.md §9.2 item 42): implemented as an EXISTS over the
     * study's series.
     */
    public static final List<SearchVariable> STUDY = List.of(
            STUDY_DATE,
            new SearchVariable("Study Description", ValueType.TEXT, Group.BASE, SearchFields.STUDY_DESCRIPTION),
            new SearchVariable("Study Round", ValueType.INT, Group.BASE, SearchFields.STUDY_ROUND),
            PATIENT_IDENTIFIER,
            PATIENT_SEX,
            PATIENT_BIRTHDATE,
            PROJECT_NAME,
            FORM_SCHEMA_NAME,
            FORM_CREATOR_NAME,
            FORM_TAG_NAME,
            nested("Study Tag Name", Group.STUDY_TAG, SearchFields.STUDY_TAGS, SearchFields.TAG_NAME),
            nested("Study Instance UID", Group.SERIES, SearchFields.SERIES, SearchFields.STUDY_INSTANCE_UID));

    /** A text variable compared on a field of a group's nested rows. */
    private static SearchVariable nested(String name, Group group, String path, String field) {
        return new SearchVariable(name, ValueType.TEXT, group, path + "." + field);
    }

    public static Optional<SearchVariable> find(List<SearchVariable> variables, String name) {
        return variables.stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
