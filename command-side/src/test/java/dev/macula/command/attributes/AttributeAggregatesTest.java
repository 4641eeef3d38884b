package dev.macula.command.attributes;

import dev.macula.api.attributes.AttributeEntity;
import dev.macula.api.attributes.AttributeMessages.AttributeValueChangedEvent;
import dev.macula.api.attributes.AttributeMessages.AttributeValueColumns;
import dev.macula.api.attributes.AttributeMessages.AttributeValueRecordedEvent;
import dev.macula.api.attributes.AttributeMessages.AttributesModelRegisteredEvent;
import dev.macula.api.attributes.AttributeMessages.ChangeAttributeValueCommand;
import dev.macula.api.attributes.AttributeMessages.DeclareModelOutputsCommand;
import dev.macula.api.attributes.AttributeMessages.ModelOutputsDeclaredEvent;
import dev.macula.api.attributes.AttributeMessages.RecordAttributeValueCommand;
import dev.macula.api.common.ApiException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.Test;

import java.util.List;

class AttributeAggregatesTest {

    private static final AttributeEntity IMAGE = new AttributeEntity(AttributeEntity.Kind.image_instance, 5);
    private static final AttributeValueColumns POINT_EIGHT = new AttributeValueColumns(null, 0.8, null, null);

    private final AggregateTestFixture<AttributeValueAggregate> values =
            new AggregateTestFixture<>(AttributeValueAggregate.class);
    private final AggregateTestFixture<AttributesModelAggregate> models =
            new AggregateTestFixture<>(AttributesModelAggregate.class);

    @Test
    void aValueIsRecordedWithItsInputsSortedAndWithoutRepeats() {
        values.givenNoPriorActivity()
                .when(new RecordAttributeValueCommand("attribute-value:9", 9, 2, 3, IMAGE, "L", POINT_EIGHT,
                        List.of(7L, 4L, 7L)))
                .expectEvents(new AttributeValueRecordedEvent(9, 2, 3, IMAGE, "L", POINT_EIGHT, List.of(4L, 7L)));
    }

    @Test
    void aValueInTwoColumnsOrABadLateralityIsRefused() {
        values.givenNoPriorActivity()
                .when(new RecordAttributeValueCommand("attribute-value:9", 9, 2, 3, IMAGE, null,
                        new AttributeValueColumns(1L, 0.8, null, null), List.of()))
                .expectException(ApiException.class);
        values.givenNoPriorActivity()
                .when(new RecordAttributeValueCommand("attribute-value:9", 9, 2, 3, IMAGE, "X", POINT_EIGHT, List.of()))
                .expectException(ApiException.class);
    }

    @Test
    void recordingTheSameValueAgainChangesNothingAndADifferentOneIsAChange() {
        AttributeValueRecordedEvent recorded = new AttributeValueRecordedEvent(9, 2, 3, IMAGE, null, POINT_EIGHT,
                List.of());
        values.given(recorded)
                .when(new ChangeAttributeValueCommand("attribute-value:9", 9, null, POINT_EIGHT, null))
                .expectNoEvents();
        AttributeValueColumns text = new AttributeValueColumns(null, null, "good", null);
        values.given(recorded)
                .when(new ChangeAttributeValueCommand("attribute-value:9", 9, "R", text, List.of()))
                .expectEvents(new AttributeValueChangedEvent(9, "R", text, List.of()));
    }

    @Test
    void aModelDeclaresOnlyOutputsItDidNotDeclareBefore() {
        models.given(new AttributesModelRegisteredEvent(3, "q", "1", null, List.of(1L, 2L), List.of()))
                .when(new DeclareModelOutputsCommand("model:3", 3, List.of(2L, 5L, 5L)))
                .expectEvents(new ModelOutputsDeclaredEvent(3, List.of(5L)));
        models.given(new AttributesModelRegisteredEvent(3, "q", "1", null, List.of(1L, 2L), List.of()))
                .when(new DeclareModelOutputsCommand("model:3", 3, List.of(1L)))
                .expectNoEvents();
    }
}
