package io.pulse.store.ingest;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Finds the physical line and text of CSV records, matching how DuckDB counts them: records are
 * split at newlines outside quotes; DuckDB numbers every record (header and empty lines
 * included) and hands SQL the ones it kept, in order. Only run when something was rejected.
 */
final class CsvRecords {

    private static final int MAX_TEXT = 1000;

    private CsvRecords() {
    }

    /**
     * @param keptOrdinals    sorted 1-based ordinals, among the rows DuckDB kept, to locate
     * @param droppedRecords  sorted 1-based record numbers DuckDB rejected itself
     * @return for each wanted ordinal then each dropped record: {line, text}
     */
    static Located locate(Path file, boolean gzip, boolean header, long[] keptOrdinals, long[] droppedRecords)
            throws IOException {
        long[] ordLines = new long[keptOrdinals.length];
        String[] ordTexts = new String[keptOrdinals.length];
        long[] dropLines = new long[droppedRecords.length];
        String[] dropTexts = new String[droppedRecords.length];
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = new BufferedInputStream(gzip ? new GZIPInputStream(raw, 1 << 16) : raw, 1 << 16)) {
            long record = 0;
            long kept = 0;
            long line = 1;
            int nextOrd = 0;
            int nextDrop = 0;
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            boolean more = true;
            while (more && (nextOrd < keptOrdinals.length || nextDrop < droppedRecords.length)) {
                record++;
                long startLine = line;
                text.reset();
                boolean inQuote = false;
                int b;
                while (true) {
                    b = in.read();
                    if (b < 0) {
                        more = false;
                        break;
                    }
                    if (b == '"') {
                        inQuote = !inQuote;
                    }
                    if (b == '\n') {
                        line++;
                        if (!inQuote) {
                            break;
                        }
                    }
                    if (text.size() < MAX_TEXT) {
                        text.write(b);
                    }
                }
                if (!more && text.size() == 0) {
                    break;
                }
                String content = text.toString(StandardCharsets.UTF_8);
                if (content.endsWith("\r")) {
                    content = content.substring(0, content.length() - 1);
                }
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

    record Located(long[] ordLines, String[] ordTexts, long[] dropLines, String[] dropTexts) {
    }
}
