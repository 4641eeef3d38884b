package dev.macula.tools.migrate.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class JsonDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> mismatches = new ArrayList<>();
    private final List<String> allowed = new ArrayList<>();
    private final JsonDiff.Sink sink = new JsonDiff.Sink() {
        @Override
        public void mismatch(String path, JsonNode expected, JsonNode actual) {
            mismatches.add(path + ": " + expected + " -> " + actual);
        }

        @Override
        public void allowed(String path, String reason, JsonNode expected, JsonNode actual) {
            allowed.add(path + ": " + reason);
        }
    };

    @Test
    void keyOrderAndNumberFormsDoNotMatterButValuesAndExtraFieldsDo() throws Exception {
        JsonDiff.compare("", json("{\"a\": 1, \"b\": 0.5, \"c\": \"x\"}"), json("{\"c\": \"x\", \"b\": 0.50, \"a\": 1.0}"), sink);
        assertThat(mismatches).isEmpty();
        JsonDiff.compare("", json("{\"a\": 1, \"b\": null}"), json("{\"a\": \"1\", \"extra\": true}"), sink);
        assertThat(mismatches).containsExactly("a: 1 -> \"1\"", "b: null -> ", "extra:  -> true");
    }

    @Test
    void listsOfObjectsWithIdsMatchByIdOtherListsByPosition() throws Exception {
        JsonDiff.compare("", json("{\"tags\": [{\"id\": 1, \"n\": \"a\"}, {\"id\": 2, \"n\": \"b\"}], \"scan\": [5, 1, 3]}"),
                json("{\"tags\": [{\"id\": 2, \"n\": \"B\"}, {\"id\": 3, \"n\": \"c\"}], \"scan\": [1, 3, 5]}"), sink);
        assertThat(mismatches).containsExactly("tags[id=1]: {\"id\":1,\"n\":\"a\"} -> ", "tags[id=2].n: \"b\" -> \"B\"",
                "tags[id=3]:  -> {\"id\":3,\"n\":\"c\"}", "scan[0]: 5 -> 1", "scan[1]: 1 -> 3", "scan[2]: 3 -> 5");
    }

    @Test
    void aFixAcceptsTheOriginalSilentlyTheDocumentedValueListedAndNothingElse() throws Exception {
        ObjectNode expected = JSON.createObjectNode();
        expected.set("ids", Fix.to(json("[]"), json("[4, 5]"), "item 18"));
        JsonDiff.compare("", expected, json("{\"ids\": []}"), sink);
        JsonDiff.compare("", expected, json("{\"ids\": [4, 5]}"), sink);
        assertThat(allowed).containsExactly("ids: item 18");
        JsonDiff.compare("", expected, json("{\"ids\": [5, 4]}"), sink);
        assertThat(mismatches).containsExactly("ids: [] -> [5,4]");
        JsonDiff.compare("", expected, json("{\"ids\": [], \"validation\": {\"valid\": true}}"), sink);
        assertThat(allowed).hasSize(2).last().asString().startsWith("validation: Macula adds");
    }

    @Test
    void aMissingAnswerIsOneMismatchOfTheWholeAnswer() throws Exception {
        JsonDiff.compare("", json("{\"id\": 1}"), null, sink);
        JsonDiff.compare("", json("{\"id\": 1}"), JSON.getNodeFactory().textNode("HTTP 404 {}"), sink);
        assertThat(mismatches).containsExactly(": {\"id\":1} -> ", ": {\"id\":1} -> \"HTTP 404 {}\"");
        assertThat(JsonDiff.same(NullNode.getInstance(), NullNode.getInstance())).isTrue();
    }

    @Test
    void reportGroupsByFieldWithTheIdsTakenOut() {
        assertThat(VerificationReport.pattern("segmentations[id=5].feature.subfeature_ids")).isEqualTo(
                "segmentations[].feature.subfeature_ids");
        assertThat(VerificationReport.pattern("scan_indices[2]")).isEqualTo("scan_indices[]");
        assertThat(VerificationReport.pattern("")).isEqualTo("(whole answer)");
    }

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }
}
