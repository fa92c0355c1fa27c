package io.pulse.store.backtest;

import io.pulse.core.PulseInputException;
import io.pulse.core.backtest.ThresholdComparison;
import io.pulse.core.progress.Progress;
import io.pulse.store.GeneratedStore;
import io.pulse.store.PulseStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BacktestRunTest {

    @TempDir
    static Path dir;
    private static PulseStore store;
    private static BacktestRun.Result result;

    @BeforeAll
    static void run() throws Exception {
        store = GeneratedStore.openEventsOnly(dir, 6000, 365, 7);
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
