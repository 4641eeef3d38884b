package dev.macula.api.common;

import java.util.Locale;
import java.util.Map;

/**
 * Entity type names as clients write them. The canonical name is the kebab-case prefix of the
 * aggregate identifier ({@link EntityId#entityType()}, e.g. {@code form-annotation}); the workflows
 * issue wrote snake_case ({@code form_annotation}, {@code sub_task}) and the contract PascalCase
 * ({@code FormAnnotation}). All of them name the same type.
 */
public final class EntityTypeNames {

    /** Spellings whose words differ from the canonical name, after normalising to kebab-case. */
    private static final Map<String, String> ALIASES = Map.of(
            "sub-task", "subtask",
            "image-instance", "instance",
            "device-model", "device");

    private EntityTypeNames() {
    }

    /** {@code FormAnnotation}, {@code form_annotation}, {@code form-annotation} → {@code form-annotation}. */
    public static String canonical(String name) {
        String kebab = name.strip()
                .replaceAll("([a-z0-9])([A-Z])", "$1-$2")
                .toLowerCase(Locale.ROOT)
                .replace('_', '-');
        return ALIASES.getOrDefault(kebab, kebab);
    }
}
