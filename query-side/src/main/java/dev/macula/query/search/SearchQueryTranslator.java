package dev.macula.query.search;

import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.query_dsl.ChildScoreMode;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.json.JsonData;
import dev.macula.api.search.SearchFields;
import dev.macula.api.search.SearchMessages.AttributeCondition;
import dev.macula.api.search.SearchMessages.Condition;
import dev.macula.api.search.SearchMessages.ListValue;
import dev.macula.api.search.SearchMessages.NullValue;
import dev.macula.api.search.SearchMessages.Operator;
import dev.macula.api.search.SearchMessages.ScalarValue;
import dev.macula.api.search.SearchMessages.Value;
import dev.macula.api.search.SearchVariable.Group;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns validated conditions into one Elasticsearch query with the semantics of docs/api.md §4.3:
 * base conditions filter the document; the conditions of each group become one {@code nested}
 * query, so they must all hold on the same row (one segmentation × tag link, one form × tag link,
 * one tag link); everything is AND-ed. Predicates follow SQL: {@code !=} never matches a missing
 * value, {@code null} tests presence, a list means IN (or NOT IN with {@code !=}).
 */
final class SearchQueryTranslator {

    private SearchQueryTranslator() {
    }

    /** The instance search: active images with a modality (docs/api.md §4.3 candidate set), then the conditions. */
    static Query instances(List<Condition> conditions, List<AttributeCondition> attributeConditions) {
        List<Query> filters = new ArrayList<>();
        filters.add(Query.of(q -> q.term(t -> t.field(SearchFields.ACTIVE).value(true))));
        filters.add(exists(SearchFields.MODALITY));
        filters.addAll(conditionFilters(conditions));
        attributeConditions.forEach(condition -> filters.add(attribute(condition)));
        return Query.of(q -> q.bool(b -> b.filter(filters)));
    }

    /**
     * One nested query per attribute condition (docs/api.md §4.3: one EXISTS each): a value row of
     * that attribute and model, on the image or one of its (model) segmentations, of the feature when
     * one is named, whose value satisfies the predicate.
     */
    private static Query attribute(AttributeCondition condition) {
        List<Query> row = new ArrayList<>();
        row.add(Query.of(q -> q.term(t -> t.field(SearchFields.ATTRIBUTES + "." + SearchFields.ATTRIBUTE_ID)
                .value(condition.attributeId()))));
        row.add(Query.of(q -> q.term(t -> t.field(SearchFields.ATTRIBUTES + "." + SearchFields.MODEL_ID)
                .value(condition.modelId()))));
        if (condition.featureKey() != null) {
            row.add(Query.of(q -> q.term(t -> t.field(SearchFields.ATTRIBUTES + "." + SearchFields.FEATURE_NAME)
                    .value(condition.featureKey()))));
        }
        row.add(predicate(condition.field(), condition.operator(), condition.value()));
        return Query.of(q -> q.nested(n -> n.path(SearchFields.ATTRIBUTES).scoreMode(ChildScoreMode.None)
                .query(inner -> inner.bool(b -> b.filter(row)))));
    }

    /** The study search: every study, then the conditions (docs/api.md §4.5). */
    static Query studies(List<Condition> conditions) {
        List<Query> filters = conditionFilters(conditions);
        return filters.isEmpty() ? Query.of(q -> q.matchAll(m -> m)) : Query.of(q -> q.bool(b -> b.filter(filters)));
    }

    private static List<Query> conditionFilters(List<Condition> conditions) {
        List<Query> filters = new ArrayList<>();
        Map<Group, List<Query>> groups = new EnumMap<>(Group.class);
        for (Condition condition : conditions) {
            Query predicate = predicate(condition);
            if (condition.variable().group() == Group.BASE) {
                filters.add(predicate);
            } else {
                groups.computeIfAbsent(condition.variable().group(), g -> new ArrayList<>()).add(predicate);
            }
        }
        groups.forEach((group, predicates) -> filters.add(Query.of(q -> q.nested(n -> n.path(group.path())
                .scoreMode(ChildScoreMode.None)
                .query(inner -> inner.bool(b -> b.filter(predicates)))))));
        return filters;
    }

    /** One condition on one field, rules 1–4 of docs/api.md §4.3 with the fixes of docs/api.md §9.2 items 37–38. */
    static Query predicate(Condition condition) {
        return predicate(condition.variable().field(), condition.operator(), condition.value());
    }

    private static Query predicate(String field, Operator operator, Value value) {
        return switch (value) {
            case NullValue ignored -> operator == Operator.EQ ? notExists(field) : exists(field);
            case ListValue list -> {
                List<FieldValue> values = list.values().stream().map(SearchQueryTranslator::fieldValue).toList();
                Query in = values.isEmpty() ? Query.of(q -> q.matchNone(m -> m))
                        : Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values))));
                yield operator == Operator.NE
                        ? Query.of(q -> q.bool(b -> b.filter(exists(field)).mustNot(in)))
                        : in;
            }
            case ScalarValue scalar -> scalar(field, operator, scalar.value());
        };
    }

    private static Query scalar(String field, Operator operator, Object value) {
        Query equal = Query.of(q -> q.term(t -> t.field(field).value(fieldValue(value))));
        JsonData bound = JsonData.of(value instanceof LocalDate date ? date.toString() : value);
        return switch (operator) {
            case EQ, IN -> equal;
            case NE -> Query.of(q -> q.bool(b -> b.filter(exists(field)).mustNot(equal)));
            case GT -> Query.of(q -> q.range(r -> r.untyped(u -> u.field(field).gt(bound))));
            case GTE -> Query.of(q -> q.range(r -> r.untyped(u -> u.field(field).gte(bound))));
            case LT -> Query.of(q -> q.range(r -> r.untyped(u -> u.field(field).lt(bound))));
            case LTE -> Query.of(q -> q.range(r -> r.untyped(u -> u.field(field).lte(bound))));
        };
    }

    private static FieldValue fieldValue(Object value) {
        return switch (value) {
            case Long number -> FieldValue.of(number);
            case Double number -> FieldValue.of(number);
            case LocalDate date -> FieldValue.of(date.toString());
            default -> FieldValue.of(value.toString());
        };
    }

    private static Query exists(String field) {
        return Query.of(q -> q.exists(e -> e.field(field)));
    }

    private static Query notExists(String field) {
        return Query.of(q -> q.bool(b -> b.mustNot(exists(field))));
    }
}
