package io.pulse.store.ingest;

import io.pulse.store.PulseStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A crash never leaves half a batch: a child JVM ingesting 1.5 million events is killed with
 * SIGKILL while the ingest runs, and the store it leaves holds either none or all of the file,
 * with the batch record agreeing; running the ingest again then completes it.
 */
@Tag("slow")
class CrashSafetyTest {

    // Large enough that the single-pass load of a clean file (about 1M rows/s here) is still under
    // way when the kill comes; the delays below stay well inside it.
    private static final int EVENTS = 3_000_000;

    @TempDir
    static Path shared;
    private static Path events;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeLargeEventsFile() throws IOException {
        events = shared.resolve("events.csv");
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        try (BufferedWriter out = Files.newBufferedWriter(events, StandardCharsets.UTF_8)) {
            out.write("event_id,user_id,ts,type,amount,duration_s\n");
            for (int i = 0; i < EVENTS; i++) {
                boolean purchase = i % 20 == 0;
                out.write("e" + i + ",u" + (i % 40_000) + "," + start.plusSeconds(i * 7L) + ","
                        + (purchase ? "purchase," + (i % 500) + ".99," : "view,," + (i % 600)) + "\n");
            }
        }
    }

    /**
     * @param waitFor the child's line after which the clock starts
     * @param seed    draws the delay: 0.3–1.5 s after the ingest begins, 0.1–0.8 s into the loading transaction
     */
    @ParameterizedTest(name = "killed {2}-{3} ms after \"{0}\" (seed {1})")
    @CsvSource({
            "ingest begins, 11, 300, 1500",
            "ingest begins, 29, 300, 1500",
            "phase loading, 47, 100, 800"})
    void aKilledIngestLeavesAllOrNothingAndARerunCompletesIt(String waitFor, long seed, int minMs, int maxMs)
            throws Exception {
        Path db = dir.resolve("pulse.duckdb");
        long delay = minMs + new Random(seed).nextInt(maxMs - minMs + 1);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), IngestChildMain.class.getName(),
                db.toString(), events.toString())
                .redirectErrorStream(true)
                .start();
        BlockingQueue<String> said = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    said.add(line);
                }
            } catch (IOException ignored) {
                // The child was killed; what it said before is in the queue.
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            String line;
            do {
                line = said.poll(60, TimeUnit.SECONDS);
                assertThat(line).as("the child's output before \"%s\"", waitFor).isNotNull().doesNotStartWith("Exception");
            } while (!line.equals(waitFor));
            Thread.sleep(delay);
            assertThat(child.isAlive()).as("the child is still ingesting when it is killed").isTrue();
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            child.destroyForcibly();
        }
        reader.join(10_000);
        assertThat(said).noneMatch(l -> l.startsWith(IngestChildMain.DONE));

        try (PulseStore store = PulseStore.open(db)) {
            long afterCrash = store.eventCount();
            long batches = store.scalarLong("SELECT count(*) FROM ingest_batches");
            assertThat(afterCrash).isIn(0L, (long) EVENTS);
            assertThat(batches).isEqualTo(afterCrash == 0 ? 0 : 1);
            assertThat(store.scalarLong("SELECT coalesce(sum(loaded), 0) FROM ingest_batches")).isEqualTo(afterCrash);

            IngestSummary rerun = Ingestor.ingestEvents(store, IngestRequest.of(events, Mapping.canonical()));

            assertThat(rerun.loaded()).isEqualTo(EVENTS - afterCrash);
            assertThat(store.eventCount()).isEqualTo(EVENTS);
            assertThat(store.scalarLong("SELECT count(DISTINCT event_id) FROM events")).isEqualTo(EVENTS);
            assertThat(store.scalarLong("SELECT count(*) FROM ingest_batches")).isEqualTo(batches + 1);
        }
    }
}
