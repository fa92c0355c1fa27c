package io.pulse.store.actions;

import io.pulse.core.PulseInputException;
import io.pulse.core.actions.ActionSpec;
import io.pulse.core.actions.Caps;
import io.pulse.core.actions.Rule;
import io.pulse.core.actions.RuleSet;
import io.pulse.core.actions.Trigger;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RulesLoaderTest {

    private static final String GOOD = """
            caps:
              cooldown_days: 7
              budget: 100
            rules:
              - id: dormant-coupon
                segment: rfm_at_risk
                trigger: dormancy
                action:
                  type: coupon
                  value: 10
                  expiry_days: 14
                holdout: 0.2
              - id: picks
                segment: any
                trigger: browse_surge
                action: {type: recommendation, top_n: 3}
            """;

    @Test
    void aWellFormedFileGivesRulesInOrderAndCaps() {
        RuleSet set = RulesLoader.parse(GOOD, "rules.yaml");
        assertThat(set.caps()).isEqualTo(new Caps(7, 100));
        assertThat(set.rules()).containsExactly(
                new Rule("dormant-coupon", "rfm_at_risk", Trigger.DORMANCY, new ActionSpec.Coupon(10, 14), 0.2),
                new Rule("picks", "any", Trigger.BROWSE_SURGE, new ActionSpec.Recommendation(3), Rule.DEFAULT_HOLDOUT));
    }

    @Test
    void theShippedDefaultRulesLoad() {
        RuleSet set = RulesLoader.load(null);
        assertThat(set.rules()).hasSizeBetween(4, 6);
        assertThat(set.rules()).extracting(Rule::trigger).contains(Trigger.values());
    }

    @Test
    void anUnknownKeyIsNamedWithItsLine() {
        assertError(GOOD.replace("    holdout: 0.2", "    holdot: 0.2"), 12, "rules.0.holdot", "unknown key 'holdot'");
    }

    @Test
    void aBadTriggerListsTheValidOnes() {
        assertError(GOOD.replace("trigger: dormancy", "trigger: sleepy"), 7, "rules.0.trigger",
                "'sleepy' is not a trigger (expected one of dormancy, low_engagement, browse_surge, cart_abandonment)");
    }

    @Test
    void aBadActionTypeIsNamed() {
        assertError(GOOD.replace("type: coupon", "type: voucher"), 9, "rules.0.action.type", "'voucher' is not an action");
    }

    @Test
    void aMissingFieldNamesTheRule() {
        assertError(GOOD.replace("    segment: any\n", ""), 13, "rules.1", "missing field 'segment'");
    }

    @Test
    void aMissingActionParameterNamesTheAction() {
        assertError(GOOD.replace("      expiry_days: 14\n", ""), 8, "rules.0.action", "missing field 'expiry_days'");
    }

    @Test
    void aHoldoutOfOneIsRefused() {
        assertError(GOOD.replace("holdout: 0.2", "holdout: 1.0"), 12, "rules.0.holdout", "holdout is a share in [0, 1)");
    }

    @Test
    void aNegativeHoldoutIsRefused() {
        assertError(GOOD.replace("holdout: 0.2", "holdout: -0.1"), 12, "rules.0.holdout", "holdout is a share in [0, 1)");
    }

    @Test
    void aDuplicateRuleIdIsRefused() {
        assertError(GOOD.replace("id: picks", "id: dormant-coupon"), 13, "rules.1.id", "used twice");
    }

    @Test
    void anUnknownSegmentIdIsRefused() {
        assertError(GOOD.replace("segment: any", "segment: everyone"), 14, "rules.1.segment", "not a segment id");
    }

    private static void assertError(String yaml, int line, String field, String why) {
        assertThatThrownBy(() -> RulesLoader.parse(yaml, "rules.yaml"))
                .isInstanceOfSatisfying(PulseInputException.class, e -> {
                    assertThat(e.source()).contains("rules.yaml");
                    assertThat(e.line()).as(e.describe()).isEqualTo(line);
                    assertThat(e.field()).contains(field);
                    assertThat(e.getMessage()).contains(why);
                });
    }
}
