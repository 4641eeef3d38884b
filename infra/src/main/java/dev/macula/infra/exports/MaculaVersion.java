package dev.macula.infra.exports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** The Macula version this build carries (the Maven project version, filtered into a resource). */
final class MaculaVersion {

    private MaculaVersion() {
    }

    static String current() {
        try (InputStream in = MaculaVersion.class.getResourceAsStream("/macula-version.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
