package io.pulse.server.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.pulse.stream.Alert;
import io.pulse.stream.AlertJson;
import io.pulse.stream.Dimension;
import io.pulse.stream.WindowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ring behind {@code GET /api/stream/recent}: the newest first, never more than its capacity. */
class RecentAlertsTest {

    static Alert alert(int i) {
        Instant start = Instant.parse("2025-01-01T00:00:00Z").plus(Duration.ofHours(i));
        return new Alert(new WindowSpec(Dimension.ITEM, Duration.ofHours(1), 24, 5), "i" + i, start,
                start.plus(Duration.ofHours(1)), Alert.Kind.SPIKE, Alert.Label.TRANSIENT,
                new Alert.Evidence(1, 10, 1.5, "google.com", 0.5, 3, Double.NaN), null, "test");
    }

    @Test
    void theNewestAlertsComeFirstAndTheOldestLeaveWhenTheRingIsFull() {
        RecentAlerts recent = new RecentAlerts(3);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            recent.accept(alert(i));
            lines.add(AlertJson.line(alert(i)));
        }
        assertThat(recent.newest(10)).containsExactly(lines.get(4), lines.get(3), lines.get(2));
        assertThat(recent.newest(2)).containsExactly(lines.get(4), lines.get(3));
    }

    @Test
    void anEmptyRingAnswersNoAlerts() {
        assertThat(new RecentAlerts(3).newest(100)).isEmpty();
    }
}
