package dev.macula.api.dicom;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kept values of one data set or sequence item: raw bytes of the tags in {@link Tags#VR} and the
 * first item of each kept sequence. Accessors are lenient: a value that does not parse is null.
 */
final class Attributes {

    private final Map<Integer, byte[]> values = new HashMap<>();
    private final Map<Integer, Attributes> firstItems = new HashMap<>();

    void put(int tag, byte[] value) {
        values.put(tag, value);
    }

    void putFirstItem(int tag, Attributes item) {
        firstItems.putIfAbsent(tag, item);
    }

    Attributes item(int tag) {
        return firstItems.get(tag);
    }

    boolean contains(int tag) {
        return values.containsKey(tag);
    }

    /**
     * Text with padding (spaces, NULs) trimmed; UTF-8 when the bytes are valid UTF-8 (which covers
     * ASCII and ISO_IR 192), else ISO-8859-1 (the common single-byte character set).
     */
    String string(int tag) {
        byte[] value = values.get(tag);
        if (value == null) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            text = new String(value, StandardCharsets.ISO_8859_1);
        }
        String trimmed = trim(text);
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** The n-th backslash-separated value of a string, or null. */
    String string(int tag, int index) {
        String text = string(tag);
        if (text == null) {
            return null;
        }
        List<String> parts = List.of(text.split("\\\\", -1));
        if (index >= parts.size()) {
            return null;
        }
        String part = trim(parts.get(index));
        return part.isEmpty() ? null : part;
    }

    /** An unsigned 16-bit binary value (US), or null. */
    Integer unsignedShort(int tag) {
        byte[] value = values.get(tag);
        if (value == null || value.length < 2) {
            return null;
        }
        return (value[0] & 0xFF) | (value[1] & 0xFF) << 8;
    }

    /** A 32-bit binary float (FL), or null. */
    Double binaryFloat(int tag) {
        byte[] value = values.get(tag);
        if (value == null || value.length < 4) {
            return null;
        }
        float number = ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getFloat();
        return Float.isFinite(number) ? (double) number : null;
    }

    /** The n-th value of a decimal string (DS), or null. */
    Double decimal(int tag, int index) {
        String text = string(tag, index);
        if (text == null) {
            return null;
        }
        try {
            double number = Double.parseDouble(text);
            return Double.isFinite(number) ? number : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An integer string (IS), or null. */
    Integer integer(int tag) {
        String text = string(tag, 0);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text.startsWith("+") ? text.substring(1) : text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String trim(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && (text.charAt(start) <= ' ')) {
            start++;
        }
        while (end > start && (text.charAt(end - 1) <= ' ')) {
            end--;
        }
        return text.substring(start, end);
    }
}
