package dev.macula.api.tagging;

/** Which kind of object a tag may be attached to; constants are the wire values (docs/api.md §1.2). */
public enum TagType {
    Study, ImageInstance, Annotation, Segmentation, FormAnnotation
}
