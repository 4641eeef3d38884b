package dev.macula.infra.exports;

import java.util.List;

/**
 * One table of a snapshot ({@code images}, {@code tags}, ...): typed columns and rows in their final
 * order. Values are Long, Integer, Double, Boolean, String or null; dates and timestamps come as
 * PostgreSQL's text of them, which DuckDB casts to the column's type.
 */
record Table(String name, List<Column> columns, List<List<Object>> rows) {

    /** @param type a DuckDB type: BIGINT, INTEGER, DOUBLE, BOOLEAN, VARCHAR, DATE, TIMESTAMP */
    record Column(String name, String type) {
    }
}
