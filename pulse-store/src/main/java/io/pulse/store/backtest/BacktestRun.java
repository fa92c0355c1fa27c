package io.pulse.store.backtest;

import io.pulse.core.PulseInputException;
import io.pulse.core.backtest.AtRiskSnapshot;
import io.pulse.core.backtest.ThresholdComparison;
import io.pulse.core.backtest.Uplift;
import io.pulse.core.progress.Progress;
import io.pulse.core.thresholds.ActionEconomics;
import io.pulse.core.thresholds.ReturnRates;
import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;
import io.pulse.store.features.FeatureTable;
import io.pulse.store.thresholds.ThresholdRun;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code pulse backtest}: replays history to judge the thresholds and the operations.
 *
 * <p><b>Thresholds.</b> On cutoffs every {@code everyDays} back from the last one whose churn horizon
 * is complete, the personal thresholds are computed from what was known on that day only (one prior
 * for the whole base, no stored segments or scores: those come from later data), and compared with
 * the best fixed threshold at equal action counts ({@link ThresholdComparison}).
 *
 * <p><b>Operations.</b> Every action in the {@code outbox} that was delivered ({@code sent}) or held
 * out ({@code control}) and whose window after it is complete is followed up: was the user active
 * in the window, and what did they spend. Treated against control per rule ({@link Uplift}). Rows
 * still pending or refused were not received, so they are neither treated nor control.
 *
 * <p>Results are written to {@code backtest_policies} and {@code backtest_uplift} (derived tables,
 * replaced on each run).
 */
public final class BacktestRun {

    /** History a first cutoff needs before it: a gap needs two active days, a prior many users with gaps. */
    static final int MIN_HISTORY_DAYS = 28;

    private BacktestRun() {
    }

    /**
     * @param lastCutoff the last threshold cutoff; null for the last day whose horizon is complete
     * @param churnDays a user is churned at a cutoff when silent for the next {@code churnDays}
     * @param windowDays how long after an action its effect is measured
     */
    public record Options(LocalDate lastCutoff, int cutoffs, int everyDays, int churnDays, int windowDays,
            double quantile, long seed) {

        public Options {
            check(cutoffs >= 1 && cutoffs <= 100, "--cutoffs", "cutoffs", "need 1 to 100 cutoffs, got " + cutoffs);
            check(everyDays >= 1 && everyDays <= 365, "--every", "every", "need 1 to 365 days, got " + everyDays);
            check(churnDays >= 7 && churnDays <= 365, "--churn-days", "churn_days",
                    "need 7 to 365 days of silence to call a user churned, got " + churnDays);
            check(windowDays >= 1 && windowDays <= 365, "--window", "window", "need 1 to 365 days, got " + windowDays);
            check(quantile > 0.5 && quantile < 1, "--quantile", "quantile", "need 0.5 < q < 1, got " + quantile);
        }

        public static Options defaults() {
            return new Options(null, 6, 14, 60, 30, 0.95, 42);
        }

        private static void check(boolean ok, String source, String field, String why) {
            if (!ok) {
                throw new PulseInputException(source, 0, field, why);
            }
        }
    }

    /**
     * @param thresholds null when no cutoff had a complete horizon and enough history
     * @param uplift one per rule with followed-up actions, by rule id
     * @param pendingActions actions in the outbox whose window is not complete yet (or never sent)
     */
    public record Result(Options options, List<LocalDate> cutoffs, ThresholdComparison.Result thresholds,
            List<Uplift> uplift, long followedUpActions, long pendingActions, LocalDate lastEventDay,
            Instant createdAt) {
    }

    public static Result run(PulseStore store, Options o, Progress progress) {
        LocalDate first = FeatureTable.firstEventDay(store);
        LocalDate last = FeatureTable.lastEventDay(store);
        if (first == null || last == null) {
            throw new PulseInputException(store.path().toString(), "the store has no events: run 'pulse ingest FILE' first");
        }
        List<LocalDate> cutoffs = cutoffs(first, last, o);
        ThresholdComparison.Result thresholds = null;
        if (!cutoffs.isEmpty()) {
            List<AtRiskSnapshot> snapshots = new ArrayList<>();
            progress.start("replaying thresholds", cutoffs.size());
            for (LocalDate cutoff : cutoffs) {
                snapshots.add(snapshot(store, cutoff, o));
                progress.advance(1);
            }
            progress.done();
            thresholds = ThresholdComparison.compare(snapshots, o.churnDays(), o.quantile());
        }
        FollowUps followUps = FollowUps.read(store, o.windowDays(), last);
        List<Uplift> uplift = followUps.estimate(o.seed());
        Result result = new Result(o, cutoffs, thresholds, uplift, followUps.followedUp(), followUps.pending(), last,
                Instant.now());
        BacktestTables.write(store, result);
        return result;
    }

    /**
     * Cutoffs, oldest first: the last one leaves a whole horizon of events after it; earlier ones go
     * back {@code everyDays} at a time while {@link #MIN_HISTORY_DAYS} of history stay before them.
     */
    static List<LocalDate> cutoffs(LocalDate first, LocalDate last, Options o) {
        LocalDate latest = last.minusDays(o.churnDays());
        if (o.lastCutoff() != null) {
            if (o.lastCutoff().isAfter(latest)) {
                throw new PulseInputException("--cutoff", 0, "cutoff", "cutoff " + o.lastCutoff()
                        + " leaves less than " + o.churnDays() + " days of events after it (the last is " + last
                        + "); choose " + latest + " or earlier");
            }
            latest = o.lastCutoff();
        }
        List<LocalDate> out = new ArrayList<>();
        LocalDate earliest = first.plusDays(MIN_HISTORY_DAYS);
        for (int k = 0; k < o.cutoffs(); k++) {
            LocalDate c = latest.minusDays((long) k * o.everyDays());
            if (c.isBefore(earliest)) {
                break;
            }
            out.add(0, c);
        }
        return out;
    }

    /** The users at risk on one cutoff, with their silence, how unusual it is for them, and what followed. */
    private static AtRiskSnapshot snapshot(PulseStore store, LocalDate cutoff, Options o) {
        ThresholdRun.Options thresholdOptions = new ThresholdRun.Options(cutoff, o.quantile(), ActionEconomics.DEFAULTS);
        ThresholdRun.Computed computed = ThresholdRun.compute(store, thresholdOptions, true);
        ReturnRates rates = computed.returnRates(o.churnDays());
        Set<String> activeAfter = activeBetween(store, cutoff, o.churnDays());
        List<ThresholdRun.UserThreshold> atRisk = computed.users().stream()
                .filter(u -> u.daysSinceLastActive() < o.churnDays()).toList();
        int n = atRisk.size();
        int[] silent = new int[n];
        double[] unusual = new double[n];
        double[] risk = new double[n];
        boolean[] churned = new boolean[n];
        for (int i = 0; i < n; i++) {
            ThresholdRun.UserThreshold u = atRisk.get(i);
            silent[i] = u.daysSinceLastActive();
            unusual[i] = u.dormancy().unusualness(silent[i]);
            risk[i] = u.dormancy().churnRisk(silent[i], o.churnDays(), rates.noReturn(u.activeDays()));
            churned[i] = !activeAfter.contains(u.userId());
        }
        return new AtRiskSnapshot(cutoff, silent, unusual, risk, churned);
    }

    /** Users with an event in the {@code days} after the cutoff day. */
    private static Set<String> activeBetween(PulseStore store, LocalDate cutoff, int days) {
        String sql = "SELECT DISTINCT user_id FROM events WHERE ts >= CAST(? AS DATE) + INTERVAL 1 DAY"
                + " AND ts < CAST(? AS DATE) + INTERVAL 1 DAY + to_days(CAST(? AS INTEGER))";
        Set<String> out = new HashSet<>();
        try (PreparedStatement p = store.connection().prepareStatement(sql)) {
            p.setObject(1, cutoff);
            p.setObject(2, cutoff);
            p.setInt(3, days);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read who came back after " + cutoff + ": " + e.getMessage(), e);
        }
        return out;
    }
}
