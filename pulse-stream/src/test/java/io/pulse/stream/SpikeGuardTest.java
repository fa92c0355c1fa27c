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

    /**
     * Hour by hour: {@code broad(h)} events of i0 spread over seven sources, {@code fromTiktok(h)} more from one
     * source, each from one of {@code users(h)} users; i1 of the same category steady at 20 an hour.
     */
    private void run(Dimension dimension, IntUnaryOperator broad, IntUnaryOperator fromTiktok, IntUnaryOperator users) {
        WindowSpec spec = new WindowSpec(dimension, Duration.ofHours(1), 6, 10);
        SpikeGuard guard = new SpikeGuard(spec, GuardSettings.defaults(), dimension.names(parser), parser.sources(),
                alerts::add);
        KeyedWindows windows = new KeyedWindows(spec, 0, guard);
        windows.closeUpTo(0);
        int user = 0;
        for (int h = 0; h < HOURS; h++) {
            windows.closeUpTo(h * HOUR);
            int n = broad.applyAsInt(h);
            int t = fromTiktok.applyAsInt(h);
            for (int i = 0; i < n + t; i++) {
                int source = i < n ? sources[i % 7] : tiktok;
                int u = 1_000_000 + (user++ % users.applyAsInt(h));
                windows.add(Events.keyed(h * HOUR + i * 10L, u, item, category, channel, source));
            }
            if (dimension == Dimension.ITEM) {
                for (int i = 0; i < 20; i++) {
                    windows.add(Events.keyed(h * HOUR + i * 10L + 5, i, related, category, channel, sources[0]));
                }
            }
        }
        windows.closeAll();
        guard.finish();
    }

    private static org.assertj.core.data.Offset<Double> within() {
        return within(1e-9);
    }

    private static org.assertj.core.data.Offset<Double> within(double d) {
        return org.assertj.core.data.Offset.offset(d);
    }
}
