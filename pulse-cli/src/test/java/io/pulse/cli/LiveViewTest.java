package io.pulse.cli;

import io.pulse.stream.NoiseFilter;
import io.pulse.stream.StreamMonitor;
import io.pulse.stream.StreamStats;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LiveViewTest {

    @Test
    void theLineShowsTheAccountingAlertsWatermarkAndQueueFill() {
        StreamStats stats = new StreamStats(1_234_567, 12, 34, Map.of(NoiseFilter.Reason.RATE_LIMIT, 10L,
                NoiseFilter.Reason.BOT_LIKE, 2L, NoiseFilter.Reason.IMPOSSIBLE_SESSION, 0L), 1_234_509, 99, 7);
        StreamMonitor.Snapshot snap = new StreamMonitor.Snapshot(stats, 1_735_689_630_000L, 6, 1, 25_000, 0);

        assertThat(LiveView.line(snap, 0, 2_400, 100_000)).isEqualTo("25k/s · in 1,234,567 · late 12 · dup 34"
                + " · filtered 12 (rate 10, bot 2) · alerts 6 transient, 1 sustained"
                + " · watermark 2025-01-01T00:00:00Z · queue 2% (2,400/100,000)");
    }

    @Test
    void aReplayShowsHowFarItIsAndNoQueue() {
        StreamStats stats = new StreamStats(500, 0, 0, Map.of(), 500, 0, 0);
        StreamMonitor.Snapshot snap = new StreamMonitor.Snapshot(stats, Long.MIN_VALUE, 0, 0, 0, 0);

        assertThat(LiveView.line(snap, 2_000, 0, 0)).isEqualTo("0/s · in 500 (25%) · late 0 · dup 0 · filtered 0"
                + " · alerts 0 transient, 0 sustained · watermark -");
    }
}
