package dev.macula.query.analytics;

import java.util.Locale;

/** Text into HTML and inline SVG: every user-provided string goes through {@link #escape}. */
final class Markup {

    private Markup() {
    }

    /** Safe in element content and in double- or single-quoted attribute values. */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> {
                    // control characters are not allowed in HTML text; a name could carry one
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        out.append('\uFFFD');
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.toString();
    }

    /** A number for people: at most {@code decimals} decimals, no trailing zeros, "—" for none. */
    static String number(Double value, int decimals) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return "—";
        }
        String text = String.format(Locale.ROOT, "%." + decimals + "f", value);
        if (text.contains(".")) {
            text = text.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return text.equals("-0") ? "0" : text;
    }

    /** A coordinate in SVG: one decimal is enough at this size. */
    static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** At most {@code max} characters (with an ellipsis), for chart labels; tables show the whole text. */
    static String shorten(String text, int max) {
        if (text == null) {
            return "";
        }
        return text.codePointCount(0, text.length()) <= max ? text
                : text.substring(0, text.offsetByCodePoints(0, max - 1)) + "…";
    }
}
