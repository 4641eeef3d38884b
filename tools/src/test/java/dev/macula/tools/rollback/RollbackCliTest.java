package dev.macula.tools.rollback;

import com.fasterxml.jackson.databind.JsonNode;
import dev.macula.tools.support.PlatformClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RollbackCliTest {

    @Test
    void aDryRunUnlessApplyIsGiven() {
        RollbackCli.Options dry = RollbackCli.Options.parse(new String[]{"--actor", "alice", "--since", "2026-01-01T00:00:00Z"});
        assertThat(dry).isEqualTo(new RollbackCli.Options("alice", "2026-01-01T00:00:00Z", null, false, false));
        RollbackCli.Options applied = RollbackCli.Options.parse(new String[]{"--since", "2026-01-01", "--until",
                "2026-01-02", "--actor", "bob", "--apply", "--force"});
        assertThat(applied).isEqualTo(new RollbackCli.Options("bob", "2026-01-01", "2026-01-02", true, true));
    }

    @Test
    void missingOrUnknownArgumentsAreRefused() {
        assertThatThrownBy(() -> RollbackCli.Options.parse(new String[]{"--actor", "alice"}))
                .hasMessageContaining("--since");
        assertThatThrownBy(() -> RollbackCli.Options.parse(new String[]{"--actor"})).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> RollbackCli.Options.parse(new String[]{"--actor", "a", "--since", "x", "--now"}))
                .hasMessageContaining("--now");
    }

    @Test
    void theTableHasOneAlignedLinePerObject() throws Exception {
        JsonNode result = PlatformClient.JSON.readTree("""
                {"task_id": "t", "dry_run": true, "force": false, "restored": 1, "conflicts": 1, "objects": [
                 {"entity_type": "tag-link", "entity_id": "12:ImageInstance:345", "outcome": "would_restore", "other_actors": []},
                 {"entity_type": "form-annotation", "entity_id": 8, "outcome": "conflict",
                  "other_actors": [{"id": 9, "name": "bob"}, {"id": 10, "name": "carol"}]}]}""");
        String[] lines = RollbackCli.table(result).split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).startsWith("OUTCOME        TYPE             ID");
        assertThat(lines[2]).startsWith("conflict       form-annotation  8").endsWith("bob, carol");
        assertThat(RollbackCli.summary(result)).startsWith("dry run: 2 objects, 1 would be restored, 1 conflicts");
    }
}
