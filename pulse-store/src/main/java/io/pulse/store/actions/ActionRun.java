package io.pulse.store.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.core.PulseInputException;
import io.pulse.core.actions.ActionId;
import io.pulse.core.actions.ActionPlan;
import io.pulse.core.actions.ActionSpec;
import io.pulse.core.actions.RuleSet;
import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a rule file to the store: reads the facts ({@link UserFactsReader}), evaluates the rules
 * ({@link ActionPlan}), and either only reports (a dry run) or appends the actions to the {@link Outbox}
 * and, when asked, a JSONL file with one outbox row per line.
 */
public final class ActionRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ActionRun() {
    }

    /**
     * @param write false for a dry run: nothing is written
     * @param jsonl when writing, also this file (replaced), one JSON object per outbox row; may be null
     * @param now   the run's time: created_at of the rows and the reference of the cooldown
     */
    public record Options(boolean write, Path jsonl, Instant now) {
    }

    /**
     * @param rows  the decided actions, treated and control, in the plan's order
     * @param added rows added to the outbox (0 in a dry run; fewer than rows when this cutoff already ran)
     */
    public record Result(RuleSet rules, LocalDate cutoff, int users, List<ActionPlan.RuleCount> counts,
            List<Outbox.Row> rows, int added) {
    }

    public static Result run(PulseStore store, RuleSet rules, Options o) {
        UserFactsReader.Facts facts = UserFactsReader.read(store, o.now());
        ActionPlan plan = ActionPlan.evaluate(rules, facts.users());
        Map<String, List<String>> items = needsItems(rules) ? recommendations(store) : Map.of();
        List<Outbox.Row> rows = new ArrayList<>();
        for (ActionPlan.Decision d : plan.decisions()) {
            String userId = facts.users().userIds()[d.user()];
            String actionId = actionId(d.rule().id(), userId, facts.cutoff());
            ActionSpec a = d.rule().action();
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("action_id", actionId);
            payload.put("rule_id", d.rule().id());
            payload.put("user_id", userId);
            payload.put("trigger", d.rule().trigger().yamlName());
            payload.put("action", a.kind());
            payload.putAll(a.parameters());
            if (a instanceof ActionSpec.Recommendation r) {
                List<String> top = items.getOrDefault(userId, List.of());
                payload.put("items", top.subList(0, Math.min(r.topN(), top.size())));
            }
            payload.put("cutoff", facts.cutoff().toString());
            rows.add(new Outbox.Row(actionId, d.rule().id(), userId, a.kind(), json(payload), d.control(), o.now()));
        }
        int added = 0;
        if (o.write()) {
            added = Outbox.append(store, rows);
            if (o.jsonl() != null) {
                writeJsonl(o.jsonl(), rows);
            }
        }
        return new Result(rules, facts.cutoff(), facts.users().size(), plan.counts(), List.copyOf(rows), added);
    }

    /**
     * The same rule, user and cutoff always give the same id, so a re-run of a cutoff queues nothing new
     * and a receiver can deduplicate on it.
     */
    static String actionId(String ruleId, String userId, LocalDate cutoff) {
        return ActionId.of(ruleId, userId, cutoff);
    }

    private static boolean needsItems(RuleSet rules) {
        return rules.rules().stream().anyMatch(r -> r.action() instanceof ActionSpec.Recommendation);
    }

    /** Each user's items of the latest {@code pulse recommend}, best first; empty without the table. */
    private static Map<String, List<String>> recommendations(PulseStore store) {
        Map<String, List<String>> out = new HashMap<>();
        if (!UserFactsReader.tableExists(store.connection(), "recommendations")) {
            return out;
        }
        try (Statement s = store.connection().createStatement();
             ResultSet rs = s.executeQuery("SELECT user_id, item_id FROM recommendations ORDER BY user_id, rank")) {
            while (rs.next()) {
                out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the recommendations: " + e.getMessage(), e);
        }
        return out;
    }

    private static void writeJsonl(Path file, List<Outbox.Row> rows) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try (BufferedWriter w = Files.newBufferedWriter(file)) {
                for (Outbox.Row r : rows) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("action_id", r.actionId());
                    m.put("rule_id", r.ruleId());
                    m.put("user_id", r.userId());
                    m.put("action", r.action());
                    m.put("payload", JSON.readTree(r.payload()));
                    m.put("control", r.control());
                    m.put("created_at", r.createdAt().toString());
                    m.put("status", r.status());
                    w.write(JSON.writeValueAsString(m));
                    w.newLine();
                }
            }
        } catch (IOException e) {
            throw new PulseInputException(file.toString(), "cannot write the actions file: " + e.getMessage());
        }
    }

    private static String json(Map<String, Object> payload) {
        try {
            return JSON.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a payload of strings and numbers is always JSON", e);
        }
    }
}
