package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

class SpikeGuardTest {

    private static final long HOUR = 3_600_000;
    private static final int HOURS = 120;

    private final EventParser parser = new EventParser("user_id,ts,type", "t");
    private final int item = parser.items().intern("i0");
    private final int related = parser.items().intern("i1");
    private final int category = parser.categories().intern("toys");
    private final int channel = parser.channels().intern("social");
    private final int[] sources = {parser.sources().intern("google.com"), parser.sources().intern("bing.com"),
        parser.sources().intern("newsletter"), parser.sources().intern("instagram.com"),
        parser.sources().intern("facebook.com"), parser.sources().intern("pinterest.com"),
        parser.sources().intern("duckduckgo.com"), parser.sources().intern("tiktok.com")};
    private final int tiktok = sources[7];
    private final List<Alert> alerts = new ArrayList<>();

    /** About 20 events an hour, 18 to 22, from seven sources and as many users as events. */
    private static int normal(int hour) {
        return 20 + (hour * 7) % 5 - 2;
    }

    @Test
    void aOneOffBurstFromOneSourceIsTransientWithNoDecision() {
        run(Dimension.ITEM, h -> normal(h), h -> h == 80 || h == 81 ? 200 : 0, h -> 1000);

        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.key()).isEqualTo("i0");
        assertThat(a.label()).isEqualTo(Alert.Label.TRANSIENT);
        assertThat(a.kind()).isEqualTo(Alert.Kind.SPIKE);
        assertThat(a.decision()).isNull();
        assertThat(a.evidence().durationWindows()).isEqualTo(2);
        assertThat(a.evidence().events()).isEqualTo(normal(80) + normal(81) + 400);
        assertThat(a.evidence().topSource()).isEqualTo("tiktok.com");
        assertThat(a.evidence().topSourceShare()).isCloseTo(400.0 / (normal(80) + normal(81) + 400), within());
        assertThat(a.start().toEpochMilli()).isEqualTo(80 * HOUR);
        assertThat(a.end().toEpochMilli()).isEqualTo(82 * HOUR);
    }

    @Test
    void aStepUpThatPersistsAcrossManySourcesIsSustainedWithADecision() {
        run(Dimension.ITEM, h -> h >= 60 ? 3 * normal(h) : normal(h), h -> 0, h -> 1000);

        assertThat(alerts).hasSize(1);
        Alert a = alerts.get(0);
        assertThat(a.label()).isEqualTo(Alert.Label.SUSTAINED);
        assertThat(a.decision()).isEqualTo("raise stock for item i0");
        assertThat(a.start().toEpochMilli()).isEqualTo(60 * HOUR);
        assertThat(a.evidence().durationWindows()).isEqualTo(6);
        assertThat(a.evidence().topSourceShare()).isLessThan(0.2);
        assertThat(a.evidence().distinctUsers()).isGreaterThan(300);
        assertThat(a.evidence().relatedLift()).as("the other item of the category did not move").isCloseTo(0, within(0.15));
    }

    @Test
    void aStepUpThatPersistsButComesFromOneSourceIsTransient() {
        run(Dimension.ITEM, h -> normal(h), h -> h >= 60 ? 3 * normal(h) : 0, h -> 1000);

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).label()).isEqualTo(Alert.Label.TRANSIENT);
        assertThat(alerts.get(0).decision()).isNull();
        assertThat(alerts.get(0).reason()).contains("from one source");
    }

    @Test
    void aStepUpFromAHandfulOfUsersIsTransient() {
        run(Dimension.ITEM, h -> h >= 60 ? 3 * normal(h) : normal(h), h -> 0, h -> h >= 60 ? 3 : 1000);

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).label()).isEqualTo(Alert.Label.TRANSIENT);
        assertThat(alerts.get(0).reason()).contains("users");
    }

    @Test
    void aSustainedChangeOfAChannelAsksForAnInvestigation() {
        run(Dimension.CHANNEL, h -> h >= 60 ? 3 * normal(h) : normal(h), h -> 0, h -> 1000);

        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).label()).isEqualTo(Alert.Label.SUSTAINED);
        assertThat(alerts.get(0).decision()).isEqualTo("investigate channel social");
        assertThat(alerts.get(0).evidence().relatedLift()).isNaN();
    }

    @Test
    void aSteadySeriesRaisesNothing() {
        run(Dimension.ITEM, h -> normal(h), h -> 0, h -> 1000);

        assertThat(alerts).isEmpty();
    }

    /** The scenarios above, by name: broad, from tiktok, users; and the dimension. */
    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("burst", Dimension.ITEM, h -> normal(h), h -> h == 80 || h == 81 ? 200 : 0, h -> 1000),
            new Scenario("step", Dimension.ITEM, h -> h >= 60 ? 3 * normal(h) : normal(h), h -> 0, h -> 1000),
            new Scenario("one source", Dimension.ITEM, h -> normal(h), h -> h >= 60 ? 3 * normal(h) : 0, h -> 1000),
            new Scenario("few users", Dimension.ITEM, h -> h >= 60 ? 3 * normal(h) : normal(h), h -> 0,
                    h -> h >= 60 ? 3 : 1000),
            new Scenario("channel", Dimension.CHANNEL, h -> h >= 60 ? 3 * normal(h) : normal(h), h -> 0, h -> 1000),
            new Scenario("steady", Dimension.ITEM, h -> normal(h), h -> 0, h -> 1000));

    private record Scenario(String name, Dimension dimension, IntUnaryOperator broad, IntUnaryOperator fromTiktok,
                            IntUnaryOperator users) {
    }

    @Test
    void aSlidingGuardOnHourAlignedTrafficJudgesAsTheTumblingGuard() {
        // Every hour's events fall in its first ten minutes, so each 1 h window sliding by 10 min holds exactly
        // one hour's events: the sliding series is the tumbling one with each count six times. Same labels,
        // decisions, start and evidence; a judgement comes as soon as a window spans sustainWindows hours of
        // the change, up to 50 min before the tumbling window holding its last hour ends.
        for (Scenario sc : SCENARIOS) {
            WindowSpec tumbling = new WindowSpec(sc.dimension(), Duration.ofHours(1), 6, 10);
            alerts.clear();
            run(tumbling, sc, false);
            List<Alert> expected = List.copyOf(alerts);
            alerts.clear();
            run(tumbling.sliding(Duration.ofMinutes(10)), sc, false);

            assertThat(alerts).as(sc.name()).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                Alert t = expected.get(i);
                Alert a = alerts.get(i);
                assertThat(a.window().label()).endsWith("/1h/10m");
                assertThat(a.label()).as(sc.name()).isEqualTo(t.label());
                assertThat(a.kind()).as(sc.name()).isEqualTo(t.kind());
                assertThat(a.decision()).as(sc.name()).isEqualTo(t.decision());
                assertThat(a.start()).as(sc.name()).isEqualTo(t.start());
                boolean judgedAtSustain = a.evidence().durationWindows() == (6 - 1) * 6 + 1;
                assertThat(a.end()).as(sc.name()).isEqualTo(judgedAtSustain ? t.end().minus(Duration.ofMinutes(50))
                        : t.end());
                Alert.Evidence e = a.evidence();
                Alert.Evidence te = t.evidence();
                assertThat(e.events()).as("%s: each event counted once", sc.name()).isEqualTo(te.events());
                assertThat(e.topSource()).isEqualTo(te.topSource());
                assertThat(e.topSourceShare()).isEqualTo(te.topSourceShare());
                assertThat(e.distinctUsers()).isEqualTo(te.distinctUsers());
                assertThat(Double.valueOf(e.relatedLift())).isEqualTo(Double.valueOf(te.relatedLift()));
                assertThat(e.baseline()).isCloseTo(te.baseline(), within(0.1 * te.baseline()));
            }
        }
    }

    @Test
    void aSlidingGuardOnTrafficSpreadOverTheHourLabelsAsTheTumblingOneAndCountsEachEventOnce() {
        for (Scenario sc : SCENARIOS) {
            WindowSpec tumbling = new WindowSpec(sc.dimension(), Duration.ofHours(1), 6, 10);
            alerts.clear();
            run(tumbling, sc, true);
            List<Alert> expected = List.copyOf(alerts);
            alerts.clear();
            List<Long> times = run(tumbling.sliding(Duration.ofMinutes(10)), sc, true);

            assertThat(alerts).as(sc.name()).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                Alert a = alerts.get(i);
                assertThat(a.label()).as(sc.name()).isEqualTo(expected.get(i).label());
                assertThat(a.decision()).as(sc.name()).isEqualTo(expected.get(i).decision());
                assertThat(a.start()).as(sc.name()).isBetween(expected.get(i).start().minus(Duration.ofHours(1)),
                        expected.get(i).start());
                long from = a.start().toEpochMilli();
                long to = a.end().toEpochMilli();
                assertThat(a.evidence().events()).as("%s: the events of the key between start and end", sc.name())
                        .isEqualTo(times.stream().filter(t -> t >= from && t < to).count());
            }
        }
    }

    /**
     * Hour by hour: {@code broad(h)} events of i0 spread over seven sources, {@code fromTiktok(h)} more from one
     * source, each from one of {@code users(h)} users; i1 of the same category steady at 20 an hour.
     */
    private void run(Dimension dimension, IntUnaryOperator broad, IntUnaryOperator fromTiktok, IntUnaryOperator users) {
        run(new WindowSpec(dimension, Duration.ofHours(1), 6, 10), new Scenario("", dimension, broad, fromTiktok, users),
                false);
    }

    /**
     * As above on {@code spec}; the events of an hour are 10 ms apart from its start, or with {@code spread}
     * evenly over the hour. Returns the times of i0's events.
     */
    private List<Long> run(WindowSpec spec, Scenario sc, boolean spread) {
        Dimension dimension = spec.dimension();
        SpikeGuard guard = new SpikeGuard(spec, GuardSettings.defaults(), dimension.names(parser), parser.sources(),
                alerts::add);
        KeyedWindows windows = new KeyedWindows(spec, HOUR, guard);
        windows.closeUpTo(0);
        List<Long> times = new ArrayList<>();
        int user = 0;
        for (int h = 0; h < HOURS; h++) {
            windows.closeUpTo(h * HOUR);
            int n = sc.broad().applyAsInt(h);
            int t = sc.fromTiktok().applyAsInt(h);
            for (int i = 0; i < n + t; i++) {
                int source = i < n ? sources[i % 7] : tiktok;
                int u = 1_000_000 + (user++ % sc.users().applyAsInt(h));
                long ts = h * HOUR + (spread ? i * HOUR / (n + t) : i * 10L);
                times.add(ts);
                windows.add(Events.keyed(ts, u, item, category, channel, source));
            }
            if (dimension == Dimension.ITEM) {
                for (int i = 0; i < 20; i++) {
                    windows.add(Events.keyed(h * HOUR + (spread ? i * HOUR / 20 : i * 10L) + 5, i, related, category,
                            channel, sources[0]));
                }
            }
        }
        windows.closeAll();
        guard.finish();
        return times;
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return within(1e-9);
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }
}
