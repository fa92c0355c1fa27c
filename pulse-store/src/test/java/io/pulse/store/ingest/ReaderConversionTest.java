package io.pulse.store.ingest;

import io.pulse.core.progress.Progress;
import io.pulse.generate.GeneratorConfig;
import io.pulse.generate.StoreGenerator;
import io.pulse.store.PulseStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import static io.pulse.store.TestFiles.column;
import static io.pulse.store.TestFiles.lines;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A clean CSV loads through DuckDB's reader converting the typed columns; a file with a value the
 * reader cannot convert is redone reading text. Both ways must store exactly the same events.
 */
class ReaderConversionTest {

    @TempDir
    Path dir;

    /** Every stored event as one comparable line, in event_id order. */
    private static List<String> events(PulseStore store) {
        return column(store, "SELECT concat_ws('|', event_id, user_id, CAST(ts AS VARCHAR), type, CAST(amount AS VARCHAR),"
                + " CAST(duration_s AS VARCHAR), item_id, category, channel, source, CAST(quantity AS VARCHAR))"
                + " FROM events ORDER BY event_id");
    }

    private List<String> load(Path file, String name) {
        try (PulseStore store = PulseStore.open(dir.resolve(name))) {
            IngestSummary s = Ingestor.ingestEvents(store, IngestRequest.of(file, Mapping.canonical()));
            assertThat(s.rowsRead()).isEqualTo(s.loaded() + s.duplicates() + s.rejected());
            return events(store);
        }
    }

    @Test
    void aGeneratedStoreLoadsTheSameWhetherTheReaderOrSqlConvertsIt() throws IOException {
        StoreGenerator.generate(GeneratorConfig.defaults().withUsers(400).withDays(30).withSeed(11), dir.resolve("g"),
                Progress.NONE);
        Path clean = dir.resolve("g/events.csv");
        Path forced = dir.resolve("forced.csv");
        Files.copy(clean, forced);
        // A timestamp the reader cannot convert sends the whole file down the text path.
        Files.writeString(forced, "zz-bad,u1,not-a-time,view,,,,,,,\n", StandardOpenOption.APPEND);

        List<String> viaReader = load(clean, "reader.duckdb");
        List<String> viaText = load(forced, "text.duckdb");

        assertThat(viaReader).hasSize((int) (Files.lines(clean).count() - 1));
        assertThat(viaText).isEqualTo(viaReader);
    }

    @Test
    void offsetsFractionsAndNaiveTimesAgreeOnBothPaths() throws IOException {
        String[] rows = {
                "a1,u1,2025-03-01T10:00:00Z,view,,12.5,,,,,",
                "a2,u1,2025-03-01T10:00:00.250+05:30,purchase,19.99,,,,,,2",
                "a3,u2,2025-03-01 23:59:59,cart,0.5,,,,,,",
                "a4,u2,2025-03-02,session,,1800,,,,,",
                "a5,u3,2025-03-01T10:00:00-08:00,refund,3.10,,,,,,1"};
        String header = "event_id,user_id,ts,type,amount,duration_s,item_id,category,channel,source,quantity";
        Path clean = lines(dir, "clean.csv", concat(header, rows, null));
        Path forced = lines(dir, "forced.csv", concat(header, rows, "zz,u9,yesterday,view,,,,,,,"));

        List<String> viaReader = load(clean, "r.duckdb");
        List<String> viaText = load(forced, "t.duckdb");

        assertThat(viaText).isEqualTo(viaReader);
        assertThat(viaReader).first().asString().contains("2025-03-01 10:00:00");
        assertThat(viaReader.get(1)).contains("2025-03-01 04:30:00.25");
        assertThat(viaReader.get(4)).contains("2025-03-01 18:00:00");
    }

    private static String[] concat(String header, String[] rows, String extra) {
        String[] all = new String[rows.length + (extra == null ? 1 : 2)];
        all[0] = header;
        System.arraycopy(rows, 0, all, 1, rows.length);
        if (extra != null) {
            all[all.length - 1] = extra;
        }
        return all;
    }
}
