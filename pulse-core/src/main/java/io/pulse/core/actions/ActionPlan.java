package io.pulse.core.actions;

import java.util.ArrayList;
import java.util.List;

/**
 * Rules applied to user facts under caps. A pure function: the same rules, facts and caps give the
 * same plan.
 *
 * <p>Order: rules by their position in the file (first = highest priority), and within a rule users in
 * the order of the facts. A user is decided by the first rule that they qualify for and that is not
 * blocked by the cooldown: treated, or held out as that rule's control. Either way no later rule
 * touches them in this run, so a control group never receives another rule's action. The budget
 * counts treated users only (controls cost nothing); once it is spent, the remaining qualified users
 * are left out entirely, neither treated nor control, so the control group stays a sample of the
 * same users as the treated.
 */
public record ActionPlan(List<Decision> decisions, List<RuleCount> counts) {

    /** One user decided by one rule. */
    public record Decision(int user, Rule rule, boolean control) {
    }

    /**
     * @param qualified  in the segment with the trigger, whatever came next
     * @param cooledDown qualified but blocked by an earlier action within the cooldown
     * @param taken      qualified but already decided by a rule higher in the file
     * @param overBudget qualified but left out because the budget was spent
     */
    public record RuleCount(Rule rule, int qualified, int treated, int control, int cooledDown, int taken,
            int overBudget) {
    }

    public static ActionPlan evaluate(RuleSet rules, UserFacts facts) {
        int n = facts.size();
        boolean[] decided = new boolean[n];
        int budgetLeft = rules.caps().budget();
        int cooldown = rules.caps().cooldownDays();
        List<Decision> decisions = new ArrayList<>();
        List<RuleCount> counts = new ArrayList<>();
        for (Rule rule : rules.rules()) {
            boolean[] fires = facts.triggered()[rule.trigger().ordinal()];
            int qualified = 0;
            int treated = 0;
            int control = 0;
            int cooled = 0;
            int taken = 0;
            int overBudget = 0;
            for (int i = 0; i < n; i++) {
                if (!fires[i] || !rule.matchesSegment(facts.segments()[i])) {
                    continue;
                }
                qualified++;
                if (decided[i]) {
                    taken++;
                } else if (facts.daysSinceLastAction()[i] < cooldown) {
                    cooled++;
                } else if (budgetLeft == 0) {
                    overBudget++;
                } else {
                    boolean isControl = Holdout.isControl(facts.userIds()[i], rule.id(), rule.holdout());
                    decided[i] = true;
                    decisions.add(new Decision(i, rule, isControl));
                    if (isControl) {
                        control++;
                    } else {
                        treated++;
                        budgetLeft--;
                    }
                }
            }
            counts.add(new RuleCount(rule, qualified, treated, control, cooled, taken, overBudget));
        }
        return new ActionPlan(List.copyOf(decisions), List.copyOf(counts));
    }
}
