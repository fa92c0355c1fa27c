package io.pulse.core.actions;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Hand cases: five users, two rules, and the caps. */
class ActionPlanTest {

    private static final ActionSpec COUPON = new ActionSpec.Coupon(10, 14);
    private static final ActionSpec WIN_BACK = new ActionSpec.WinBack("we-miss-you");

    /** u0..u4; u0, u1, u2 dormant; u1, u3 abandoned a cart; u4 nothing. */
    private static UserFacts facts(int... daysSinceLastAction) {
        String[] ids = {"u0", "u1", "u2", "u3", "u4"};
        boolean[][] t = new boolean[Trigger.values().length][5];
        t[Trigger.DORMANCY.ordinal()] = new boolean[]{true, true, true, false, false};
        t[Trigger.CART_ABANDONMENT.ordinal()] = new boolean[]{false, true, false, true, false};
        String[][] segments = {{"s1", "v1"}, {"s1"}, {"s2"}, {"s1"}, {"s1"}};
        return new UserFacts(ids, t, segments, daysSinceLastAction);
    }

    private static UserFacts neverActed() {
        int n = UserFacts.NEVER;
        return facts(n, n, n, n, n);
    }

    private static List<String> treated(ActionPlan plan, UserFacts f) {
        return plan.decisions().stream().filter(d -> !d.control())
                .map(d -> f.userIds()[d.user()] + ">" + d.rule().id()).toList();
    }

    @Test
    void aUserQualifyingForTwoRulesGetsOnlyTheFirst() {
        RuleSet rules = new RuleSet("test", List.of(
                new Rule("cart", "any", Trigger.CART_ABANDONMENT, COUPON, 0),
                new Rule("dormant", "any", Trigger.DORMANCY, WIN_BACK, 0)), new Caps(0, Caps.NO_BUDGET));
        UserFacts f = neverActed();
        ActionPlan plan = ActionPlan.evaluate(rules, f);
        assertThat(treated(plan, f)).containsExactly("u1>cart", "u3>cart", "u0>dormant", "u2>dormant");
        assertThat(plan.counts().get(1).qualified()).isEqualTo(3);
        assertThat(plan.counts().get(1).taken()).isEqualTo(1);
    }

    @Test
    void aSegmentSelectorKeepsOnlyItsMembers() {
        RuleSet rules = new RuleSet("test", List.of(new Rule("dormant-v1", "v1", Trigger.DORMANCY, COUPON, 0)),
                Caps.DEFAULTS);
        UserFacts f = neverActed();
        assertThat(treated(ActionPlan.evaluate(rules, f), f)).containsExactly("u0>dormant-v1");
    }

    @Test
    void anActionWithinTheCooldownBlocksANewOne() {
        RuleSet rules = new RuleSet("test", List.of(new Rule("dormant", "any", Trigger.DORMANCY, COUPON, 0)),
                new Caps(14, Caps.NO_BUDGET));
        UserFacts f = facts(13, 14, UserFacts.NEVER, 0, 0);
        ActionPlan plan = ActionPlan.evaluate(rules, f);
        assertThat(treated(plan, f)).containsExactly("u1>dormant", "u2>dormant");
        assertThat(plan.counts().get(0).cooledDown()).isEqualTo(1);
    }

    @Test
    void theBudgetStopsTheListInPriorityOrder() {
        RuleSet rules = new RuleSet("test", List.of(
                new Rule("cart", "any", Trigger.CART_ABANDONMENT, COUPON, 0),
                new Rule("dormant", "any", Trigger.DORMANCY, WIN_BACK, 0)), new Caps(0, 3));
        UserFacts f = neverActed();
        ActionPlan plan = ActionPlan.evaluate(rules, f);
        assertThat(treated(plan, f)).containsExactly("u1>cart", "u3>cart", "u0>dormant");
        assertThat(plan.counts().get(1).overBudget()).isEqualTo(1);
    }

    @Test
    void controlsAreDecidedButDoNotSpendTheBudget() {
        // With a share of 0.99 nearly everyone is a control; find who is not, by the same hash.
        Rule rule = new Rule("dormant", "any", Trigger.DORMANCY, COUPON, 0.99);
        UserFacts f = neverActed();
        ActionPlan plan = ActionPlan.evaluate(new RuleSet("test", List.of(rule), new Caps(0, 1)), f);
        long controls = plan.decisions().stream().filter(ActionPlan.Decision::control).count();
        long expectedControls = List.of("u0", "u1", "u2").stream()
                .filter(u -> Holdout.isControl(u, "dormant", 0.99)).count();
        assertThat(controls).isEqualTo(expectedControls);
        assertThat(plan.counts().get(0).control()).isEqualTo((int) expectedControls);
        assertThat(plan.counts().get(0).treated()).isLessThanOrEqualTo(1);
    }

    @Test
    void theSameInputsGiveTheSamePlan() {
        RuleSet rules = new RuleSet("test", List.of(new Rule("dormant", "any", Trigger.DORMANCY, COUPON, 0.5)),
                Caps.DEFAULTS);
        assertThat(ActionPlan.evaluate(rules, neverActed())).isEqualTo(ActionPlan.evaluate(rules, neverActed()));
    }
}
