package io.pulse.generate.internal;

import io.pulse.generate.EventSink;
import io.pulse.generate.GroundTruth;
import io.pulse.generate.SyntheticAction;
import io.pulse.generate.SyntheticEvent;
import io.pulse.generate.SyntheticUser;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sink behind {@code pulse generate}: events.csv, users.csv, actions.csv, truth.json and tags.yaml in one
 * directory. Everything is written under {@code .partial} names and renamed only once complete, so an
 * interrupted run never leaves a file that looks finished but is not.
 *
 * <p>Actions arrive by user but are written by time. Campaign days are few, so each day's rows go to
 * a file of their own as they come, and at the end the days are joined in order, each day sorted in
 * memory: memory is bounded by one day's actions, never the whole file.
 */
public final class CsvFiles implements EventSink, AutoCloseable {

    public static final String EVENTS = "events.csv";
    public static final String USERS = "users.csv";
    public static final String TRUTH = "truth.json";
    public static final String ACTIONS = "actions.csv";
    public static final String TAGS = "tags.yaml";
    public static final String EVENTS_HEADER =
            "event_id,user_id,ts,type,amount,duration_s,item_id,category,channel,source,quantity";
    public static final String USERS_HEADER = "user_id,signup_date,age_band,gender,region,channel";
    public static final String ACTIONS_HEADER = "action_id,rule_id,user_id,action,ts,control";
    private static final String[] FILES = {EVENTS, USERS, ACTIONS, TAGS, TRUTH};
    private static final String PARTIAL = ".partial";

    private final Path dir;
    private final AsciiOut events;
    private final AsciiOut users;
    private final Map<LocalDate, AsciiOut> actionsByDay = new TreeMap<>();
    private final long firstDayEpochSecond;
    /** {@code 2025-03-01T} for every day of the period, since nearly every timestamp starts with one. */
    private final byte[][] dayPrefix;
    private boolean committed;

    public CsvFiles(Path dir, LocalDate start, int days) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        firstDayEpochSecond = start.toEpochDay() * 86_400;
        dayPrefix = new byte[days][];
        for (int d = 0; d < days; d++) {
            dayPrefix[d] = (start.plusDays(d) + "T").getBytes(StandardCharsets.US_ASCII);
        }
        events = open(EVENTS);
        try {
            users = open(USERS);
            events.put(EVENTS_HEADER.getBytes(StandardCharsets.US_ASCII)).put('\n');
            users.put(USERS_HEADER.getBytes(StandardCharsets.US_ASCII)).put('\n');
        } catch (IOException | RuntimeException e) {
            events.close();
            throw e;
        }
    }

    private AsciiOut open(String name) throws IOException {
        return open(name, 1 << 16);
    }

    private AsciiOut open(String name, int buffer) throws IOException {
        return new AsciiOut(new BufferedOutputStream(Files.newOutputStream(partial(name)), buffer));
    }

    private static String actionsOf(LocalDate day) {
        return "actions-" + day + ".csv";
    }

    private Path partial(String name) {
        return dir.resolve(name + PARTIAL);
    }

    public Path path(String name) {
        return dir.resolve(name);
    }

    @Override
    public void user(SyntheticUser user) {
        try {
            users.field(user.userId()).put(',')
                    .field(user.signupDate().toString()).put(',')
                    .field(user.ageBand()).put(',')
                    .field(user.gender()).put(',')
                    .field(user.region()).put(',')
                    .field(user.channel()).put('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void event(SyntheticEvent e) {
        try {
            events.field(e.eventId()).put(',').field(e.userId()).put(',');
            timestamp(e.epochSecond());
            events.put(',').field(e.type().name()).put(',');
            if (e.hasAmount()) {
                events.cents(e.amountCents());
            }
            events.put(',');
            if (e.durationSeconds() != SyntheticEvent.NO_DURATION) {
                events.number(e.durationSeconds());
            }
            events.put(',').field(e.itemId())
                    .put(',').field(e.category())
                    .put(',').field(e.channel())
                    .put(',').field(e.source())
                    .put(',');
            if (e.quantity() != SyntheticEvent.NO_QUANTITY) {
                events.number(e.quantity());
            }
            events.put('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void action(SyntheticAction a) {
        try {
            AsciiOut day = actionsByDay.get(a.day());
            if (day == null) {
                day = open(actionsOf(a.day()), 1 << 13);
                actionsByDay.put(a.day(), day);
            }
            day.field(a.actionId()).put(',')
                    .field(a.ruleId()).put(',')
                    .field(a.userId()).put(',')
                    .field(a.action()).put(',')
                    .field(a.ts().toString()).put(',')
                    .field(Boolean.toString(a.control())).put('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ISO-8601 in UTC to the second, e.g. {@code 2025-03-01T14:05:09Z}. */
    private void timestamp(long epochSecond) throws IOException {
        long sinceStart = epochSecond - firstDayEpochSecond;
        int day = (int) Math.floorDiv(sinceStart, 86_400L);
        if (day < 0 || day >= dayPrefix.length) {
            events.field(LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC) + "Z");
            return;
        }
        int second = (int) (sinceStart - day * 86_400L);
        events.put(dayPrefix[day])
                .twoDigits(second / 3600).put(':')
                .twoDigits(second / 60 % 60).put(':')
                .twoDigits(second % 60).put('Z');
    }

    @Override
    public void finish(GroundTruth truth) {
        try {
            joinActions();
            PlantedTags.writeYaml(partial(TAGS));
            TruthJson.write(truth, partial(TRUTH));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** actions.csv: the days in order, each day's rows by action_id (one timestamp per day). */
    private void joinActions() throws IOException {
        try (AsciiOut actions = open(ACTIONS)) {
            actions.put(ACTIONS_HEADER.getBytes(StandardCharsets.US_ASCII)).put('\n');
            for (LocalDate day : new ArrayList<>(actionsByDay.keySet())) {
                actionsByDay.remove(day).close();
                Path file = partial(actionsOf(day));
                List<String> rows = Files.readAllLines(file, StandardCharsets.US_ASCII);
                rows.sort(Comparator.comparing(row -> row.substring(0, row.indexOf(','))));
                for (String row : rows) {
                    actions.put(row.getBytes(StandardCharsets.US_ASCII)).put('\n');
                }
                Files.delete(file);
            }
        }
    }

    /** Closes the files and gives them their final names. */
    public void commit() throws IOException {
        closeStreams();
        for (String name : FILES) {
            try {
                Files.move(partial(name), path(name), StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial(name), path(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        committed = true;
    }

    private void closeStreams() throws IOException {
        try {
            events.close();
        } finally {
            users.close();
        }
    }

    /** Per-day action files left by a run that failed before joining them. */
    private void dropActionDays() throws IOException {
        for (Map.Entry<LocalDate, AsciiOut> day : actionsByDay.entrySet()) {
            try {
                day.getValue().close();
            } finally {
                Files.deleteIfExists(partial(actionsOf(day.getKey())));
            }
        }
        actionsByDay.clear();
    }

    /** After a failure: closes and removes what was written. */
    @Override
    public void close() throws IOException {
        if (committed) {
            return;
        }
        try {
            closeStreams();
        } finally {
            try {
                dropActionDays();
            } finally {
                for (String name : FILES) {
                    Files.deleteIfExists(partial(name));
                }
            }
        }
    }
}
