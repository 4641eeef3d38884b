package dev.macula.api.attributes;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * Attributes (docs/api.md §1.3 attribute tables): named values that models compute per image,
 * segmentation, model segmentation, patient or study. Three aggregates: a definition
 * ({@code attribute:<id>}: name and data type), an attributes model ({@code model:<id>}, the id
 * space it shares with segmentation models: name, version, declared outputs and inputs) and one
 * value ({@code attribute-value:<id>}: what one model said about one attribute of one object, with
 * the values it was computed from). A value holds its number or text in the column of its
 * definition's data type, as the original's AttributeValue row does.
 */
public final class AttributeMessages {

    /** Id types (aggregate-identifier prefixes and id sequences). */
    public static final String ATTRIBUTE_TYPE = "attribute";
    public static final String ATTRIBUTE_VALUE_TYPE = "attribute-value";

    private AttributeMessages() {
    }

    public static String attributeKey(long id) {
        return ATTRIBUTE_TYPE + ":" + id;
    }

    public static String valueKey(long id) {
        return ATTRIBUTE_VALUE_TYPE + ":" + id;
    }

    /** An input the model declares: which attribute it reads, under which name. */
    public record ModelInput(long attributeId, String inputName) {
    }

    /** The four value columns; at most one is non-null, the one of the definition's data type. */
    public record AttributeValueColumns(Long valueInt, Double valueFloat, String valueText, String valueJson) {

        public static final AttributeValueColumns EMPTY = new AttributeValueColumns(null, null, null, null);

        public int present() {
            return (valueInt == null ? 0 : 1) + (valueFloat == null ? 0 : 1) + (valueText == null ? 0 : 1)
                    + (valueJson == null ? 0 : 1);
        }
    }

    public record DefineAttributeCommand(@TargetAggregateIdentifier String attributeKey, long attributeId, String name,
                                         AttributeDataType dataType) {
    }

    @Revision("1")
    public record AttributeDefinedEvent(long attributeId, String name, AttributeDataType dataType) {
    }

    public record RegisterAttributesModelCommand(@TargetAggregateIdentifier String modelKey, long modelId, String name,
                                                 String version, String description, List<Long> outputAttributeIds,
                                                 List<ModelInput> inputs) {
    }

    @Revision("1")
    public record AttributesModelRegisteredEvent(long modelId, String name, String version, String description,
                                                 List<Long> outputAttributeIds, List<ModelInput> inputs) {
    }

    /** The model produces these attributes too (an import brought values of attributes it had not declared). */
    public record DeclareModelOutputsCommand(@TargetAggregateIdentifier String modelKey, long modelId,
                                             List<Long> attributeIds) {
    }

    @Revision("1")
    public record ModelOutputsDeclaredEvent(long modelId, List<Long> attributeIds) {
    }

    public record RecordAttributeValueCommand(@TargetAggregateIdentifier String valueKey, long valueId,
                                              long attributeId, long modelId, AttributeEntity entity,
                                              String laterality, AttributeValueColumns value,
                                              List<Long> inputValueIds) {
    }

    @Revision("1")
    public record AttributeValueRecordedEvent(long valueId, long attributeId, long modelId, AttributeEntity entity,
                                              String laterality, AttributeValueColumns value,
                                              List<Long> inputValueIds) {
    }

    /** The model computed the value again (a later import): the new value and what it was computed from. */
    public record ChangeAttributeValueCommand(@TargetAggregateIdentifier String valueKey, long valueId,
                                              String laterality, AttributeValueColumns value,
                                              List<Long> inputValueIds) {
    }

    @Revision("1")
    public record AttributeValueChangedEvent(long valueId, String laterality, AttributeValueColumns value,
                                             List<Long> inputValueIds) {
    }
}
