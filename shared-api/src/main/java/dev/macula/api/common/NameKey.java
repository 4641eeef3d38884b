package dev.macula.api.common;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The comparison key of a name. The original compares names under MySQL's
 * {@code utf8mb4_0900_ai_ci} (case- and accent-insensitive, docs/api.md §0.8); read models store this
 * key next to the name and put their unique constraints on it.
 */
public final class NameKey {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private NameKey() {
    }

    public static String of(String name) {
        String decomposed = Normalizer.normalize(name, Normalizer.Form.NFKD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }
}
