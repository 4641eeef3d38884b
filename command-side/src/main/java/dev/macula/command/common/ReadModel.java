package dev.macula.command.common;

/**
 * The read-model tables a write may ask "does this id exist" of. A closed set, so no caller ever
 * puts its own text into the SQL of {@link ReadModelLookups#exists}.
 */
public enum ReadModel {
    USER("app_user"),
    PATIENT("patient"),
    STUDY("study"),
    IMAGE("image_instance"),
    SOURCE_INFO("source_info"),
    DEVICE_INSTANCE("device_instance"),
    MODALITY("modality"),
    SCAN("scan"),
    FEATURE("feature"),
    SEGMENTATION("segmentation"),
    TASK("task"),
    TASK_DEFINITION("task_definition"),
    SUBTASK("subtask"),
    FORM_SCHEMA("form_schema"),
    FORM_ANNOTATION("form_annotation"),
    TAG("tag");

    final String table;

    ReadModel(String table) {
        this.table = table;
    }
}
