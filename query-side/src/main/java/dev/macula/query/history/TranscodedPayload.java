package dev.macula.query.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;

import java.io.CharArrayWriter;
import java.io.IOException;

/**
 * A rendering thread's buffer for one transcoded payload: the transcoder may give up half-way, so it
 * writes here and the line takes the text only when the whole payload was copied.
 */
final class TranscodedPayload {

    private static final JsonFactory JSON = new JsonFactoryBuilder().rootValueSeparator((String) null).build();

    private final Chars text = new Chars();
    private JsonGenerator out;

    /** True when {@code stored} was transcoded; {@link #chars()} then holds the result. */
    boolean transcode(PayloadTranscoder transcoder, byte[] stored) throws IOException {
        text.reset();
        if (out == null) {
            out = JSON.createGenerator(text);
        }
        try (JsonParser in = JSON.createParser(stored)) {
            transcoder.transcode(in, out);
            out.flush();
            return true;
        } catch (PayloadTranscoder.NotCanonical | IOException e) {
            out = null; // left inside an object: a new generator for the next payload
            return false;
        }
    }

    char[] chars() {
        return text.chars();
    }

    int length() {
        return text.size();
    }

    private static final class Chars extends CharArrayWriter {

        Chars() {
            super(512);
        }

        char[] chars() {
            return buf;
        }
    }
}
