package dev.macula.api.search;

import java.util.List;
import java.util.Optional;

/**
 * One searchable variable (contract §4.2, §4.5): its wire name, how values are converted, which
 * condition group it belongs to and the index field it is compared on. Variables of a nested group
 * are compared on rows of that group, so all conditions of a group must hold on one row (§4.3).
 */
public record SearchVariable(String name, ValueType type, Group group, String field) {

    /** How a condition's value is converted before comparison (§4.3: convert, or 422). */
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

    /** The 18 instance variables in the order of the contract's table. */
    public static final List<SearchVariable> INSTANCE = List.of(
            new SearchVariable("Image DBID", ValueType.INT, Group.BASE, SearchFields.ID),
            new SearchVariable("Laterality", ValueType.LATERALITY, Group.BASE, SearchFields.LATERALITY),
            new SearchVariable("Modality", ValueType.MODALITY, Group.BASE, SearchFields.MODALITY),
            new SearchVariable("ETDRS Field", ValueType.ETDRS_FIELD, Group.BASE, SearchFields.ETDRS_FIELD),
            new SearchVariable("Color Fundus Quality", ValueType.FLOAT, Group.BASE, SearchFields.CF_QUALITY),
            new SearchVariable("Study Date", ValueType.DATE, Group.BASE, SearchFields.STUDY_DATE),
            new SearchVariable("Patient Identifier", ValueType.TEXT, Group.BASE, SearchFields.PATIENT_IDENTIFIER),
            new SearchVariable("Patient Sex", ValueType.SEX, Group.BASE, SearchFields.PATIENT_SEX),
            new SearchVariable("Patient Birthdate", ValueType.DATE, Group.BASE, SearchFields.PATIENT_BIRTHDATE),
            new SearchVariable("Project Name", ValueType.TEXT, Group.BASE, SearchFields.PROJECT_NAME),
            new SearchVariable("Device Model ID", ValueType.INT, Group.BASE, SearchFields.DEVICE_MODEL_ID),
            new SearchVariable("Segmentation Feature Name", ValueType.TEXT, Group.SEGMENTATION,
                    SearchFields.SEGMENTATIONS + "." + SearchFields.FEATURE_NAME),
            new SearchVariable("Segmentation Creator Name", ValueType.TEXT, Group.SEGMENTATION,
                    SearchFields.SEGMENTATIONS + "." + SearchFields.CREATOR_NAME),
            new SearchVariable("Segmentation Tag Name", ValueType.TEXT, Group.SEGMENTATION,
                    SearchFields.SEGMENTATIONS + "." + SearchFields.TAG_NAME),
            new SearchVariable("Form Schema Name", ValueType.TEXT, Group.FORM,
                    SearchFields.FORMS + "." + SearchFields.SCHEMA_NAME),
            new SearchVariable("Form Creator Name", ValueType.TEXT, Group.FORM,
                    SearchFields.FORMS + "." + SearchFields.CREATOR_NAME),
            new SearchVariable("Form Tag Name", ValueType.TEXT, Group.FORM,
                    SearchFields.FORMS + "." + SearchFields.TAG_NAME),
            new SearchVariable("Image Tag Name", ValueType.TEXT, Group.IMAGE_TAG,
                    SearchFields.IMAGE_TAGS + "." + SearchFields.TAG_NAME));

    /**
     * The 11 study variables of the contract, plus {@code Study Instance UID}, which the original's
     * signature advertises but its search rejects (§9.2 item 42): implemented as an EXISTS over the
     * study's series.
     */
    public static final List<SearchVariable> STUDY = List.of(
            new SearchVariable("Study Date", ValueType.DATE, Group.BASE, SearchFields.STUDY_DATE),
            new SearchVariable("Study Description", ValueType.TEXT, Group.BASE, SearchFields.STUDY_DESCRIPTION),
            new SearchVariable("Study Round", ValueType.INT, Group.BASE, SearchFields.STUDY_ROUND),
            new SearchVariable("Patient Identifier", ValueType.TEXT, Group.BASE, SearchFields.PATIENT_IDENTIFIER),
            new SearchVariable("Patient Sex", ValueType.SEX, Group.BASE, SearchFields.PATIENT_SEX),
            new SearchVariable("Patient Birthdate", ValueType.DATE, Group.BASE, SearchFields.PATIENT_BIRTHDATE),
            new SearchVariable("Project Name", ValueType.TEXT, Group.BASE, SearchFields.PROJECT_NAME),
            new SearchVariable("Form Schema Name", ValueType.TEXT, Group.FORM,
                    SearchFields.FORMS + "." + SearchFields.SCHEMA_NAME),
            new SearchVariable("Form Creator Name", ValueType.TEXT, Group.FORM,
                    SearchFields.FORMS + "." + SearchFields.CREATOR_NAME),
            new SearchVariable("Form Tag Name", ValueType.TEXT, Group.FORM,
                    SearchFields.FORMS + "." + SearchFields.TAG_NAME),
            new SearchVariable("Study Tag Name", ValueType.TEXT, Group.STUDY_TAG,
                    SearchFields.STUDY_TAGS + "." + SearchFields.TAG_NAME),
            new SearchVariable("Study Instance UID", ValueType.TEXT, Group.SERIES,
                    SearchFields.SERIES + "." + SearchFields.STUDY_INSTANCE_UID));

    public static Optional<SearchVariable> find(List<SearchVariable> variables, String name) {
        return variables.stream().filter(v -> v.name().equals(name)).findFirst();
    }
}
