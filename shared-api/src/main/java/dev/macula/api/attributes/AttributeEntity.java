package dev.macula.api.attributes;

/**
 * The one object an attribute value describes (the original's five nullable columns, of which
 * exactly one is set: docs/api.md §1.3 {@code ck_AttributeValue_exactly_one_entity}).
 */
public record AttributeEntity(Kind kind, long id) {

    public enum Kind {
        image_instance, segmentation, model_segmentation, patient, study;

        /** {@code ImageInstance}, {@code image_instance}, {@code image}, … → the kind; null when unknown. */
        public static Kind parse(String text) {
            String normal = text.strip().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT)
                    .replace('-', '_').replace(' ', '_');
            return switch (normal) {
                case "image_instance", "image", "instance" -> image_instance;
                case "segmentation" -> segmentation;
                case "model_segmentation" -> model_segmentation;
                case "patient" -> patient;
                case "study" -> study;
                default -> null;
            };
        }
    }

    public AttributeEntity {
        if (kind == null || id <= 0) {
            throw new IllegalArgumentException("an attribute value describes one object by kind and positive id");
        }
    }
}
