package dev.macula.tools.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

/**
 * One row of the original's database, by column label, with the conversions the migration needs.
 * DATETIME columns are naive in the original; they are read as UTC, as the original's API shows them.
 */
public final class SourceRow {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> values;

    private SourceRow(Map<String, Object> values) {
        this.values = values;
    }

    public static SourceRow of(ResultSet rs) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        Map<String, Object> values = new HashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            Object value = rs.getObject(i);
            if (value instanceof Timestamp) {
                value = rs.getObject(i, LocalDateTime.class); // DATETIME without a zone, as stored
            }
            values.put(meta.getColumnLabel(i), value);
        }
        return new SourceRow(values);
    }

    public boolean isNull(String column) {
        return value(column) == null;
    }

    public long id(String column) {
        Long value = longOrNull(column);
        if (value == null) {
            throw new IllegalArgumentException(column + " is NULL");
        }
        return value;
    }

    public Long longOrNull(String column) {
        Object value = value(column);
        return value == null ? null : value instanceof Number n ? n.longValue()
                : value instanceof Boolean b ? (b ? 1L : 0L) : Long.valueOf(value.toString().strip());
    }

    public Integer intOrNull(String column) {
        Long value = longOrNull(column);
        return value == null ? null : Math.toIntExact(value);
    }

    public Double doubleOrNull(String column) {
        Object value = value(column);
        if (value == null) {
            return null;
        }
        // FLOAT columns are single precision: read through float's decimal form, as the original shows them
        return value instanceof Float f ? Double.valueOf(f.toString()) : value instanceof BigDecimal d ? d.doubleValue()
                : value instanceof Number n ? n.doubleValue() : Double.valueOf(value.toString());
    }

    public Boolean boolOrNull(String column) {
        Long value = longOrNull(column);
        return value == null ? null : value != 0;
    }

    public boolean flag(String column) {
        return Boolean.TRUE.equals(boolOrNull(column));
    }

    public String text(String column) {
        Object value = value(column);
        return value == null ? null : value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : value.toString();
    }

    public LocalDate date(String column) {
        Object value = value(column);
        return value == null ? null : value instanceof LocalDate d ? d
                : value instanceof java.sql.Date d ? d.toLocalDate() : LocalDate.parse(value.toString());
    }

    public LocalDateTime dateTime(String column) {
        Object value = value(column);
        return value == null ? null : value instanceof LocalDateTime t ? t : LocalDateTime.parse(value.toString().replace(' ', 'T'));
    }

    /** The original's time of the row as an instant (null when the column is NULL). */
    public Instant instant(String column) {
        LocalDateTime time = dateTime(column);
        return time == null ? null : time.toInstant(ZoneOffset.UTC);
    }

    /** A JSON column; null for SQL NULL. Text that is not JSON is an error the caller reports. */
    public JsonNode json(String column) {
        String text = text(column);
        if (text == null) {
            return null;
        }
        try {
            return JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(column + " is not JSON: " + e.getOriginalMessage());
        }
    }

    public byte[] bytes(String column) {
        Object value = value(column);
        return value == null ? null : value instanceof byte[] b ? b : value.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Object value(String column) {
        if (!values.containsKey(column)) {
            throw new IllegalArgumentException("no column " + column + " in " + values.keySet());
        }
        return values.get(column);
    }
}
