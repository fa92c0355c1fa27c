package io.pulse.stream.profile;

import io.pulse.core.actions.ActionId;
import io.pulse.core.actions.Holdout;
import io.pulse.core.actions.Rule;
import io.pulse.core.actions.RuleSet;
import io.pulse.stream.Dictionary;
import io.pulse.stream.internal.StateIo;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The rules of {@code pulse actions} applied to triggers as they fire: the first rule (in file order) with
 * the hit's trigger and the user's segment decides; the cooldown counts days since the user's last action
 * of the stream (treated or control); the budget is per cutoff day, for treated actions, as a batch run
 * spends it per run; a user in the rule's {@link Holdout} becomes a control row. So a user triggered in the
 * stream gets the action, holdout and id that {@code pulse actions} would give at that cutoff.
 */
public final class StreamActions implements Consumer<TriggerHit> {

    private static final int NEVER = Integer.MIN_VALUE;

    private final RuleSet rules;
    private final Dictionary users;
    private final Function<String, String[]> segmentsOf;
    private final Consumer<StreamAction> out;
    private int[] lastActionDay = new int[0];
    private final Map<Integer, Integer> spentOnDay = new HashMap<>();
    private long treated;
    private long control;
    private long cooledDown;
    private long overBudget;

    /**
     * @param users      names of the interned user ids
     * @param segmentsOf a user's segment ids (of {@code pulse segments}); an empty array when unknown, so
     *                   only rules for {@code any} segment apply to them
     */
    public StreamActions(RuleSet rules, Dictionary users, Function<String, String[]> segmentsOf,
                         Consumer<StreamAction> out) {
        this.rules = rules;
        this.users = users;
        this.segmentsOf = segmentsOf;
        this.out = out;
    }

    @Override
    public void accept(TriggerHit hit) {
        String userId = users.name(hit.user());
        String[] segments = null;
        for (Rule rule : rules.rules()) {
            if (rule.trigger() != hit.trigger()) {
                continue;
            }
            if (segments == null) {
                segments = segmentsOf.apply(userId);
            }
            if (rule.matchesSegment(segments)) {
                decide(rule, hit, userId);
                return;
            }
        }
    }

    private void decide(Rule rule, TriggerHit hit, String userId) {
        int u = hit.user();
        if (u >= lastActionDay.length) {
            int old = lastActionDay.length;
            lastActionDay = Arrays.copyOf(lastActionDay, Math.max(u + 1, old * 2));
            Arrays.fill(lastActionDay, old, lastActionDay.length, NEVER);
        }
        if (lastActionDay[u] != NEVER && hit.day() - lastActionDay[u] < rules.caps().cooldownDays()) {
            cooledDown++;
            return;
        }
        boolean isControl = Holdout.isControl(userId, rule.id(), rule.holdout());
        if (!isControl) {
            int spent = spentOnDay.getOrDefault(hit.day(), 0);
            if (spent >= rules.caps().budget()) {
                overBudget++;
                return;
            }
            spentOnDay.put(hit.day(), spent + 1);
            spentOnDay.keySet().removeIf(d -> d < hit.day() - 1);
            treated++;
        } else {
            control++;
        }
        lastActionDay[u] = hit.day();
        LocalDate cutoff = LocalDate.ofEpochDay(hit.day());
        out.accept(new StreamAction(ActionId.of(rule.id(), userId, cutoff), rule.id(), userId, hit.trigger(),
                rule.action().kind(), rule.action().parameters(), isControl, cutoff, Instant.ofEpochMilli(hit.at()),
                hit.observed(), hit.threshold()));
    }

    public RuleSet rules() {
        return rules;
    }

    public long treated() {
        return treated;
    }

    public long control() {
        return control;
    }

    public long cooledDown() {
        return cooledDown;
    }

    public long overBudget() {
        return overBudget;
    }

    public void writeState(DataOutput out) throws IOException {
        out.writeUTF(rules.toString());
        StateIo.writeInts(out, lastActionDay);
        out.writeInt(spentOnDay.size());
        for (Map.Entry<Integer, Integer> e : spentOnDay.entrySet()) {
            out.writeInt(e.getKey());
            out.writeInt(e.getValue());
        }
        StateIo.writeLongs(out, new long[] {treated, control, cooledDown, overBudget});
    }

    public void readState(DataInput in) throws IOException {
        String saved = in.readUTF();
        if (!saved.equals(rules.toString())) {
            throw new IOException("actions checkpointed with other rules: " + saved);
        }
        lastActionDay = StateIo.readInts(in);
        spentOnDay.clear();
        for (int n = in.readInt(); n > 0; n--) {
            spentOnDay.put(in.readInt(), in.readInt());
        }
        long[] c = StateIo.readLongs(in);
        treated = c[0];
        control = c[1];
        cooledDown = c[2];
        overBudget = c[3];
    }
}
