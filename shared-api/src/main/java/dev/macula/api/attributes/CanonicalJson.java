package dev.macula.api.attributes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one text form of a JSON attribute value: compact, object keys sorted (at every depth), so a
 * stored value and a search value compare equal whatever key order their writers used (MySQL's JSON
 * type normalises key order too).
 */
public final class CanonicalJson {

    private static final ObjectMapper SORTED = new ObjectMapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    private CanonicalJson() {
    }

    public static String of(JsonNode value) {
        try {
            return SORTED.writeValueAsString(SORTED.treeToValue(value, Object.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }
}
