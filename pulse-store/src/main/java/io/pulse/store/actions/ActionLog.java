package io.pulse.store.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.pulse.core.PulseInputException;
import io.pulse.store.PulseStore;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Imports a log of operations done before Pulse (or by another system) into the {@link Outbox}, so
 * {@code pulse backtest} can follow them up: one CSV row per decided action, treated or control,
 * <pre>
 *   action_id,rule_id,user_id,action,ts,control
 *   dormant-coupon:u42:2025-03-15,dormant-coupon,u42,coupon,2025-03-15T09:00:00Z,false
 * </pre>
 * Treated rows are stored as {@code sent} (they were delivered), control rows as {@code control}.
 * Rows that do not validate go to a rejects file with their line, field and reason; the others load
 * in one transaction; an action id already in the outbox is kept as it is, so importing twice adds
 * nothing.
 */
public final class ActionLog {

    public static final List<String> COLUMNS = List.of("action_id", "rule_id", "user_id", "action", "ts", "control");
    static final Set<String> ACTIONS = Set.of("coupon", "recommendation", "exclusive_service", "win_back");
    /** Far beyond any real id, and keeps a hostile file from filling memory one field at a time. */
    static final int MAX_FIELD = 256;
    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private ActionLog() {
    }

    /** A row that did not load. */
    public record Rejected(long line, String field, String reason, String content) {
    }

    /**
     * @param rows data rows read
     * @param added rows new to the outbox
     * @param rejectsFile where the rejected rows went; null when none was rejected
     */
    public record Summary(Path file, long rows, long added, List<Rejected> rejected, Path rejectsFile) {

        public long alreadyPresent() {
            return rows - rejected.size() - added;
        }
    }

    /** @param rejects where rejected rows go; null for {@code <file>.rejects.csv} */
    public static Summary load(PulseStore store, Path file, Path rejects) {
        if (!Files.isRegularFile(file)) {
            throw new PulseInputException(file.toString(), "no such file");
        }
        Path rejectsFile = rejects != null ? rejects : file.resolveSibling(file.getFileName() + ".rejects.csv");
        List<Outbox.Row> rows = new ArrayList<>();
        List<Rejected> rejected = new ArrayList<>();
        long read = 0;
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(reader)) {
            if (!it.hasNext()) {
                throw new PulseInputException(file.toString(), 1, "header", "the file is empty; expected the header "
                        + String.join(",", COLUMNS));
            }
            Map<String, Integer> at = header(file, it.next());
            while (it.hasNext()) {
                // hasNext() has read the start of the row, so this is the row's own line.
                long line = it.getCurrentLocation().getLineNr();
                String[] fields = it.next();
                if (fields.length == 1 && fields[0].isBlank()) {
                    continue;
                }
                read++;
                try {
                    rows.add(row(fields, at));
                } catch (RowError e) {
                    rejected.add(new Rejected(line, e.field, e.getMessage(), String.join(",", fields)));
                }
            }
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new PulseInputException(file.toString(), line, "csv", "not valid CSV: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new PulseInputException(file.toString(), "cannot read: " + e.getMessage());
        }
        writeRejects(rejectsFile, rejected);
        long added = Outbox.insert(store, rows, true);
        return new Summary(file, read, added, List.copyOf(rejected), rejected.isEmpty() ? null : rejectsFile);
    }

    private static Map<String, Integer> header(Path file, String[] names) {
        Map<String, Integer> at = new HashMap<>();
        for (int i = 0; i < names.length; i++) {
            at.put(names[i].trim().toLowerCase(Locale.ROOT), i);
        }
        for (String c : COLUMNS) {
            if (!at.containsKey(c)) {
                throw new PulseInputException(file.toString(), 1, c, "the header has no column '" + c
                        + "'; expected " + String.join(",", COLUMNS));
            }
        }
        return at;
    }

    private static Outbox.Row row(String[] fields, Map<String, Integer> at) {
        String actionId = field(fields, at, "action_id");
        String ruleId = field(fields, at, "rule_id");
        if (!RULE_ID.matcher(ruleId).matches()) {
            throw new RowError("rule_id", "'" + ruleId + "' is not a rule id (letters, digits, '_', '-', '.'; up to 64)");
        }
        String userId = field(fields, at, "user_id");
        String action = field(fields, at, "action");
        if (!ACTIONS.contains(action)) {
            throw new RowError("action", "'" + action + "' is not an action; expected one of " + ACTIONS.stream().sorted().toList());
        }
        Instant ts = timestamp(field(fields, at, "ts"));
        String control = field(fields, at, "control").toLowerCase(Locale.ROOT);
        if (!control.equals("true") && !control.equals("false")) {
            throw new RowError("control", "'" + control + "' is not true or false");
        }
        return new Outbox.Row(actionId, ruleId, userId, action, "{\"imported\":true}", control.equals("true"), ts);
    }

    private static String field(String[] fields, Map<String, Integer> at, String name) {
        int i = at.get(name);
        String v = i < fields.length ? fields[i].trim() : "";
        if (v.isEmpty()) {
            throw new RowError(name, "empty");
        }
        if (v.length() > MAX_FIELD) {
            throw new RowError(name, "longer than " + MAX_FIELD + " characters");
        }
        return v;
    }

    /** An instant with a zone, a date-time taken as UTC, or a day (at midnight UTC). */
    static Instant timestamp(String v) {
        try {
            return Instant.parse(v);
        } catch (DateTimeParseException ignored) {
            // Not an instant with a zone; try the zone-less forms.
        }
        try {
            return LocalDateTime.parse(v.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // Not a date-time either.
        }
        try {
            return LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new RowError("ts", "'" + v + "' is not a time (e.g. 2025-03-15T09:00:00Z)");
        }
    }

    /** Written whole under a temporary name, then moved: never half a rejects file. */
    private static void writeRejects(Path file, List<Rejected> rejected) {
        if (rejected.isEmpty()) {
            return;
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            w.write("line,field,reason,content\n");
            for (Rejected r : rejected) {
                w.write(r.line() + "," + csv(r.field()) + "," + csv(r.reason()) + "," + csv(r.content()) + "\n");
            }
        } catch (IOException e) {
            throw new PulseInputException(file.toString(), "cannot write the rejects file: " + e.getMessage());
        }
        try {
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new PulseInputException(file.toString(), "cannot write the rejects file: " + e.getMessage());
        }
    }

    private static String csv(String v) {
        return "\"" + v.replace("\"", "\"\"") + "\"";
    }

    /** A field that does not validate; the row goes to the rejects file. */
    private static final class RowError extends RuntimeException {
        final String field;

        RowError(String field, String why) {
            super(why, null, false, false);
            this.field = field;
        }
    }
}
