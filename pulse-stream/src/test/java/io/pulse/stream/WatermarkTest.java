package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatermarkTest {

    @Test
    void theWatermarkTrailsTheNewestEventByTheOutOfOrderBound() {
        Watermark w = new Watermark(10_000, 5_000);
        assertThat(w.current()).isEqualTo(Long.MIN_VALUE);

        w.admit(100_000);
        w.admit(95_000);
        w.admit(120_000);

        assertThat(w.current()).isEqualTo(110_000);
        assertThat(w.closeBefore()).isEqualTo(105_000);
    }

    @Test
    void anEventOlderThanWatermarkMinusLatenessIsLateAndCounted() {
        Watermark w = new Watermark(10_000, 5_000);
        w.admit(120_000);

        assertThat(w.admit(105_000)).as("exactly at watermark − lateness").isTrue();
        assertThat(w.admit(111_000)).as("behind the watermark but within lateness").isTrue();
        assertThat(w.admit(104_999)).isFalse();
        assertThat(w.admit(1_000)).isFalse();
        assertThat(w.late()).isEqualTo(2);
        assertThat(w.current()).as("late events do not move the watermark").isEqualTo(110_000);
    }

    @Test
    void theEngineRoutesLateEventsToTheSideOutputAndCountsThem() {
        StreamConfig config = new StreamConfig(Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofMinutes(1),
                NoiseFilter.Settings.defaults(), List.of(), GuardSettings.defaults(), 1, 1);
        List<StreamEvent> late = new ArrayList<>();
        StreamEngine engine = new StreamEngine(config, new EventParser("user_id,ts,type", "t"), a -> { }, late::add);

        engine.accept(Events.at(120, 1, 0));
        engine.accept(Events.at(111, 2, 0));
        StreamEvent tooOld = Events.at(100, 3, 0);
        engine.accept(tooOld);
        engine.accept(Events.at(130, 4, 0));

        assertThat(late).containsExactly(tooOld);
        StreamStats stats = engine.stats();
        assertThat(stats.eventsIn()).isEqualTo(4);
        assertThat(stats.late()).isEqualTo(1);
        assertThat(stats.accepted()).isEqualTo(3);
    }
}
