package dev.macula.command.timetravel;

import dev.macula.api.common.JsonBody;
import dev.macula.api.common.MessageMetadata;
import dev.macula.api.common.ValidationError;
import dev.macula.api.history.AsOf;
import dev.macula.api.history.TimeTravel;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;

/** The body of every {@code …/revert}: {@code {"as_of": <instant|position>}}, and the metadata its commands carry. */
@Component
public class RevertRequests {

    public static final String AS_OF = "as_of";
    private static final List<Object> LOC = List.of("body", AS_OF);

    private final TimeTravel timeTravel;

    RevertRequests(TimeTravel timeTravel) {
        this.timeTravel = timeTravel;
    }

    /** The position {@code as_of} stands for; 422 at {@code ["body","as_of"]} when missing, unparsable or ahead. */
    public long position(JsonBody body) {
        if (!body.has(AS_OF)) {
            body.reject(ValidationError.of("missing", LOC, "Field required", null));
        }
        String raw = body.text(AS_OF);
        body.validate();
        return timeTravel.resolve(AsOf.parse(raw, LOC), raw, LOC);
    }

    /** {@code reverted_to}: on every command of the revert, and so on every event. */
    public static Map<String, Object> metadata(long position) {
        return Map.of(MessageMetadata.REVERTED_TO, position);
    }
}
