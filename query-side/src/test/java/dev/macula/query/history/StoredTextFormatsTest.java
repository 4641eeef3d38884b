package dev.macula.query.history;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.LazyDeserializingObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-written readers and writers of the history renderer agree with the library code they stand in for. */
class StoredTextFormatsTest {

    private static final Random RANDOM = new Random(20261206);

    @Test
    void storedTimestampsReadAsAxonReadsThem() {
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(RANDOM.nextLong(-2_000_000_000L, 253_402_300_799L),
                    i % 3 == 0 ? 0 : RANDOM.nextInt(1_000_000_000));
            if (i % 7 == 0) {
                instant = instant.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            }
            String stored = DateTimeUtils.formatInstant(instant);
            assertThat(StoredTimestamps.parseUtc(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored));
            String iso = instant.toString(); // another fraction width, or none
            assertThat(StoredTimestamps.parse(iso)).as(iso).isEqualTo(instant);
        }
    }

    @Test
    void unusualTimestampTextIsLeftToAxon() {
        assertThat(StoredTimestamps.parseUtc("2026-12-06T21:09:00+01:00")).isNull();
        assertThat(StoredTimestamps.parseUtc("+12026-12-06T21:09:00Z")).isNull();
        assertThat(StoredTimestamps.parseUtc("2026-02-30T21:09:00.000Z")).isNull();
        assertThat(StoredTimestamps.parseUtc("2026-12-06T21:09:00.Z")).isNull();
        assertThat(StoredTimestamps.parseUtc("2026-12-06T21:09:00.1234567890Z")).isNull();
        assertThat(StoredTimestamps.parseUtc("2026-12-0xT21:09:00Z")).isNull();
        assertThat(StoredTimestamps.parse("2026-12-06T21:09:00+01:00")).isEqualTo(Instant.parse("2026-12-06T20:09:00Z"));
        assertThat(StoredTimestamps.parse("2026-12-06T21:09:00.5Z")).isEqualTo(Instant.parse("2026-12-06T21:09:00.500Z"));
    }

    @Test
    void timesAreWrittenAsTheIsoFormatterWritesThem() {
        for (int i = 0; i < 20_000; i++) {
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> RANDOM.nextInt(1000) * 1_000_000;
                case 2 -> RANDOM.nextInt(1_000_000) * 1000;
                default -> RANDOM.nextInt(1_000_000_000);
            };
            LocalDateTime time = LocalDateTime.ofEpochSecond(RANDOM.nextLong(-62_000_000_000L, 253_402_300_799L), nanos,
                    ZoneOffset.UTC);
            assertThat(IsoLocalDateTimes.format(time)).isEqualTo(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(time));
        }
        LocalDateTime far = LocalDateTime.of(12026, 1, 2, 3, 4, 5);
        assertThat(IsoLocalDateTimes.format(far)).isEqualTo(DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(far));
    }

    @Test
    void theStampHoldsWhatAxonsMetadataMapHolds() {
        JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
        for (String json : new String[]{
                "{\"traceId\":\"t\",\"actorName\":\"ann\",\"correlationId\":\"c\",\"actorId\":7,\"requestId\":\"r-1\"}",
                "{\"actorName\":\"system\"}",
                "{\"actorId\":\"12\",\"actorName\":3,\"requestId\":null,\"extra\":{\"a\":[1,2]}}",
                "{\"actorId\":12345678901234,\"requestId\":true}",
                "{\"actorId\":1.5}",
                "{}",
                "{\"actorId\":{\"nested\":1},\"actorName\":\"x\"}"}) {
            MetaData decoded = serializer.deserialize(new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8),
                    byte[].class, MetaData.class.getName(), null));
            EventStamp stamp = EventStamp.of(new LazyDeserializingObject<>(new SimpleSerializedObject<>(
                    json.getBytes(StandardCharsets.UTF_8), byte[].class, MetaData.class.getName(), null), serializer));
            assertThat(stamp).as(json).isEqualTo(new EventStamp(decoded.get("actorId"), decoded.get("actorName"),
                    decoded.get("requestId")));
        }
        EventStamp rewritten = EventStamp.of(new LazyDeserializingObject<>(MetaData.from(Map.of("actorName", "upcast"))));
        assertThat(rewritten).isEqualTo(new EventStamp(null, "upcast", null));
    }
}
