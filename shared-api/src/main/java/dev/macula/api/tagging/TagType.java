package dev.macula.api.tagging;

/** Which kind of object a tag may be attached to; constants are the wire values (contract §1.2). */
public enum TagType {
    Study, ImageInstance, Annotation, Segmentation, FormAnnotation
}
