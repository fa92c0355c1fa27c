package io.pulse.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pulse.core.PulseInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileReplayTest {

    private static final String HEADER = "event_id,user_id,ts,type,amount,duration_s,item_id,category,channel,source,quantity";

    @TempDir
    Path dir;

    @Test
    void aFileGroupedByUserIsReplayedInTimeOrderSoNothingIsLate() throws Exception {
        Path file = write(HEADER,
                "e1,u1,2025-01-01T12:00:00Z,view,,5,i1,toys,organic,google.com,",
                "e2,u1,2025-01-01T15:00:00Z,view,,5,i1,toys,organic,google.com,",
                "e3,u2,2025-01-01T09:00:00Z,view,,5,i2,toys,organic,google.com,",
                "e4,u2,2025-01-01T13:30:00Z,view,,5,i2,toys,organic,google.com,");
        FileReplay replay = FileReplay.open(file);
        List<StreamEvent> late = new ArrayList<>();
        StreamStats stats = new StreamEngine(StreamConfig.defaults(), replay.parser(), a -> { }, late::add)
                .replay(replay, 0);

        assertThat(replay.events()).isEqualTo(4);
        assertThat(late).isEmpty();
        assertThat(stats.accepted()).isEqualTo(4);
    }

    @Test
    void everyEventIsAccountedForAsLateDuplicateFilteredOrAccepted() throws Exception {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        for (int i = 0; i < 40; i++) {
            // A script: a zero-dwell view every second; 20 equal intervals give it away at its 21st event.
            lines.add("b" + i + ",bot,2025-01-02T00:00:" + String.format("%02d", i) + "Z,view,,0,i" + i + ",toys,direct,,");
        }
        for (int i = 0; i < 10; i++) {
            String row = "h" + i + ",u" + i + ",2025-01-02T00:01:0" + i + "Z,view,,30,i1,toys,organic,google.com,";
            lines.add(row);
            lines.add(row);
        }
        FileReplay replay = FileReplay.open(write(lines.toArray(String[]::new)));
        StreamStats stats = new StreamEngine(StreamConfig.defaults(), replay.parser(), a -> { }, e -> { })
                .replay(replay, 0);

        assertThat(stats.eventsIn()).isEqualTo(60);
        assertThat(stats.duplicates()).isEqualTo(10);
        assertThat(stats.filtered().get(NoiseFilter.Reason.BOT_LIKE)).isEqualTo(20);
        assertThat(stats.eventsIn()).isEqualTo(stats.late() + stats.duplicates() + stats.filteredTotal() + stats.accepted());
    }

    @Test
    void replayAtASpeedUpFactorDeliversTheSameEvents() throws Exception {
        Path file = write(HEADER,
                "e1,u1,2025-01-01T12:00:00Z,view,,5,i1,toys,organic,google.com,",
                "e2,u1,2025-01-01T12:00:01Z,view,,5,i1,toys,organic,google.com,",
                "e3,u2,2025-01-01T12:00:02Z,view,,5,i2,toys,organic,google.com,");
        FileReplay replay = FileReplay.open(file);
        StreamStats stats = new StreamEngine(StreamConfig.defaults(), replay.parser(), a -> { }, e -> { })
                .replay(replay, 100);

        assertThat(stats.accepted()).isEqualTo(3);
    }

    @Test
    void aBadLineStopsTheReplayWithItsLineNumber() throws Exception {
        Path file = write(HEADER,
                "e1,u1,2025-01-01T12:00:00Z,view,,5,i1,toys,organic,google.com,",
                "e2,u1,2025-01-01T12:00:01Z,view,,five,i1,toys,organic,google.com,");
        FileReplay replay = FileReplay.open(file);
        StreamEngine engine = new StreamEngine(StreamConfig.defaults(), replay.parser(), a -> { }, e -> { });

        assertThatThrownBy(() -> engine.replay(replay, 0))
                .isInstanceOf(PulseInputException.class)
                .satisfies(t -> assertThat(((PulseInputException) t).line()).isEqualTo(3));
    }

    private Path write(String... lines) throws Exception {
        Path file = dir.resolve("events.csv");
        Files.write(file, List.of(lines));
        return file;
    }
}
