package io.pulse.store.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.core.actions.ActionPlan;
import io.pulse.core.actions.ActionSpec;
import io.pulse.core.actions.Caps;
import io.pulse.core.actions.Rule;
import io.pulse.core.actions.RuleSet;
import io.pulse.core.actions.Trigger;
import io.pulse.core.actions.UserFacts;
import io.pulse.store.PulseStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ActionRunTest {

    @TempDir
    Path dir;

    private static List<String> firing(UserFacts f, Trigger t) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < f.size(); i++) {
            if (f.triggered()[t.ordinal()][i]) {
                out.add(f.userIds()[i]);
            }
        }
        return out;
    }

    @Test
    void eachTriggerFiresForExactlyTheHandPickedUser() throws Exception {
        try (PulseStore store = HandStore.create(dir.resolve("s.duckdb"))) {
            UserFactsReader.Facts facts = UserFactsReader.read(store, HandStore.NOW);
            assertThat(facts.cutoff()).hasToString("2024-03-31");
            assertThat(firing(facts.users(), Trigger.DORMANCY)).containsExactly("u1");
            assertThat(firing(facts.users(), Trigger.LOW_ENGAGEMENT)).containsExactly("u2");
            assertThat(firing(facts.users(), Trigger.BROWSE_SURGE)).containsExactly("u3");
            assertThat(firing(facts.users(), Trigger.CART_ABANDONMENT)).containsExactly("u5");
        }
    }

    @Test
    void aDryRunWritesNothingAndASecondRunIsBlockedByTheCooldown() throws Exception {
        RuleSet rules = new RuleSet("test", List.of(
                new Rule("cart", "any", Trigger.CART_ABANDONMENT, new ActionSpec.Coupon(5, 7), 0),
                new Rule("surge", "any", Trigger.BROWSE_SURGE, new ActionSpec.Recommendation(2), 0)),
                new Caps(14, Caps.NO_BUDGET));
        Path jsonl = dir.resolve("actions.jsonl");
        try (PulseStore store = HandStore.create(dir.resolve("s.duckdb"))) {
            ActionRun.Result dry = ActionRun.run(store, rules, new ActionRun.Options(false, jsonl, HandStore.NOW));
            assertThat(dry.rows()).extracting(Outbox.Row::userId).containsExactly("u5", "u3");
            assertThat(UserFactsReader.tableExists(store.connection(), "outbox")).isFalse();
            assertThat(jsonl).doesNotExist();

            ActionRun.Result first = ActionRun.run(store, rules, new ActionRun.Options(true, jsonl, HandStore.NOW));
            assertThat(first.added()).isEqualTo(2);
            assertThat(store.scalarLong("SELECT count(*) FROM outbox WHERE status = 'pending'")).isEqualTo(2);
            List<String> lines = Files.readAllLines(jsonl);
            assertThat(lines).hasSize(2);
            JsonNode coupon = new ObjectMapper().readTree(lines.get(0));
            assertThat(coupon.get("payload").get("value").asDouble()).isEqualTo(5.0);
            assertThat(coupon.get("payload").get("expiry_days").asInt()).isEqualTo(7);
            assertThat(coupon.get("action_id").asText()).isEqualTo(ActionRun.actionId("cart", "u5",
                    java.time.LocalDate.parse("2024-03-31")));

            ActionRun.Result again = ActionRun.run(store, rules,
                    new ActionRun.Options(true, null, HandStore.NOW.plus(Duration.ofDays(13))));
            assertThat(again.rows()).isEmpty();
            assertThat(again.counts()).extracting(ActionPlan.RuleCount::cooledDown).containsExactly(1, 1);
        }
    }
}
