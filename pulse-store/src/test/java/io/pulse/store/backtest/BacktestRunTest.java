package io.pulse.store.backtest;

import io.pulse.core.PulseInputException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.core.backtest.ThresholdComparison;
import io.pulse.core.backtest.Uplift;
import io.pulse.core.progress.Progress;
import io.pulse.store.GeneratedStore;
import io.pulse.generate.Campaigns;
import io.pulse.generate.GeneratorConfig;
import io.pulse.store.PulseStore;
import io.pulse.store.actions.ActionLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BacktestRunTest {

    private static final double COUPON_UPLIFT = 0.4;

    @TempDir
    static Path dir;
    private static PulseStore store;
    private static BacktestRun.Result result;

    @BeforeAll
    static void run() throws Exception {
        // A stronger coupon than the default, so 6,000 users give a control group big enough to see it.
        Map<String, Double> uplift = new HashMap<>();
        for (String segment : List.of("loyal_regular", "bargain_hunter", "window_shopper", "casual", "one_and_done",
                "hidden_value")) {
            uplift.put(segment, COUPON_UPLIFT);
        }
        store = GeneratedStore.openEventsOnly(dir, GeneratorConfig.defaults().withUsers(6000).withSeed(7)
                .withCampaigns(Campaigns.defaults().withCouponUplift(uplift)));
        ActionLog.load(store, dir.resolve("data/actions.csv"), null);
        result = BacktestRun.run(store, BacktestRun.Options.defaults(), Progress.NONE);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void personalThresholdsBeatTheBestFixedOneAtEqualActions() {
        ThresholdComparison.Result t = result.thresholds();
        assertThat(t.personal().score().actions()).isEqualTo(t.fixed().score().actions());
        assertThat(t.personal().score().f1()).isGreaterThan(t.fixed().score().f1());
        // Personal thresholds flag frequent visitors after shorter silences: more days left to act.
        assertThat(t.personal().score().medianLeadDays()).isGreaterThanOrEqualTo(t.fixed().score().medianLeadDays());
        for (ThresholdComparison.CurvePoint p : t.curve()) {
            assertThat(p.personalF1()).as("F1 at the action count of %d days", p.thresholdDays())
                    .isGreaterThanOrEqualTo(p.fixedF1());
        }
    }

    @Test
    void fixedThresholdFiguresEqualAPlainCountInSql() {
        ThresholdComparison.Result t = result.thresholds();
        int f = t.fixed().thresholdDays();
        long actions = 0;
        long caught = 0;
        long churners = 0;
        for (LocalDate c : result.cutoffs()) {
            String atRisk = """
                    WITH last AS (
                        SELECT user_id, CAST(DATE '%1$s' - max(CAST(ts AS DATE)) AS INTEGER) AS silent FROM events
                        WHERE ts < DATE '%1$s' + INTERVAL 1 DAY GROUP BY user_id
                    ), back AS (
                        SELECT DISTINCT user_id FROM events
                        WHERE ts >= DATE '%1$s' + INTERVAL 1 DAY AND ts < DATE '%1$s' + INTERVAL 61 DAY
                    )
                    SELECT %%s FROM last LEFT JOIN back b USING (user_id) WHERE silent < 60
                    """.formatted(c);
            actions += store.scalarLong(atRisk.formatted("count(*) FILTER (WHERE silent > " + f + ")"));
            caught += store.scalarLong(atRisk.formatted(
                    "count(*) FILTER (WHERE silent > " + f + " AND b.user_id IS NULL)"));
            churners += store.scalarLong(atRisk.formatted("count(*) FILTER (WHERE b.user_id IS NULL)"));
        }
        assertThat(t.fixed().score().actions()).isEqualTo(actions);
        assertThat(t.fixed().score().caught()).isEqualTo(caught);
        assertThat(t.fixed().score().churners()).isEqualTo(churners);
    }

    /**
     * The generator's coupon brings a treated user back with their segment's planted chance, so the
     * expected retention difference is the treated users' mean planted uplift times the share of
     * control users who did not come back on their own. The win-back has a planted uplift of zero.
     */
    @Test
    void upliftIntervalsCoverThePlantedEffects() throws Exception {
        JsonNode truth = new ObjectMapper().readTree(dir.resolve("data/truth.json").toFile());
        JsonNode segments = truth.get("user_segments");
        JsonNode rules = truth.get("campaigns").get("rules");
        Uplift coupon = uplift("dormant-coupon");
        Uplift winback = uplift("low-engagement-winback");

        JsonNode planted = rules.get(0).get("uplift_by_segment");
        double sum = 0;
        long n = 0;
        for (String user : followedUp("dormant-coupon", false)) {
            sum += planted.get(segments.get(user).asText()).asDouble();
            assertThat(planted.get(segments.get(user).asText()).asDouble()).isEqualTo(COUPON_UPLIFT);
            n++;
        }
        assertThat(n).isEqualTo(coupon.treated());
        double expected = sum / n * (1 - coupon.controlRetention());
        assertThat(coupon.ciLow()).isGreaterThan(0);
        assertThat(expected).isBetween(coupon.ciLow(), coupon.ciHigh());
        assertThat(coupon.significant()).isTrue();

        assertThat(rules.get(1).get("uplift").asDouble()).isZero();
        assertThat(0.0).isBetween(winback.ciLow(), winback.ciHigh());
        assertThat(store.scalarLong("SELECT count(*) FROM backtest_uplift")).isEqualTo(2);
    }

    @Test
    void retentionIsCountedFromTheActionTimeOverTheWindow() {
        Uplift coupon = uplift("dormant-coupon");
        long retained = store.scalarLong("""
                SELECT count(*) FROM outbox o WHERE rule_id = 'dormant-coupon' AND NOT control
                AND created_at + INTERVAL 30 DAY <= (SELECT max(CAST(ts AS DATE)) FROM events) + INTERVAL 1 DAY
                AND EXISTS (SELECT 1 FROM events e WHERE e.user_id = o.user_id AND e.ts > o.created_at
                            AND e.ts <= o.created_at + INTERVAL 30 DAY)""");
        assertThat(Math.round(coupon.treatedRetention() * coupon.treated())).isEqualTo(retained);
    }

    private static Uplift uplift(String rule) {
        return result.uplift().stream().filter(u -> u.rule().equals(rule)).findFirst().orElseThrow();
    }

    private static List<String> followedUp(String rule, boolean control) throws Exception {
        List<String> users = new ArrayList<>();
        try (var p = store.connection().prepareStatement("""
                SELECT user_id FROM outbox WHERE rule_id = ? AND control = ?
                AND created_at + INTERVAL 30 DAY <= (SELECT max(CAST(ts AS DATE)) FROM events) + INTERVAL 1 DAY""")) {
            p.setString(1, rule);
            p.setBoolean(2, control);
            try (var rs = p.executeQuery()) {
                while (rs.next()) {
                    users.add(rs.getString(1));
                }
            }
        }
        return users;
    }

    @Test
    void cutoffsLeaveAWholeHorizonAfterTheLast() {
        LocalDate last = result.lastEventDay();
        assertThat(result.cutoffs()).hasSize(6);
        assertThat(result.cutoffs().get(5)).isEqualTo(last.minusDays(60));
        assertThat(result.cutoffs().get(0)).isEqualTo(last.minusDays(60 + 5 * 14));
        assertThat(store.scalarLong("SELECT count(*) FROM backtest_policies")).isEqualTo(3);
    }

    @Test
    void aCutoffTooLateIsRefusedWithTheLatestPossible() {
        LocalDate last = result.lastEventDay();
        BacktestRun.Options late = new BacktestRun.Options(last.minusDays(10), 6, 14, 60, 30, 0.95, 42);
        assertThatThrownBy(() -> BacktestRun.run(store, late, Progress.NONE))
                .isInstanceOf(PulseInputException.class)
                .hasMessageContaining(last.minusDays(60).toString());
    }

    @Test
    void cutoffsStopWhereHistoryRunsOut() {
        LocalDate first = LocalDate.of(2025, 1, 1);
        BacktestRun.Options o = new BacktestRun.Options(null, 10, 14, 60, 30, 0.95, 42);
        List<LocalDate> cutoffs = BacktestRun.cutoffs(first, first.plusDays(120), o);
        // Latest: day 60; then 46, 32 (day 18 is before the 28 days of history).
        assertThat(cutoffs).containsExactly(first.plusDays(32), first.plusDays(46), first.plusDays(60));
    }
}
