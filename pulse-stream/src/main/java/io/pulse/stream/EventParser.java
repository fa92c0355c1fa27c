package io.pulse.stream;

import io.pulse.core.PulseInputException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses lines of the canonical events CSV (the layout of {@code pulse generate}: {@code event_id,user_id,ts,
 * type,amount,duration_s,item_id,category,channel,source,quantity}) straight from bytes into
 * {@link StreamEvent}s. Columns are found by name in the header, so their order may differ; {@code user_id},
 * {@code ts} and {@code type} are required. Fields are plain (no quotes): a quoted field is an input error,
 * since nothing Pulse writes needs one and supporting them would cost every line a scan.
 *
 * <p>{@code ts} takes the fast path for {@code YYYY-MM-DDTHH:MM:SS[Z]} and epoch seconds or millis (digits
 * only; 12 digits or more are millis), and falls back to ISO-8601 with fractions or an offset. Not thread
 * safe: one parser per source thread.
 */
public final class EventParser {

    private static final List<String> KNOWN = List.of("event_id", "user_id", "ts", "type", "amount", "duration_s",
            "item_id", "category", "channel", "source", "quantity");
    private static final int EVENT_ID = 0;
    private static final int USER = 1;
    private static final int TS = 2;
    private static final int TYPE = 3;
    private static final int AMOUNT = 4;
    private static final int DURATION = 5;
    private static final int ITEM = 6;
    private static final int CATEGORY = 7;
    private static final int CHANNEL = 8;
    private static final int SOURCE = 9;

    /** The canonical fields, in the order {@link #parseFields(String[], long)} takes their values. */
    public static final List<String> FIELDS = KNOWN;
    /** The canonical header: a parser built with it reads lines of the canonical layout. */
    public static final String CANONICAL_HEADER = String.join(",", KNOWN);
    private static final Pattern DECIMAL = Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)");
    private static final Pattern DURATION_TEXT = Pattern.compile("([0-9]{1,10})(\\.[0-9]*)?");
    /**
     * Timestamps of field input go through the CSV path's parser so both read a {@code ts} alike; that
     * method reads no mutable state, so one shared instance serves every thread.
     */
    private static final EventParser TIMESTAMPS = new EventParser(CANONICAL_HEADER, "fields");

    private final String sourceName;
    /** Known column (index into KNOWN) of each position of the line, -1 for extra columns. */
    private final int[] roleOfColumn;
    private final int[] starts;
    private final int[] ends;
    private final int[] at = new int[KNOWN.size()];
    private final Dictionary users = new Dictionary();
    private final Dictionary types = new Dictionary();
    private final Dictionary items = new Dictionary();
    private final Dictionary categories = new Dictionary();
    private final Dictionary channels = new Dictionary();
    private final Dictionary sources = new Dictionary();

    /**
     * @param header     the header line
     * @param sourceName file or stream name for error messages
     */
    public EventParser(String header, String sourceName) {
        this.sourceName = sourceName;
        String[] cols = header.strip().split(",", -1);
        roleOfColumn = new int[cols.length];
        Arrays.fill(at, -1);
        for (int c = 0; c < cols.length; c++) {
            int role = KNOWN.indexOf(cols[c].strip());
            roleOfColumn[c] = role;
            if (role >= 0) {
                at[role] = c;
            }
        }
        for (int required : new int[] {USER, TS, TYPE}) {
            if (at[required] < 0) {
                throw new PulseInputException(sourceName, 1, KNOWN.get(required), "required column is missing from the header");
            }
        }
        starts = new int[cols.length];
        ends = new int[cols.length];
        for (String t : StreamEvent.STANDARD_TYPES) {
            types.intern(t);
        }
    }

    /** Parses {@code line[from, to)} (without the newline; a trailing CR is ignored). */
    public StreamEvent parse(byte[] line, int from, int to, long lineNumber) {
        split(line, from, to, lineNumber);
        int user = required(line, USER, users, lineNumber);
        int type = required(line, TYPE, types, lineNumber);
        long ts = parseTimestamp(line, starts[at[TS]], ends[at[TS]], lineNumber);
        long idHash = at[EVENT_ID] >= 0 && ends[at[EVENT_ID]] > starts[at[EVENT_ID]]
                ? hash(line, starts[at[EVENT_ID]], ends[at[EVENT_ID]], 0)
                : contentHash(line);
        return new StreamEvent(idHash, user, ts, type,
                optional(line, ITEM, items), optional(line, CATEGORY, categories),
                optional(line, CHANNEL, channels), optional(line, SOURCE, sources), duration(line, lineNumber),
                amountCents(line, lineNumber));
    }

    /** Only the event time of a line: what a replay needs to put a file in time order. */
    public long timestamp(byte[] line, int from, int to, long lineNumber) {
        split(line, from, to, lineNumber);
        return parseTimestamp(line, starts[at[TS]], ends[at[TS]], lineNumber);
    }

    private void split(byte[] line, int from, int to, long lineNumber) {
        if (to > from && line[to - 1] == '\r') {
            to--;
        }
        int c = 0;
        starts[0] = from;
        for (int i = from; i < to; i++) {
            byte b = line[i];
            if (b == ',') {
                if (c + 1 >= starts.length) {
                    throw new PulseInputException(sourceName, lineNumber, null,
                            "more fields than the header's " + starts.length);
                }
                ends[c++] = i;
                starts[c] = i + 1;
            } else if (b == '"') {
                throw new PulseInputException(sourceName, lineNumber, null, "quoted fields are not supported");
            }
        }
        ends[c] = to;
        if (c + 1 != starts.length) {
            throw new PulseInputException(sourceName, lineNumber, null,
                    (c + 1) + " fields where the header has " + starts.length);
        }
    }

    /** Parses a line given as a String (tests, HTTP bodies). */
    public StreamEvent parse(String line, long lineNumber) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length, lineNumber);
    }

    public Dictionary users() {
        return users;
    }

    public Dictionary types() {
        return types;
    }

    public Dictionary items() {
        return items;
    }

    public Dictionary categories() {
        return categories;
    }

    public Dictionary channels() {
        return channels;
    }

    public Dictionary sources() {
        return sources;
    }

    private int required(byte[] line, int role, Dictionary dict, long lineNumber) {
        int c = at[role];
        if (ends[c] == starts[c]) {
            throw new PulseInputException(sourceName, lineNumber, KNOWN.get(role), "required field is empty");
        }
        return dict.intern(line, starts[c], ends[c]);
    }

    private int optional(byte[] line, int role, Dictionary dict) {
        int c = at[role];
        return c < 0 || ends[c] == starts[c] ? -1 : dict.intern(line, starts[c], ends[c]);
    }

    private int duration(byte[] line, long lineNumber) {
        int c = at[DURATION];
        if (c < 0 || ends[c] == starts[c]) {
            return -1;
        }
        long v = 0;
        for (int i = starts[c]; i < ends[c]; i++) {
            byte b = line[i];
            if (b == '.') {
                break;
            }
            if (b < '0' || b > '9' || v > Integer.MAX_VALUE) {
                throw new PulseInputException(sourceName, lineNumber, "duration_s",
                        "not a non-negative number: " + text(line, starts[c], ends[c]));
            }
            v = v * 10 + (b - '0');
        }
        return (int) Math.min(v, Integer.MAX_VALUE);
    }

    /** {@code amount} in cents: digits with an optional sign and decimal point, parsed without a double. */
    private long amountCents(byte[] line, long lineNumber) {
        int c = at[AMOUNT];
        if (c < 0 || ends[c] == starts[c]) {
            return 0;
        }
        int i = starts[c];
        int end = ends[c];
        boolean negative = line[i] == '-';
        if (negative || line[i] == '+') {
            i++;
        }
        long whole = 0;
        long frac = 0;
        int fracDigits = 0;
        boolean point = false;
        boolean any = false;
        boolean roundUp = false;
        for (; i < end; i++) {
            byte b = line[i];
            if (b == '.' && !point) {
                point = true;
                continue;
            }
            if (b < '0' || b > '9' || whole > 90_000_000_000_000_000L / 100) {
                throw new PulseInputException(sourceName, lineNumber, "amount",
                        "not a number: " + text(line, starts[c], ends[c]));
            }
            any = true;
            if (!point) {
                whole = whole * 10 + (b - '0');
            } else if (fracDigits < 2) {
                frac = frac * 10 + (b - '0');
                fracDigits++;
            } else if (fracDigits == 2) {
                roundUp = b >= '5';
                fracDigits++;
            }
        }
        if (!any) {
            throw new PulseInputException(sourceName, lineNumber, "amount", "not a number: " + text(line, starts[c], ends[c]));
        }
        if (fracDigits == 1) {
            frac *= 10;
        }
        long cents = whole * 100 + Math.min(frac, 99) + (roundUp ? 1 : 0);
        return negative ? -cents : cents;
    }

    private long parseTimestamp(byte[] b, int from, int to, long lineNumber) {
        int n = to - from;
        if ((n == 20 && b[from + 19] == 'Z' || n == 19) && b[from + 4] == '-' && b[from + 7] == '-'
                && b[from + 10] == 'T' && b[from + 13] == ':' && b[from + 16] == ':') {
            int y = digits(b, from, 4);
            int mo = digits(b, from + 5, 2);
            int d = digits(b, from + 8, 2);
            int h = digits(b, from + 11, 2);
            int mi = digits(b, from + 14, 2);
            int s = digits(b, from + 17, 2);
            if ((y | mo | d | h | mi | s) >= 0 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && s < 60) {
                return ((daysFromCivil(y, mo, d) * 24 + h) * 60 + mi) * 60_000L + s * 1000L;
            }
        }
        if (n > 0 && n <= 16 && digits(b, from, n) >= 0) {
            long v = Long.parseLong(text(b, from, to));
            return n >= 12 ? v : v * 1000;
        }
        String t = text(b, from, to);
        try {
            if (t.endsWith("Z")) {
                return Instant.parse(t).toEpochMilli();
            }
            if (t.length() > 19 && (t.indexOf('+', 19) > 0 || t.indexOf('-', 19) > 0)) {
                return OffsetDateTime.parse(t).toInstant().toEpochMilli();
            }
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new PulseInputException(sourceName, lineNumber, "ts",
                    "not an ISO-8601 timestamp or epoch seconds/millis: '" + t + "'");
        }
    }

    /** The value of {@code n} ASCII digits, or -1 when one is not a digit. */
    private static int digits(byte[] b, int from, int n) {
        long v = 0;
        for (int i = from; i < from + n; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }

    /** Howard Hinnant's days_from_civil: days since 1970-01-01 of a proleptic Gregorian date. */
    static long daysFromCivil(int y, int m, int d) {
        y -= m <= 2 ? 1 : 0;
        int era = (y >= 0 ? y : y - 399) / 400;
        int yoe = y - era * 400;
        int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097L + doe - 719468;
    }

    private long contentHash(byte[] line) {
        long h = 0;
        for (int c = 0; c < starts.length; c++) {
            if (roleOfColumn[c] != EVENT_ID) {
                h = hash(line, starts[c], ends[c], h + c);
            }
        }
        return h;
    }

    /** FNV-1a over the bytes, finished with the murmur3 fmix64 so near-identical ids spread. */
    static long hash(byte[] b, int from, int to, long seed) {
        long h = 0xcbf29ce484222325L ^ seed;
        for (int i = from; i < to; i++) {
            h = (h ^ b[i]) * 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    private static String text(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.UTF_8);
    }

    /**
     * Parses an event given as fields (JSON input): {@code values} in {@link #FIELDS} order, null or empty for
     * an absent field. It reads the fields as {@link #parse(byte[], int, int, long)} reads the columns of a
     * canonical line, so the same event gives the same {@link StreamEvent} either way (the dedup hash of an
     * event without {@code event_id} included). Checks everything before interning a name, so a bad event
     * leaves the dictionaries as they were.
     */
    public StreamEvent parseFields(String[] values, long record) {
        Checked c = checked(values, sourceName, record);
        return new StreamEvent(c.idHash(), users.intern(values[USER]), c.ts(), types.intern(values[TYPE]),
                optional(values[ITEM], items), optional(values[CATEGORY], categories),
                optional(values[CHANNEL], channels), optional(values[SOURCE], sources), c.durationS(),
                c.amountCents());
    }

    /**
     * Checks an event given as fields as {@link #parseFields(String[], long)} would, without any dictionary:
     * safe on any thread (an HTTP thread validates what the pipeline thread parses later).
     *
     * @throws PulseInputException naming {@code source}, {@code record} and the field
     */
    public static void checkFields(String[] values, String source, long record) {
        checked(values, source, record);
    }

    /** An event given as fields, checked, before its names are interned. */
    private record Checked(long idHash, long ts, int durationS, long amountCents) {
    }

    private static Checked checked(String[] v, String source, long record) {
        if (v.length != KNOWN.size()) {
            throw new IllegalArgumentException("an event as fields has " + KNOWN.size() + " values, got " + v.length);
        }
        for (int role : new int[] {USER, TS, TYPE}) {
            if (absent(v[role])) {
                throw new PulseInputException(source, record, KNOWN.get(role), "required field is empty");
            }
        }
        long ts;
        try {
            byte[] b = v[TS].getBytes(StandardCharsets.UTF_8);
            ts = TIMESTAMPS.parseTimestamp(b, 0, b.length, record);
        } catch (PulseInputException e) {
            throw new PulseInputException(source, record, "ts", e.getMessage());
        }
        return new Checked(fieldsHash(v), ts, durationOf(v[DURATION], source, record),
                centsOf(v[AMOUNT], source, record));
    }

    private static boolean absent(String value) {
        return value == null || value.isEmpty();
    }

    private static int optional(String value, Dictionary dict) {
        return absent(value) ? -1 : dict.intern(value);
    }

    /** As the CSV path: whole seconds, the fraction dropped. */
    private static int durationOf(String value, String source, long record) {
        if (absent(value)) {
            return -1;
        }
        Matcher m = DURATION_TEXT.matcher(value);
        long v = m.matches() ? Long.parseLong(m.group(1)) : -1;
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new PulseInputException(source, record, "duration_s", "not a non-negative number: " + value);
        }
        return (int) v;
    }

    /** As the CSV path: cents rounded half away from zero, a sign as written, no exponent. */
    private static long centsOf(String value, String source, long record) {
        if (absent(value)) {
            return 0;
        }
        if (!DECIMAL.matcher(value).matches()) {
            throw new PulseInputException(source, record, "amount", "not a number: " + value);
        }
        BigDecimal cents = new BigDecimal(value).movePointRight(2).setScale(0, RoundingMode.HALF_UP);
        if (cents.abs().compareTo(BigDecimal.valueOf(90_000_000_000_000_000L)) > 0) {
            throw new PulseInputException(source, record, "amount", "not a number: " + value);
        }
        return cents.longValueExact();
    }

    /** The CSV path's dedup key for a canonical line holding these values. */
    private static long fieldsHash(String[] v) {
        if (!absent(v[EVENT_ID])) {
            byte[] b = v[EVENT_ID].getBytes(StandardCharsets.UTF_8);
            return hash(b, 0, b.length, 0);
        }
        long h = 0;
        for (int c = 0; c < v.length; c++) {
            if (c != EVENT_ID) {
                byte[] b = v[c] == null ? new byte[0] : v[c].getBytes(StandardCharsets.UTF_8);
                h = hash(b, 0, b.length, h + c);
            }
        }
        return h;
    }
}
