package dev.macula.api.attributes;

/** AttributeDefinition.AttributeDataType, spelled as the original stores it (docs/api.md §1.2). */
public enum AttributeDataType {
    String, Float, Int, JSON;

    /** The signature's type marker (docs/api.md §4.6 entry 14): JSON attributes are not searchable there. */
    public java.lang.String signatureType() {
        return switch (this) {
            case String -> "string";
            case Int -> "int";
            default -> "float";
        };
    }
}
