package io.pulse.core.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ValidationSchemesTest {

    /** Seven cutoffs 14 days apart, 30-day labels: a cutoff trains a test cutoff three or more cutoffs (42 days) later. */
    private static final LocalDate[] CUTOFFS = IntStream.range(0, 7)
            .mapToObj(c -> LocalDate.of(2024, 1, 1).plusDays(14L * c)).toArray(LocalDate[]::new);

    /** Three users per cutoff, rows interleaved across cutoffs so that row order is not time order. */
    private static LabelledRows rows() {
        int[] cutoffOfRow = IntStream.range(0, 21).map(r -> r % 7).toArray();
        return new LabelledRows(cutoffOfRow, CUTOFFS, 30);
    }

    private static List<LocalDate> days(String... isoDays) {
        return Arrays.stream(isoDays).map(LocalDate::parse).toList();
    }

    @Test
    void theForwardHoldoutTrainsOnCutoffsWhoseLabelsEndedByTheTestCutoff() {
        List<Split> splits = new ForwardHoldout().splits(rows());
        assertThat(splits).hasSize(1);
        Split split = splits.get(0);
        // test 2024-03-25; 2024-02-12 + 30 = 03-13 is settled, 2024-02-26 + 30 = 03-27 is not.
        assertThat(split.testCutoffs()).isEqualTo(days("2024-03-25"));
        assertThat(split.trainCutoffs()).isEqualTo(days("2024-01-01", "2024-01-15", "2024-01-29", "2024-02-12"));
        // rows r with r % 7 == 6: 6, 13, 20; training rows r % 7 in 0..3.
        assertThat(split.test()).containsExactly(6, 13, 20);
        assertThat(split.train()).containsExactly(0, 1, 2, 3, 7, 8, 9, 10, 14, 15, 16, 17);
    }

    @Test
    void anExpandingTimeSeriesCvTestsTheCutoffsBeforeTheHoldoutAndSkipsFoldsWithoutHistory() {
        List<Split> splits = TimeSeriesCv.expanding(5, 1).splits(rows());
        // test cutoffs 01-15 .. 03-11; 01-15 and 01-29 have no cutoff 30 days before them.
        assertThat(splits).extracting(Split::testCutoffs)
                .containsExactly(days("2024-02-12"), days("2024-02-26"), days("2024-03-11"));
        assertThat(splits).extracting(Split::trainCutoffs).containsExactly(
                days("2024-01-01"), // <= 2024-01-13
                days("2024-01-01", "2024-01-15"), // <= 2024-01-27
                days("2024-01-01", "2024-01-15", "2024-01-29")); // <= 2024-02-10
    }

    @Test
    void aSlidingTimeSeriesCvKeepsOnlyTheLatestTrainingCutoffs() {
        List<Split> splits = new TimeSeriesCv(TimeSeriesCv.Window.SLIDING, 3, 2, 1).splits(rows());
        assertThat(splits).extracting(Split::trainCutoffs).containsExactly(
                days("2024-01-01"),
                days("2024-01-01", "2024-01-15"),
                days("2024-01-15", "2024-01-29"));
    }

    @Test
    void timeSeriesCvNeverTouchesTheHoldoutCutoffs() {
        for (Split split : TimeSeriesCv.expanding(10, 2).splits(rows())) {
            assertThat(split.testCutoffs()).doesNotContain(CUTOFFS[5], CUTOFFS[6]);
            assertThat(split.trainCutoffs()).doesNotContain(CUTOFFS[5], CUTOFFS[6]);
        }
    }

    @Test
    void timeAwareSchemesKeepEveryTrainingLabelWindowBeforeEveryTestCutoff() {
        LabelledRows rows = weeklyRows();
        List<ValidationScheme> schemes = List.of(new ForwardHoldout(), new ForwardHoldout(3),
                TimeSeriesCv.expanding(6, 1), new TimeSeriesCv(TimeSeriesCv.Window.SLIDING, 6, 4, 2));
        for (ValidationScheme scheme : schemes) {
            List<Split> splits = scheme.splits(rows);
            assertThat(splits).as(scheme.id()).isNotEmpty();
            for (Split split : splits) {
                assertDisjoint(split);
                for (int train : split.train()) {
                    LocalDate labelEnd = rows.cutoffs()[rows.cutoffOfRow()[train]].plusDays(rows.horizonDays());
                    for (int test : split.test()) {
                        assertThat(labelEnd).as(scheme.id() + " " + split.name())
                                .isBeforeOrEqualTo(rows.cutoffs()[rows.cutoffOfRow()[test]]);
                    }
                }
                assertThat(split.trainCutoffs()).isEqualTo(rows.cutoffsOf(split.train()));
                assertThat(split.testCutoffs()).isEqualTo(rows.cutoffsOf(split.test()));
            }
        }
    }

    @Test
    void randomKFoldTestsEveryRowExactlyOnceAndTrainsOnTheRest() {
        LabelledRows rows = weeklyRows();
        List<Split> splits = new RandomKFold(5, 17).splits(rows);
        assertThat(splits).hasSize(5);
        int[] tested = new int[rows.rows()];
        for (Split split : splits) {
            assertDisjoint(split);
            assertThat(split.train().length + split.test().length).isEqualTo(rows.rows());
            // folds differ in size by at most one row: 198 rows -> 39 or 40.
            assertThat(split.test().length).isBetween(39, 40);
            for (int r : split.test()) {
                tested[r]++;
            }
        }
        assertThat(tested).containsOnly(1);
    }

    @Test
    void randomKFoldMixesCutoffsSoItsTrainingLabelsOverlapItsTestRows() {
        Split first = new RandomKFold(5, 17).splits(weeklyRows()).get(0);
        // the mistake it is kept to show: each test cutoff also trains, and so do the cutoffs of the
        // 30 days after it, whose features saw the test rows' label window.
        assertThat(first.testCutoffs()).hasSizeGreaterThan(10);
        assertThat(first.trainCutoffs()).containsAll(first.testCutoffs());
    }

    @Test
    void theSameSeedGivesTheSameFolds() {
        LabelledRows rows = weeklyRows();
        List<Split> first = new RandomKFold(4, 3).splits(rows);
        List<Split> second = new RandomKFold(4, 3).splits(rows);
        for (int k = 0; k < 4; k++) {
            assertThat(second.get(k).test()).containsExactly(first.get(k).test());
        }
    }

    @Test
    void tooFewCutoffsGiveNoSplitRatherThanALeakingOne() {
        LabelledRows twoCutoffs = new LabelledRows(new int[] {0, 1}, Arrays.copyOf(CUTOFFS, 2), 30);
        assertThat(new ForwardHoldout().splits(twoCutoffs)).isEmpty();
        assertThat(TimeSeriesCv.expanding(3, 0).splits(twoCutoffs)).isEmpty();
    }

    private static void assertDisjoint(Split split) {
        assertThat(split.train()).doesNotContain(split.test());
        assertThat(split.test()).isSorted();
        assertThat(split.train()).isSorted();
    }

    /** 20 weekly cutoffs with 5 to 15 rows each (198 rows), labels 30 days long. */
    private static LabelledRows weeklyRows() {
        LocalDate[] cutoffs = IntStream.range(0, 20).mapToObj(c -> LocalDate.of(2023, 6, 5).plusWeeks(c))
                .toArray(LocalDate[]::new);
        int[] cutoffOfRow = IntStream.range(0, 20).flatMap(c -> IntStream.range(0, 5 + (c * 7) % 11).map(u -> c))
                .toArray();
        return new LabelledRows(cutoffOfRow, cutoffs, 30);
    }
}
