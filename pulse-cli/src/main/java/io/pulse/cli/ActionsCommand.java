package io.pulse.cli;

import io.pulse.core.PulseInputException;
import io.pulse.core.actions.ActionPlan.RuleCount;
import io.pulse.core.actions.Caps;
import io.pulse.core.actions.RuleSet;
import io.pulse.store.PulseStore;
import io.pulse.store.actions.ActionRun;
import io.pulse.store.actions.RulesLoader;
import io.pulse.store.actions.WebhookSender;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "actions", mixinStandardHelpOptions = true,
        description = {"Applies operation rules (segment, trigger -> action) to the latest thresholds, segments",
                "and recommendations. Each rule keeps a deterministic control group that qualifies but",
                "receives nothing. Dry run by default: prints per rule who qualified, who would be treated",
                "and who is held out. With --send, appends the actions to the table outbox (and --actions-file),",
                "and with --webhook also POSTs every pending action. See docs/actions.md."},
        footer = {"", "Examples:",
                "  pulse actions",
                "  pulse actions --rules my-rules.yaml --send --actions-file actions.jsonl",
                "  pulse actions --send --webhook https://crm.example.com/pulse --json actions.json"})
final class ActionsCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--rules", paramLabel = "FILE", description = "Rule file (YAML); default: the shipped default rules.")
    Path rules;

    @Option(names = "--send", description = "Write the outbox (otherwise only print what would be sent).")
    boolean send;

    @Option(names = "--actions-file", paramLabel = "FILE", description = "With --send, also write this run's outbox rows as JSON lines.")
    Path actionsFile;

    @Option(names = "--webhook", paramLabel = "URL", description = "With --send, POST every pending action here (header Idempotency-Key).")
    URI webhook;

    @Option(names = "--attempts", paramLabel = "N", defaultValue = "5",
            description = "Attempts per action on 5xx or connection errors, backing off 1 s, 2 s, 4 s... (default ${DEFAULT-VALUE}).")
    int attempts;

    @Option(names = "--json", paramLabel = "FILE", arity = "0..1", fallbackValue = "-",
            description = "Also write the per-rule counts as JSON to FILE; alone or with -, to standard output (the tables then go to standard error).")
    Path json;

    @Override
    public Integer call() {
        if (!send && (webhook != null || actionsFile != null)) {
            throw new PulseInputException(webhook != null ? "--webhook" : "--actions-file", 0, null,
                    "needs --send: a dry run writes and sends nothing");
        }
        RuleSet set = RulesLoader.load(rules);
        WebhookSender.Options hook = webhook == null ? null : new WebhookSender.Options(webhook, attempts,
                Duration.ofSeconds(1), Duration.ofSeconds(10));
        try (PulseStore s = store.open()) {
            ActionRun.Result result = ActionRun.run(s, set, new ActionRun.Options(send, actionsFile,
                    Instant.now()));
            WebhookSender.Result delivered = send && hook != null ? WebhookSender.send(s, hook) : null;
            print(result, send, delivered, Json.humanOut(json));
            if (json != null) {
                Json.write(json, toJson(result, send, delivered));
            }
        }
        return 0;
    }

    static void print(ActionRun.Result r, boolean sent, WebhookSender.Result delivered, PrintStream out) {
        Caps caps = r.rules().caps();
        out.println();
        out.println((sent ? "Actions" : "Dry run: actions that would be queued") + " for " + Table.count(r.users())
                + " users at cutoff " + r.cutoff() + " (rules: " + r.rules().source() + ")");
        out.println("  caps: one action per user per " + caps.cooldownDays() + " days; budget "
                + (caps.budget() == Caps.NO_BUDGET ? "none" : Table.count(caps.budget()) + " actions"));
        out.println();
        Table t = new Table("Rules, in priority order", "rule", "segment", "trigger", "action", "qualified",
                "treated", "control", "holdout", "cooldown", "earlier rule", "over budget");
        for (RuleCount c : r.counts()) {
            t.row(c.rule().id(), c.rule().segment(), c.rule().trigger().yamlName(), c.rule().action().kind(),
                    Table.count(c.qualified()), Table.count(c.treated()), Table.count(c.control()),
                    Table.percent(c.rule().holdout()), Table.count(c.cooledDown()), Table.count(c.taken()),
                    Table.count(c.overBudget()));
        }
        out.print(t.render());
        out.println();
        if (!sent) {
            out.println("  Nothing written: add --send to queue these in the table outbox.");
            return;
        }
        out.println("  Added " + Table.count(r.added()) + " rows to the table outbox"
                + (r.added() < r.rows().size() ? " (" + Table.count(r.rows().size() - r.added())
                + " were already queued for this cutoff)" : "") + ".");
        if (delivered != null) {
            out.println("  Webhook: " + Table.count(delivered.sent()) + " sent, " + Table.count(delivered.failed())
                    + " refused, " + Table.count(delivered.pending()) + " still pending after "
                    + Table.count(delivered.requests()) + " requests.");
        }
    }

    static Map<String, Object> toJson(ActionRun.Result r, boolean sent, WebhookSender.Result delivered) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cutoff", r.cutoff());
        m.put("users", r.users());
        m.put("rules_source", r.rules().source());
        m.put("dry_run", !sent);
        m.put("cooldown_days", r.rules().caps().cooldownDays());
        m.put("budget", r.rules().caps().budget() == Caps.NO_BUDGET ? null : r.rules().caps().budget());
        m.put("rules", r.counts().stream().map(ActionsCommand::rule).toList());
        m.put("outbox_added", r.added());
        m.put("webhook", delivered == null ? null : Map.of("sent", delivered.sent(), "refused", delivered.failed(),
                "pending", delivered.pending(), "requests", delivered.requests()));
        return m;
    }

    private static Map<String, Object> rule(RuleCount c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.rule().id());
        m.put("segment", c.rule().segment());
        m.put("trigger", c.rule().trigger().yamlName());
        m.put("action", c.rule().action().kind());
        m.put("parameters", c.rule().action().parameters());
        m.put("holdout", c.rule().holdout());
        m.put("qualified", c.qualified());
        m.put("treated", c.treated());
        m.put("control", c.control());
        m.put("blocked_by_cooldown", c.cooledDown());
        m.put("taken_by_earlier_rule", c.taken());
        m.put("over_budget", c.overBudget());
        return m;
    }
}
