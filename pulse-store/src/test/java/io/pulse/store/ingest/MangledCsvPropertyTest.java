package io.pulse.store.ingest;

import io.pulse.store.PulseStore;
import io.pulse.store.TestFiles;
import io.pulse.store.TestFiles.Reject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded random files of good lines mixed with mangled ones (random bytes, truncated lines, extra
 * fields, bad quoting, huge values, unicode, impossible dates, negative and non-numeric numbers)
 * in a random one of the four delimiters. {@link MangledCsv} knows what it wrote, so each
 * property is checked exactly. A file whose header is good never makes the ingest throw.
 */
class MangledCsvPropertyTest {

    @TempDir
    Path dir;

    static LongStream seeds() {
        return LongStream.rangeClosed(1, 20).map(i -> i * 7919);
    }

    private record Run(MangledCsv.Expected expected, IngestSummary summary, PulseStore store) {
    }

    private Run run(long seed) throws IOException {
        MangledCsv.Expected expected = MangledCsv.generate(seed);
        Path file = Files.write(dir.resolve("events.csv"), expected.bytes());
        PulseStore store = PulseStore.open(dir.resolve("pulse.duckdb"));
        return new Run(expected, Ingestor.ingestEvents(store, IngestRequest.of(file, Mapping.canonical())), store);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyDataRowIsLoadedRejectedOrADuplicateExactlyOnce(long seed) throws IOException {
        Run run = run(seed);
        try (PulseStore store = run.store()) {
            IngestSummary s = run.summary();
            assertThat(s.rowsRead()).isEqualTo(run.expected().dataRows());
            assertThat(s.loaded() + s.rejected() + s.duplicates()).isEqualTo(run.expected().dataRows());
            assertThat(s.duplicates()).isEqualTo(run.expected().duplicateRows());
            assertThat(store.eventCount()).isEqualTo(s.loaded());
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void everyGoodLineIsLoadedWithItsUserTimeAndType(long seed) throws IOException {
        Run run = run(seed);
        try (PulseStore store = run.store()) {
            Map<String, String> stored = new HashMap<>();
            for (String row : TestFiles.column(store, "SELECT event_id || chr(31) || user_id || chr(31) || epoch_us(ts)"
                    + " || chr(31) || type FROM events")) {
                String[] p = row.split("\u001f", -1);
                stored.put(p[0], p[1] + " @ " + p[2] + " " + p[3]);
            }
            Map<String, String> expected = new HashMap<>();
            run.expected().good().values().forEach(g -> expected.put(g.eventId(),
                    g.userId() + " @ " + micros(g.ts()) + " " + g.type()));
            assertThat(stored).containsExactlyInAnyOrderEntriesOf(expected);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void exactlyTheBadLinesAreRejectedEachOnTheLineWhereItStarts(long seed) throws IOException {
        Run run = run(seed);
        run.store().close();
        List<Reject> rejects = run.expected().badLines().isEmpty() ? List.of() : TestFiles.rejects(run.summary().rejectsFile());

        assertThat(rejects).extracting(Reject::line)
                .as("rejected lines; generated bad lines: %s", run.expected().badLines())
                .containsExactlyElementsOf(run.expected().badLines().keySet());
        assertThat(run.summary().rejected()).isEqualTo(run.expected().badLines().size());
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void loadingTheSameFileAgainAddsNothing(long seed) throws IOException {
        Run run = run(seed);
        try (PulseStore store = run.store()) {
            IngestSummary again = Ingestor.ingestEvents(store, IngestRequest.of(dir.resolve("events.csv"), Mapping.canonical()));

            assertThat(again.loaded()).isZero();
            assertThat(again.duplicates()).isEqualTo(run.summary().loaded() + run.summary().duplicates());
            assertThat(again.rejected()).isEqualTo(run.summary().rejected());
            assertThat(store.eventCount()).isEqualTo(run.summary().loaded());
        }
    }

    private static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }
}
