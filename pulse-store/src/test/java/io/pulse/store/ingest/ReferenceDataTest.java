package io.pulse.store.ingest;

import io.pulse.store.PulseStore;
import io.pulse.store.TestFiles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.pulse.store.TestFiles.column;
import static io.pulse.store.TestFiles.scalar;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped mappings load the real reference files whole. Each figure is checked twice: against
 * the data's README and against a plain Java reading of the same file.
 */
class ReferenceDataTest extends StoreFixture {


    private IngestSummary ingest(Path file, String mapping) {
        return Ingestor.ingestEvents(store, IngestRequest.of(file, Ingestor.eventMapping(mapping)));
    }

    /** Per user: purchases and dollars, read from a whitespace-aligned CDNOW file with plain Java. */
    private static Map<String, String> cdnowByUser(Path file, boolean header, int userColumn, int dollarColumn)
            throws IOException {
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal> dollars = new HashMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        for (String line : header ? lines.subList(1, lines.size()) : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            counts.computeIfAbsent(f[userColumn], k -> new long[1])[0]++;
            dollars.merge(f[userColumn], new BigDecimal(f[dollarColumn]), BigDecimal::add);
        }
        Map<String, String> out = new TreeMap<>();
        counts.forEach((user, n) -> out.put(user, n[0] + " / " + dollars.get(user).setScale(2)));
        return out;
    }

    private Map<String, String> storedByUser() {
        Map<String, String> out = new TreeMap<>();
        for (String row : column(store, "SELECT user_id || '=' || count(*) || ' / ' || CAST(sum(amount) AS DECIMAL(18,2))"
                + " FROM events GROUP BY user_id")) {
            String[] p = row.split("=", 2);
            out.put(p[0], p[1]);
        }
        return out;
    }

    @Test
    void cdnowMasterLoadsEveryLineWithTheFiguresItsReadmeGives() {
        IngestSummary summary = ingest(TestFiles.sharedData("cdnow/CDNOW_master.txt"), "cdnow");

        assertThat(summary.rowsRead()).isEqualTo(69_659);
        assertThat(summary.loaded()).isEqualTo(69_659);
        assertThat(summary.rejected()).isZero();
        assertThat(summary.rejectsFile()).isNull();
        assertThat(store.scalarLong("SELECT count(DISTINCT user_id) FROM events")).isEqualTo(23_570);
        assertThat(scalar(store, "SELECT sum(amount) FROM events")).isEqualTo("2500315.6300");
        assertThat(scalar(store, "SELECT min(ts)::DATE || '..' || max(ts)::DATE FROM events")).isEqualTo("1997-01-01..1998-06-30");
        assertThat(store.scalarLong("SELECT count(*) FROM events WHERE amount = 0")).isEqualTo(80);
    }

    @Test
    void cdnowMasterMatchesAPlainReadingOfTheFileUserByUser() throws IOException {
        Path file = TestFiles.sharedData("cdnow/CDNOW_master.txt");

        ingest(file, "cdnow");

        assertThat(storedByUser()).isEqualTo(cdnowByUser(file, true, 0, 3));
    }

    @Test
    void cdnowMasterKeepsTheFilesCdCountsAndDates() throws IOException {
        Path file = TestFiles.sharedData("cdnow/CDNOW_master.txt");
        long cds = 0;
        Map<String, Long> byDay = new TreeMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split("\\s+");
            cds += Long.parseLong(f[2]);
            String day = f[1].substring(0, 4) + "-" + f[1].substring(4, 6) + "-" + f[1].substring(6);
            byDay.merge(day, 1L, Long::sum);
        }

        ingest(file, "cdnow");

        assertThat(store.scalarLong("SELECT sum(quantity) FROM events")).isEqualTo(cds);
        Map<String, Long> stored = new TreeMap<>();
        column(store, "SELECT CAST(ts AS DATE) || '=' || count(*) FROM events GROUP BY CAST(ts AS DATE)")
                .forEach(r -> stored.put(r.split("=")[0], Long.parseLong(r.split("=")[1])));
        assertThat(stored).isEqualTo(byDay);
    }

    @Test
    void cdnowMasterLoadedAgainAddsNothing() {
        Path file = TestFiles.sharedData("cdnow/CDNOW_master.txt");
        ingest(file, "cdnow");

        IngestSummary again = ingest(file, "cdnow");

        assertThat(again.loaded()).isZero();
        assertThat(again.duplicates()).isEqualTo(69_659);
        assertThat(store.eventCount()).isEqualTo(69_659);
    }

    @Test
    void cdnowSampleLoadsEveryLineUnderTheSampleIds() throws IOException {
        Path file = TestFiles.sharedData("cdnow/CDNOW_sample.txt");

        IngestSummary summary = ingest(file, "cdnow-sample");

        assertThat(summary.loaded()).isEqualTo(6_919);
        assertThat(summary.rejected()).isZero();
        assertThat(store.scalarLong("SELECT count(DISTINCT user_id) FROM events")).isEqualTo(2_357);
        assertThat(column(store, "SELECT min(CAST(user_id AS INTEGER)) || '..' || max(CAST(user_id AS INTEGER)) FROM events"))
                .containsExactly("1..2357");
        assertThat(storedByUser()).isEqualTo(cdnowByUser(file, false, 1, 4));
    }

    @Test
    void cdnowSampleLoadedAgainAddsNothing() {
        Path file = TestFiles.sharedData("cdnow/CDNOW_sample.txt");
        ingest(file, "cdnow-sample");

        IngestSummary again = ingest(file, "cdnow-sample");

        assertThat(again.loaded()).isZero();
        assertThat(again.duplicates()).isEqualTo(6_919);
    }

    /** Type → "rows / Σ|quantity| / Σ|quantity × unit price|", and the customer count, from the CSV with plain Java. */
    private static Map<String, String> onlineRetailByType(Path file) throws IOException {
        List<List<String>> rows = TestFiles.parseCsv(Files.readString(file, StandardCharsets.UTF_8));
        List<String> header = rows.get(0);
        int invoice = header.indexOf("InvoiceNo");
        int quantity = header.indexOf("Quantity");
        int price = header.indexOf("UnitPrice");
        Map<String, long[]> counts = new TreeMap<>();
        Map<String, BigDecimal> amounts = new HashMap<>();
        for (List<String> r : rows.subList(1, rows.size())) {
            String type = r.get(invoice).startsWith("C") ? "refund" : "purchase";
            long q = Long.parseLong(r.get(quantity));
            long[] c = counts.computeIfAbsent(type, k -> new long[2]);
            c[0]++;
            c[1] += Math.abs(q);
            amounts.merge(type, new BigDecimal(q).multiply(new BigDecimal(r.get(price))).abs(), BigDecimal::add);
        }
        Map<String, String> out = new TreeMap<>();
        counts.forEach((type, c) -> out.put(type, c[0] + " / " + c[1] + " / " + amounts.get(type).setScale(2)));
        return out;
    }

    @Test
    void onlineRetailLoadsEveryRowWithCancellationsAsRefunds() throws IOException {
        Path file = TestFiles.sharedData("uci_online_retail/online_retail_customers_id_mod10_eq3.csv");

        IngestSummary summary = ingest(file, "online-retail");

        assertThat(summary.loaded()).isEqualTo(34_816);
        assertThat(summary.rejected()).isZero();
        Map<String, String> stored = new TreeMap<>();
        column(store, "SELECT type || '=' || count(*) || ' / ' || sum(quantity) || ' / ' || CAST(sum(amount) AS DECIMAL(18,2))"
                + " FROM events GROUP BY type").forEach(r -> stored.put(r.split("=")[0], r.split("=")[1]));
        assertThat(stored).isEqualTo(onlineRetailByType(file));
    }

    @Test
    void onlineRetailAgreesWithTheFiguresItsReadmeGives() {
        ingest(TestFiles.sharedData("uci_online_retail/online_retail_customers_id_mod10_eq3.csv"), "online-retail");

        assertThat(store.scalarLong("SELECT count(*) FROM events WHERE type = 'refund'")).isEqualTo(845);
        assertThat(store.scalarLong("SELECT count(DISTINCT user_id) FROM events")).isEqualTo(440);
        // The README's Σ Quantity·UnitPrice: 669,170.98 over purchases and 646,664.64 over all rows,
        // so refunds (made positive) add up to the difference.
        assertThat(scalar(store, "SELECT sum(amount) FROM events WHERE type = 'purchase'")).isEqualTo("669170.9800");
        assertThat(scalar(store, "SELECT sum(amount) FROM events WHERE type = 'refund'")).isEqualTo("22506.3400");
        assertThat(scalar(store, "SELECT min(ts) || ' .. ' || max(ts) FROM events"))
                .isEqualTo("2010-12-01 08:45:00 .. 2011-12-09 12:49:00");
        assertThat(store.scalarLong("SELECT count(DISTINCT item_id) FROM events")).isEqualTo(2_820);
    }
}
