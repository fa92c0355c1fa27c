package io.pulse.store.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * A seeded generator of canonical event CSV files that mix good lines with mangled ones, and
 * that knows, line by line, what it wrote: which event each good line is, and on which physical
 * line each bad record starts and why it is bad. Only bad lines whose rejection is certain are
 * written, so the expectation is exact.
 */
final class MangledCsv {

    static final String[] COLUMNS = {"event_id", "user_id", "ts", "type", "amount", "quantity"};
    private static final String[] TYPES = {"view", "session", "search", "cart", "purchase", "refund", "click"};
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final String[] USER_NAMES = {"u", "user", "ユーザー", "émile", "😀", "Ωmega", "o\"neil", "a b"};
    private static final String[] BAD_DATES = {"2025-02-30T10:00:00Z", "2025-13-01T10:00:00Z", "yesterday",
            "1989-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "10/03/2025", "2025-01-01T25:00:00Z", "２０２５-03-01",
            "20250301", "2025-03-01T10:00:00+05:00junk"};
    private static final String[] BAD_NUMBERS = {"abc", "1.2.3", "$5", "12..5", "1,5", "--3", "0x1F", "NaN-ish"};

    /** What was written. */
    record Expected(byte[] bytes, char delimiter, Map<String, GoodRow> good, TreeMap<Long, String> badLines,
                    int dataRows, int duplicateRows) {
    }

    /** A good line's event: the id, the user and the instant it must be stored with. */
    record GoodRow(String eventId, String userId, Instant ts, String type, long line) {
    }

    private final Random random;
    private final long seed;
    private final char delimiter;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, GoodRow> good = new LinkedHashMap<>();
    private final List<String> goodTexts = new ArrayList<>();
    private final TreeMap<Long, String> badLines = new TreeMap<>();
    private long line = 1;
    private int dataRows;
    private int duplicateRows;
    private int nextId;
    /** The instant and type of the good fields most recently drawn. */
    private Instant pendingTs;
    private String pendingType;

    private MangledCsv(long seed) {
        this.seed = seed;
        this.random = new Random(seed);
        this.delimiter = DELIMITERS[random.nextInt(DELIMITERS.length)];
    }

    static Expected generate(long seed) {
        return new MangledCsv(seed).write();
    }

    private Expected write() {
        physical(String.join(String.valueOf(delimiter), COLUMNS), StandardCharsets.UTF_8);
        int records = 30 + random.nextInt(60);
        for (int i = 0; i < records; i++) {
            int pick = random.nextInt(100);
            if (pick < 55) {
                goodRecord();
            } else if (pick < 60 && !goodTexts.isEmpty()) {
                record(goodTexts.get(random.nextInt(goodTexts.size())));
                duplicateRows++;
            } else if (pick < 65) {
                physical("", StandardCharsets.UTF_8);
            } else {
                badRecord();
            }
        }
        // An opening quote that never closes swallows everything after it, so it can only come last.
        boolean openQuoteLast = random.nextInt(4) == 0;
        if (openQuoteLast) {
            String[] f = goodFields(false);
            f[1] = "\"" + f[1];
            bad(join(f), "opening quote never closed");
        }
        boolean finalNewline = openQuoteLast || random.nextBoolean();
        byte[] bytes = out.toByteArray();
        if (!finalNewline) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length - 1);
        }
        return new Expected(bytes, delimiter, good, badLines, dataRows, duplicateRows);
    }

    private void goodRecord() {
        String[] fields = goodFields(true);
        String text = join(fields);
        goodTexts.add(text);
        String eventId = unquote(fields[0]);
        good.put(eventId, new GoodRow(eventId, unquote(fields[1]), pendingTs, pendingType, line));
        record(text);
    }

    /** A good line's fields, quoted as CSV; {@code fancy} allows quoting, delimiters and newlines in values. */
    private String[] goodFields(boolean fancy) {
        String eventId = "g" + seed + "_" + nextId++;
        String user = USER_NAMES[random.nextInt(USER_NAMES.length)] + random.nextInt(1000);
        if (fancy && random.nextInt(8) == 0) {
            user = user + delimiter + "x";
        }
        if (fancy && random.nextInt(10) == 0) {
            user = user + "\nsecond line";
        }
        if (!fancy) {
            user = "u" + random.nextInt(1000);
        }
        LocalDateTime local = LocalDateTime.of(1995 + random.nextInt(95), 1 + random.nextInt(12), 1 + random.nextInt(28),
                random.nextInt(24), random.nextInt(60), random.nextInt(60));
        String ts;
        int style = random.nextInt(4);
        if (style == 0) {
            ts = local.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "Z";
            pendingTs = local.toInstant(ZoneOffset.UTC);
        } else if (style == 1) {
            ts = local.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));
            pendingTs = local.toInstant(ZoneOffset.UTC);
        } else {
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(((random.nextInt(27) - 12) * 60 + (random.nextBoolean() ? 0 : 30)) * 60);
            ts = local.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + (offset.getTotalSeconds() == 0 ? "+00:00" : offset.getId());
            pendingTs = local.toInstant(offset);
        }
        String type = TYPES[random.nextInt(TYPES.length)];
        pendingType = type;
        String shownType = random.nextInt(5) == 0 ? type.toUpperCase(Locale.ROOT) : type;
        String amount = random.nextBoolean() ? "" : random.nextInt(1_000_000) + "." + String.format(Locale.ROOT, "%02d", random.nextInt(100));
        String quantity = random.nextBoolean() ? "" : String.valueOf(random.nextInt(1000));
        String[] values = {eventId, user, ts, shownType, amount, quantity};
        for (int i = 0; i < values.length; i++) {
            values[i] = quote(values[i], fancy && random.nextInt(6) == 0);
        }
        return values;
    }

    private void badRecord() {
        int kind = random.nextInt(12);
        String[] f = goodFields(false);
        switch (kind) {
            case 0 -> {
                badLines.put(line, "random bytes");
                dataRows++;
                physical(randomBytes(), StandardCharsets.ISO_8859_1);
            }
            case 1 -> {
                String plain = join(f);
                int fifth = nthIndex(plain, delimiter, 5);
                bad(plain.substring(0, 1 + random.nextInt(fifth - 1)), "truncated");
            }
            case 2 -> bad(join(f) + (delimiter + "extra").repeat(1 + random.nextInt(3)), "extra fields");
            case 3 -> {
                f[1] = "\"" + unquote(f[1]) + "\"junk";
                bad(join(f), "text after a closing quote");
            }
            case 4 -> {
                int field = random.nextInt(3);
                int length = field == 2 ? 40 + random.nextInt(20) : 1001 + random.nextInt(20_000);
                String huge = field == 2 ? "9".repeat(length) : "h".repeat(length);
                f[field == 0 ? 0 : field == 1 ? 1 : 4] = huge;
                bad(join(f), "huge value");
            }
            case 5 -> {
                f[3] = random.nextBoolean() ? "vïew" : "购买";
                bad(join(f), "unicode type");
            }
            case 6 -> {
                f[2] = BAD_DATES[random.nextInt(BAD_DATES.length)];
                bad(join(f), "bad date");
            }
            case 7 -> {
                if (random.nextBoolean()) {
                    f[4] = "-" + (1 + random.nextInt(100_000)) + "." + random.nextInt(10);
                } else {
                    f[5] = "-" + (1 + random.nextInt(100));
                }
                bad(join(f), "negative number");
            }
            case 8 -> {
                if (random.nextBoolean()) {
                    f[4] = quote(BAD_NUMBERS[random.nextInt(BAD_NUMBERS.length)], false);
                } else {
                    f[5] = random.nextBoolean() ? "1.5" : "two";
                }
                bad(join(f), "not a number");
            }
            case 9 -> {
                f[1] = random.nextBoolean() ? "" : "   ";
                bad(join(f), "missing user");
            }
            case 10 -> {
                f[3] = random.nextBoolean() ? "teleport" : "";
                bad(join(f), "unknown or missing type");
            }
            default -> bad(" ".repeat(1 + random.nextInt(4)), "spaces only");
        }
    }

    private String randomBytes() {
        // Anything but line ends and quotes: a quote could open a value that runs over later lines.
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int n = 3 + random.nextInt(60);
        while (b.size() < n) {
            int x = random.nextInt(256);
            if (x != '\n' && x != '\r' && x != '"') {
                b.write(x);
            }
        }
        byte[] bytes = b.toByteArray();
        if (new String(bytes, StandardCharsets.ISO_8859_1).isBlank()) {
            bytes[0] = 'x';
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private void bad(String text, String why) {
        badLines.put(line, why);
        record(text);
    }

    private void record(String text) {
        dataRows++;
        physical(text, StandardCharsets.UTF_8);
    }

    /** Appends text and a newline; random bytes are kept as ISO-8859-1 characters and go out as the bytes they are. */
    private void physical(String text, java.nio.charset.Charset charset) {
        out.writeBytes(text.getBytes(charset));
        out.write('\n');
        line += 1 + text.chars().filter(c -> c == '\n').count();
    }

    private String join(String[] fields) {
        return String.join(String.valueOf(delimiter), fields);
    }

    private String quote(String value, boolean always) {
        boolean needs = value.indexOf(delimiter) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0;
        return needs || always ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static String unquote(String field) {
        if (field.length() >= 2 && field.startsWith("\"") && field.endsWith("\"")) {
            return field.substring(1, field.length() - 1).replace("\"\"", "\"");
        }
        return field;
    }

    private static int nthIndex(String text, char c, int n) {
        int at = -1;
        for (int i = 0; i < n; i++) {
            at = text.indexOf(c, at + 1);
        }
        return at;
    }
}
