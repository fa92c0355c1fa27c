package io.pulse.store.ingest;

import io.pulse.core.progress.Progress;
import io.pulse.store.PulseStore;

import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Run in a child JVM by {@link CrashSafetyTest}: ingests one events file into one store, saying on
 * standard output when it begins and which phase it enters, so the test knows when to kill it.
 * Arguments: the store, the events file.
 */
public final class IngestChildMain {

    static final String BEGINS = "ingest begins";
    static final String PHASE = "phase ";
    static final String DONE = "ingest done ";

    private IngestChildMain() {
    }

    public static void main(String[] args) throws SQLException {
        Progress phases = new Progress() {
            @Override
            public void start(String task, long total) {
                say(PHASE + task.split(" ")[0]);
            }

            @Override
            public void advance(long units) {
            }

            @Override
            public void done() {
            }
        };
        try (PulseStore store = PulseStore.open(Path.of(args[0]))) {
            // Two threads, as on CI, so the ingest lasts long enough to be killed in the middle
            // however many cores this machine has.
            try (Statement s = store.connection().createStatement()) {
                s.execute("SET threads = 2");
            }
            say(BEGINS);
            IngestSummary summary = Ingestor.ingestEvents(store, new IngestRequest(Path.of(args[1]), Mapping.canonical(),
                    null, null, phases));
            say(DONE + summary.loaded());
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
