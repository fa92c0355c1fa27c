package io.pulse.store.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Finds the physical line and text of CSV records, matching how DuckDB counts them: records are
 * split at newlines outside quotes; DuckDB numbers every record (header and empty lines
 * included) and hands SQL the ones it kept, in order. Only run when something was rejected.
 *
 * <p>Quoting follows DuckDB's reader: a quote opens a quoted value only at the start of a field
 * (blanks before it allowed); {@code ""} inside one is a quote; a quote anywhere else is an
 * ordinary character. Counting every quote instead would let one stray quote in a rejected row
 * shift the line of every row after it.
 */
final class CsvRecords {

    private static final int MAX_TEXT = 1000;
    private static final char[] DELIMITER_CANDIDATES = {',', '\t', ';', '|'};

    private CsvRecords() {
    }

    /**
     * @param keptOrdinals    sorted 1-based ordinals, among the rows DuckDB kept, to locate
     * @param droppedRecords  sorted 1-based record numbers DuckDB rejected itself
     * @return for each wanted ordinal then each dropped record: {line, text}
     */
    static Located locate(Path file, boolean gzip, boolean header, char delimiter, long[] keptOrdinals,
                          long[] droppedRecords) throws IOException {
        long[] ordLines = new long[keptOrdinals.length];
        String[] ordTexts = new String[keptOrdinals.length];
        long[] dropLines = new long[droppedRecords.length];
        String[] dropTexts = new String[droppedRecords.length];
        try (InputStream in = open(file, gzip)) {
            Reader reader = new Reader(in, delimiter, MAX_TEXT);
            long record = 0;
            long kept = 0;
            int nextOrd = 0;
            int nextDrop = 0;
            while (nextOrd < keptOrdinals.length || nextDrop < droppedRecords.length) {
                long startLine = reader.line;
                String content = reader.next();
                if (content == null) {
                    break;
                }
                record++;
                boolean dropped = Arrays.binarySearch(droppedRecords, record) >= 0;
                if (dropped) {
                    while (nextDrop < droppedRecords.length && droppedRecords[nextDrop] == record) {
                        dropLines[nextDrop] = startLine;
                        dropTexts[nextDrop++] = content;
                    }
                    continue;
                }
                if ((header && record == 1) || content.isEmpty()) {
                    continue;
                }
                kept++;
                while (nextOrd < keptOrdinals.length && keptOrdinals[nextOrd] == kept) {
                    ordLines[nextOrd] = startLine;
                    ordTexts[nextOrd++] = content;
                }
            }
        }
        return new Located(ordLines, ordTexts, dropLines, dropTexts);
    }

    /** The text of the given sorted 1-based physical lines, quotes or not, cut like a record's. */
    static String[] lineTexts(Path file, boolean gzip, long[] lines) throws IOException {
        String[] texts = new String[lines.length];
        try (InputStream in = open(file, gzip)) {
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            int next = 0;
            int b = 0;
            for (long line = 1; next < lines.length && b >= 0; line++) {
                text.reset();
                while ((b = in.read()) >= 0 && b != '\n') {
                    if (text.size() < MAX_TEXT) {
                        text.write(b);
                    }
                }
                String content = text.toString(StandardCharsets.UTF_8);
                content = content.endsWith("\r") ? content.substring(0, content.length() - 1) : content;
                while (next < lines.length && lines[next] == line) {
                    texts[next++] = content;
                }
            }
        }
        return texts;
    }

    /** The first record's text (the header, when there is one), or "" for an empty file. */
    static String firstRecord(Path file, boolean gzip, char delimiter) throws IOException {
        try (InputStream in = open(file, gzip)) {
            String first = new Reader(in, delimiter, Integer.MAX_VALUE).next();
            if (first == null) {
                return "";
            }
            return first.startsWith("\uFEFF") ? first.substring(1) : first;
        }
    }

    /** The candidate delimiter seen most often outside quotes in {@code record}; a comma when none is. */
    static char guessDelimiter(String record) {
        char best = ',';
        int bestCount = 0;
        for (char d : DELIMITER_CANDIDATES) {
            int count = split(record, d).size() - 1;
            if (count > bestCount) {
                best = d;
                bestCount = count;
            }
        }
        return best;
    }

    /** The fields of one record, unquoted. */
    static List<String> split(String record, char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        State state = State.FIELD_START;
        for (int i = 0; i < record.length(); i++) {
            char ch = record.charAt(i);
            if (ch == delimiter && state != State.QUOTED) {
                fields.add(field.toString().trim());
                field.setLength(0);
                state = State.FIELD_START;
                continue;
            }
            // An opening or closing quote is syntax; the second quote of an escaped pair is data.
            boolean quoteMark = ch == '"' && (state == State.FIELD_START || state == State.QUOTED);
            if (!quoteMark) {
                field.append(ch);
            }
            state = state.after(ch, delimiter);
        }
        fields.add(field.toString().trim());
        return fields;
    }

    private static InputStream open(Path file, boolean gzip) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            return new BufferedInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** Where a byte falls in a CSV record. */
    private enum State {
        /** At the start of a field; blanks keep it here. */
        FIELD_START,
        /** Inside an unquoted value: quotes are plain characters. */
        UNQUOTED,
        /** Inside a quoted value: delimiters and newlines are data. */
        QUOTED,
        /** Just after a quote that ended a quoted value; another quote makes the pair an escaped quote. */
        CLOSED;

        State after(int b, char delimiter) {
            if (b == delimiter && this != QUOTED) {
                return FIELD_START;
            }
            return switch (this) {
                case FIELD_START -> b == '"' ? QUOTED : b == ' ' ? FIELD_START : UNQUOTED;
                case UNQUOTED -> UNQUOTED;
                case QUOTED -> b == '"' ? CLOSED : QUOTED;
                case CLOSED -> b == '"' ? QUOTED : UNQUOTED;
            };
        }
    }

    /** Reads one record at a time, counting physical lines. */
    private static final class Reader {
        private final InputStream in;
        private final char delimiter;
        private final int maxText;
        private final ByteArrayOutputStream text = new ByteArrayOutputStream();
        long line = 1;

        Reader(InputStream in, char delimiter, int maxText) {
            this.in = in;
            this.delimiter = delimiter;
            this.maxText = maxText;
        }

        /** The next record's text (without its line end, cut to maxText bytes), or null at the end. */
        String next() throws IOException {
            text.reset();
            State state = State.FIELD_START;
            int b;
            boolean any = false;
            while ((b = in.read()) >= 0) {
                any = true;
                if (b == '\n') {
                    line++;
                    if (state != State.QUOTED) {
                        break;
                    }
                } else {
                    state = state.after(b, delimiter);
                }
                if (text.size() < maxText) {
                    text.write(b);
                }
            }
            if (!any) {
                return null;
            }
            String content = text.toString(StandardCharsets.UTF_8);
            return content.endsWith("\r") ? content.substring(0, content.length() - 1) : content;
        }
    }

    record Located(long[] ordLines, String[] ordTexts, long[] dropLines, String[] dropTexts) {
    }
}
