package io.pulse.store.thresholds;

import io.pulse.store.GeneratedStore;

import io.pulse.core.PulseInputException;
import io.pulse.core.thresholds.ActionEconomics;
import io.pulse.store.PulseStore;
import io.pulse.store.features.FeatureTable;
import io.pulse.store.prediction.PredictRun;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A generated store (1,200 users, 120 days), thresholds at its last event day, checked against a
 * recomputation in plain Java from the raw events: days from the timestamps, gaps, the method-of-moments
 * prior, the shrunk log-normal quantile, and the engagement cut from the break-even rule.
 */
class ThresholdRunTest {

    private static final double Z95 = 1.6448536269514722;
    /** The store's normal quantile is Acklam's approximation, good to about 1e-9 relative; the exact z is used here. */
    private static final double RELATIVE = 1e-7;

    @TempDir
    static Path dir;
    private static PulseStore store;
    private static LocalDate cutoff;
    /** Active days of each user, from the raw events in Java. */
    private static Map<String, TreeSet<LocalDate>> activeDays;

    @BeforeAll
    static void generateAndIngest() throws IOException {
        store = GeneratedStore.openEventsOnly(dir, 1200, 120, 5L);
        cutoff = FeatureTable.lastEventDay(store);
        activeDays = new TreeMap<>();
        try (Statement s = store.connection().createStatement();
                ResultSet rs = s.executeQuery("SELECT user_id, ts FROM events")) {
            while (rs.next()) {
                LocalDate day = rs.getObject(2, Timestamp.class).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
                activeDays.computeIfAbsent(rs.getString(1), u -> new TreeSet<>()).add(day);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static List<Object[]> rows(String sql) {
        List<Object[]> out = new ArrayList<>();
        try (Statement s = store.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Object[] row = new Object[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getObject(i + 1);
                }
                out.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return out;
    }

    private static double[] logGaps(String user) {
        List<LocalDate> days = new ArrayList<>(activeDays.get(user));
        double[] out = new double[days.size() - 1];
        for (int i = 1; i < days.size(); i++) {
            out[i - 1] = Math.log(days.get(i).toEpochDay() - days.get(i - 1).toEpochDay());
        }
        return out;
    }

    /** Method of moments written out again: {mu0, tau0², sigma²}. */
    private static double[] prior(List<String> users) {
        List<double[]> withGaps = users.stream().map(ThresholdRunTest::logGaps).filter(x -> x.length > 0).toList();
        double[] means = withGaps.stream().mapToDouble(x -> Arrays.stream(x).average().orElseThrow()).toArray();
        double ss = 0;
        long df = 0;
        double inverseN = 0;
        for (int k = 0; k < means.length; k++) {
            for (double v : withGaps.get(k)) {
                ss += Math.pow(v - means[k], 2);
            }
            df += withGaps.get(k).length - 1;
            inverseN += 1.0 / withGaps.get(k).length;
        }
        double mu0 = Arrays.stream(means).average().orElseThrow();
        double s2 = Arrays.stream(means).map(m -> Math.pow(m - mu0, 2)).sum() / (means.length - 1);
        double sigma2 = ss / df;
        return new double[] {mu0, Math.max(0, s2 - sigma2 * inverseN / means.length), sigma2};
    }

    private static double threshold(String user, double[] prior) {
        double[] x = logGaps(user);
        int n = x.length;
        double w = n * prior[1] / (n * prior[1] + prior[2]);
        double m = n == 0 ? prior[0] : w * Arrays.stream(x).average().orElseThrow() + (1 - w) * prior[0];
        return Math.exp(m + Z95 * Math.sqrt(prior[2] + (1 - w) * prior[1]));
    }

    /** A few users across the range of activity: the most active, two with two active days, one with one. */
    private static List<String> sample() {
        List<String> byDays = new ArrayList<>(activeDays.keySet());
        byDays.sort((a, b) -> activeDays.get(b).size() - activeDays.get(a).size());
        List<String> out = new ArrayList<>(byDays.subList(0, 3));
        byDays.stream().filter(u -> activeDays.get(u).size() == 2).limit(2).forEach(out::add);
        byDays.stream().filter(u -> activeDays.get(u).size() == 1).limit(1).forEach(out::add);
        out.add(byDays.get(byDays.size() / 2));
        return out;
    }

    @Test
    void withoutSegmentsOrPredictionsEveryoneIsInOneSegmentAndThresholdsMatchARecomputation() {
        dropExtras();
        ThresholdRun.Result result = ThresholdRun.run(store, ThresholdRun.Options.defaults());
        assertThat(result.cutoff()).isEqualTo(cutoff);
        assertThat(result.prediction()).isNull();
        assertThat(result.users()).isEqualTo(activeDays.size());
        assertThat(store.scalarLong("SELECT count(*) FROM thresholds")).isEqualTo(activeDays.size());
        assertThat(result.segments()).hasSize(1);
        assertThat(result.segments().get(0).segment()).isEqualTo("all");
        assertThat(store.scalarLong("SELECT count(*) FROM thresholds WHERE engagement_threshold IS NOT NULL")).isZero();

        double[] prior = prior(new ArrayList<>(activeDays.keySet()));
        assertThat(result.segments().get(0).prior().mu0()).isCloseTo(prior[0], within(1e-9));
        assertThat(result.segments().get(0).prior().tau0Squared()).isCloseTo(prior[1], within(1e-9));
        assertThat(result.segments().get(0).prior().sigmaSquared()).isCloseTo(prior[2], within(1e-9));
        List<String> users = sample();
        assertThat(users).hasSizeGreaterThanOrEqualTo(6);
        for (String u : users) {
            Object[] row = rows("SELECT active_days, dormancy_threshold_days, days_since_last_active, beyond_threshold,"
                    + " reason FROM thresholds WHERE user_id = '" + u + "'").get(0);
            TreeSet<LocalDate> days = activeDays.get(u);
            int silent = (int) (cutoff.toEpochDay() - days.last().toEpochDay());
            double expected = threshold(u, prior);
            assertThat(((Number) row[0]).intValue()).as(u).isEqualTo(days.size());
            assertThat((Double) row[1]).as(u).isCloseTo(expected, within(RELATIVE * expected));
            assertThat(((Number) row[2]).intValue()).as(u).isEqualTo(silent);
            assertThat((Boolean) row[3]).as(u).isEqualTo(silent > expected);
            assertThat((String) row[4]).as(u).contains("no prediction");
        }
    }

    @Test
    void aUserWithOneActiveDayGetsTheSegmentThresholdAndTheMostActiveTheirOwn() {
        dropExtras();
        ThresholdRun.Result result = ThresholdRun.run(store, ThresholdRun.Options.defaults());
        double segment = result.segments().get(0).segmentThresholdDays();
        assertThat(rows("SELECT DISTINCT dormancy_threshold_days FROM thresholds WHERE active_days = 1"))
                .allSatisfy(r -> assertThat((Double) r[0]).isCloseTo(segment, within(1e-9)));
        String mostActive = sample().get(0);
        double[] prior = prior(new ArrayList<>(activeDays.keySet()));
        double[] x = logGaps(mostActive);
        double own = Math.exp(Arrays.stream(x).average().orElseThrow() + Z95 * Math.sqrt(prior[2]));
        double t = (Double) rows("SELECT dormancy_threshold_days FROM thresholds WHERE user_id = '" + mostActive + "'")
                .get(0)[0];
        // Seed 5: 54 gaps, own 7.42 days, shrunk 7.98, segment 48.75.
        assertThat(Math.abs(Math.log(t / own))).isLessThan(Math.abs(Math.log(t / segment)));
    }

    @Test
    void segmentsAndPredictionsGiveEachSegmentItsOwnPriorAndBreakEvenCut() {
        try (Statement s = store.connection().createStatement()) {
            s.execute("CREATE OR REPLACE TABLE segment_members AS SELECT DISTINCT user_id,"
                    + " 's' || (1 + hash(user_id) % 2) AS cluster FROM events");
            s.execute(PredictRun.DDL);
            s.execute("DELETE FROM predictions");
            s.execute("INSERT INTO predictions SELECT user_id, 'test', DATE '" + cutoff + "', 30, 'any',"
                    + " (hash(user_id || 'p') % 1000) / 1000.0, 0 FROM (SELECT DISTINCT user_id FROM events)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        ActionEconomics economics = new ActionEconomics(2, 40, 0.2);
        ThresholdRun.Result result = ThresholdRun.run(store, new ThresholdRun.Options(null, 0.95, economics));
        assertThat(result.prediction().model()).isEqualTo("test");
        assertThat(result.segments()).extracting(ThresholdRun.SegmentThresholds::segment).containsExactly("s1", "s2");
        Map<String, List<String>> members = new HashMap<>();
        for (Object[] r : rows("SELECT cluster, user_id FROM segment_members")) {
            members.computeIfAbsent((String) r[0], k -> new ArrayList<>()).add((String) r[1]);
        }
        double breakEven = 1 - 2.0 / (0.2 * 40);
        for (ThresholdRun.SegmentThresholds seg : result.segments()) {
            double[] prior = prior(members.get(seg.segment()));
            assertThat(seg.ownPrior()).isTrue();
            assertThat(seg.prior().mu0()).isCloseTo(prior[0], within(1e-9));
            assertThat(seg.prior().tau0Squared()).isCloseTo(prior[1], within(1e-9));
            String user = members.get(seg.segment()).get(0);
            double expected = threshold(user, prior);
            assertThat((Double) rows("SELECT dormancy_threshold_days FROM thresholds WHERE user_id = '" + user + "'")
                    .get(0)[0]).isCloseTo(expected, within(RELATIVE * expected));
            // The cut lies between the highest probability below break-even and the lowest above it.
            String in = " FROM predictions p JOIN segment_members m USING (user_id) WHERE m.cluster = '"
                    + seg.segment() + "'";
            double below = (Double) rows("SELECT max(probability)" + in + " AND probability < " + breakEven).get(0)[0];
            double above = (Double) rows("SELECT min(probability)" + in + " AND probability >= " + breakEven).get(0)[0];
            assertThat(seg.engagement().cut()).isBetween(below, above);
            assertThat(seg.engagement().acted()).isEqualTo(
                    store.scalarLong("SELECT count(*)" + in + " AND probability < " + breakEven));
        }
        assertThat(store.scalarLong("SELECT count(*) FROM thresholds t JOIN predictions p USING (user_id)"
                + " WHERE t.probability <> p.probability OR t.engagement_threshold IS NULL")).isZero();
        assertThat(store.scalarLong("SELECT count(*) FROM thresholds"
                + " WHERE beyond_threshold <> (days_since_last_active > dormancy_threshold_days)")).isZero();
        assertThat(store.scalarLong("SELECT count(*) FROM thresholds WHERE reason LIKE '%probability of activity%'"))
                .isEqualTo(activeDays.size());
        assertThat(result.examples()).isNotEmpty();
        dropExtras();
    }

    @Test
    void aCutoffBeforeTheFirstEventIsABadInput() {
        LocalDate early = FeatureTable.firstEventDay(store).minusDays(1);
        assertThatThrownBy(() -> ThresholdRun.run(store, new ThresholdRun.Options(early, 0.95, ActionEconomics.DEFAULTS)))
                .isInstanceOf(PulseInputException.class).hasMessageContaining("before the first event");
    }

    private static void dropExtras() {
        try (Statement s = store.connection().createStatement()) {
            s.execute("DROP TABLE IF EXISTS segment_members; DROP TABLE IF EXISTS predictions");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
