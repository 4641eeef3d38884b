package dev.macula.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * An empty platform for a migration test: a fresh PostgreSQL database of its own (the suite's shared
 * one holds other tests' data, which the migration would rightly refuse) and temporary folders, as the
 * Spring properties {@code ./macula migrate} starts the platform with.
 */
record MigrationTarget(String database, Path files, List<String> properties) {

    static MigrationTarget create(String database, String... extra) throws Exception {
        try (Connection pg = DriverManager.getConnection(TestDatabase.SERVER + "postgres", TestDatabase.USER,
                TestDatabase.PASSWORD); Statement s = pg.createStatement()) {
            s.execute("create database " + database);
        }
        Path files = Files.createTempDirectory("macula-migration");
        List<String> properties = new ArrayList<>(List.of(
                "spring.datasource.url=" + TestDatabase.SERVER + database,
                "spring.datasource.username=" + TestDatabase.USER, "spring.datasource.password=" + TestDatabase.PASSWORD,
                "macula.secret-key=migration-test-secret-key-with-more-than-32-bytes",
                "macula.es-url=" + HttpTestBase.ES_URL, "macula.es-index-prefix=" + database.replace('_', '-'),
                "macula.data-dir=" + files.resolve("data"), "macula.images-basepath=" + files.resolve("images"),
                "macula.thumbnails-path=" + files.resolve("thumbnails"),
                "macula.segmentations-zarr-store=" + files.resolve("platform.zarr"), "server.address=127.0.0.1"));
        properties.addAll(List.of(extra));
        return new MigrationTarget(database, files, List.copyOf(properties));
    }

    String[] asProperties() {
        return properties.toArray(String[]::new);
    }

    Connection connect() throws Exception {
        return DriverManager.getConnection(TestDatabase.SERVER + database, TestDatabase.USER, TestDatabase.PASSWORD);
    }
}
