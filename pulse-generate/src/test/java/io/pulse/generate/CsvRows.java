package io.pulse.generate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * Reads the generated CSVs back independently of the writer. The generator never emits commas
 * or quotes inside a field, so a plain split is a complete parser here; rows with quotes fail.
 */
final class CsvRows {

    static final String EVENTS_HEADER =
            "event_id,user_id,ts,type,amount,duration_s,item_id,category,channel,source,quantity";
    static final String USERS_HEADER = "user_id,signup_date,age_band,gender,region,channel";
    static final String ACTIONS_HEADER = "action_id,rule_id,user_id,action,ts,control";

    record EventRow(long line, String eventId, String userId, String ts, String type, String amount,
                    String durationS, String itemId, String category, String channel, String source,
                    String quantity) {

        Instant instant() {
            return Instant.parse(ts);
        }

        String day() {
            return ts.substring(0, 10);
        }

        double amountValue() {
            return Double.parseDouble(amount);
        }

        int duration() {
            return Integer.parseInt(durationS);
        }
    }

    record ActionRow(long line, String actionId, String ruleId, String userId, String action, String ts,
                     boolean control) {

        LocalDate day() {
            return LocalDate.parse(ts.substring(0, 10));
        }
    }

    private CsvRows() {
    }

    /** Every row after the header, with its 1-based line number; returns the header. */
    static String forEach(Path file, int fields, Consumer<String[]> row) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = in.readLine();
            String line;
            long number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.indexOf('"') >= 0) {
                    throw new AssertionError(file + ":" + number + ": unexpected quoting: " + line);
                }
                String[] cells = line.split(",", -1);
                if (cells.length != fields) {
                    throw new AssertionError(file + ":" + number + ": " + cells.length + " fields: " + line);
                }
                row.accept(cells);
            }
            return header;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String forEachEvent(Path file, Consumer<EventRow> row) {
        long[] line = {1};
        return forEach(file, 11, c -> row.accept(new EventRow(++line[0], c[0], c[1], c[2], c[3], c[4], c[5], c[6],
                c[7], c[8], c[9], c[10])));
    }

    static String forEachAction(Path file, Consumer<ActionRow> row) {
        long[] line = {1};
        return forEach(file, 6, c -> {
            if (!c[5].equals("true") && !c[5].equals("false")) {
                throw new AssertionError(file + ":" + (line[0] + 1) + ": control is '" + c[5] + "'");
            }
            row.accept(new ActionRow(++line[0], c[0], c[1], c[2], c[3], c[4], Boolean.parseBoolean(c[5])));
        });
    }
}
