package dev.macula.query.history;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.macula.api.common.MessageMetadata;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.LazyDeserializingObject;

import java.io.IOException;

/**
 * Who caused an event and in which request: the three metadata values an entry shows. Read straight
 * from the stored metadata JSON when it is still undecoded: Axon's metadata deserializer resolves its
 * Jackson deserializers anew for every message, which made it the export's largest single cost.
 * Metadata an upcaster rewrote (already decoded) or a value that is not a plain JSON scalar is
 * taken from Axon's decoded map instead, so both ways give the same values.
 */
record EventStamp(Object actorId, Object actorName, Object requestId) {

    private static final JsonFactory JSON = new JsonFactory();

    static EventStamp of(LazyDeserializingObject<MetaData> metaData) {
        if (!metaData.isDeserialized()) {
            Object data = metaData.getSerializedObject().getData();
            try {
                EventStamp read = data instanceof byte[] bytes ? read(JSON.createParser(bytes))
                        : data instanceof String text ? read(JSON.createParser(text)) : null;
                if (read != null) {
                    return read;
                }
            } catch (IOException e) {
                // not what this reader expects: Axon's decoder below decides
            }
        }
        MetaData decoded = metaData.getObject();
        return new EventStamp(decoded.get(MessageMetadata.ACTOR_ID), decoded.get(MessageMetadata.ACTOR_NAME),
                decoded.get(MessageMetadata.REQUEST_ID));
    }

    /** The three values, or null when the JSON is not an object or one of them is not a scalar. */
    private static EventStamp read(JsonParser in) throws IOException {
        try (in) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            Object actorId = null;
            Object actorName = null;
            Object requestId = null;
            for (String field; (field = in.nextFieldName()) != null; ) {
                JsonToken value = in.nextToken();
                boolean wanted = field.equals(MessageMetadata.ACTOR_ID) || field.equals(MessageMetadata.ACTOR_NAME)
                        || field.equals(MessageMetadata.REQUEST_ID);
                if (!wanted) {
                    in.skipChildren();
                    continue;
                }
                if (value.isStructStart()) {
                    return null;
                }
                Object scalar = scalar(in, value);
                switch (field) {
                    case MessageMetadata.ACTOR_ID -> actorId = scalar;
                    case MessageMetadata.ACTOR_NAME -> actorName = scalar;
                    default -> requestId = scalar;
                }
            }
            return new EventStamp(actorId, actorName, requestId);
        }
    }

    /** As Jackson decodes an untyped scalar (Axon's metadata map): Integer/Long/BigInteger, Double, String, Boolean, null. */
    private static Object scalar(JsonParser in, JsonToken value) throws IOException {
        return switch (value) {
            case VALUE_STRING -> in.getText();
            case VALUE_NUMBER_INT -> in.getNumberValue();
            case VALUE_NUMBER_FLOAT -> in.getDoubleValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            default -> null;
        };
    }
}
