package io.pulse.core.anomaly;

import io.pulse.core.PulseInputException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/**
 * One NAB data file: a {@code timestamp,value} series. Timestamps are NAB's
 * {@code YYYY-MM-DD HH:MM:SS[.ffffff]} read as UTC epoch seconds (NAB has no time zones; only
 * equality and the hour of the week matter).
 *
 * @param file the path relative to the data directory with forward slashes, as NAB keys it
 *     ({@code realKnownCause/nyc_taxi.csv})
 */
public record NabSeries(String file, long[] epochSeconds, double[] values) {

    private static final DateTimeFormatter NAB_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

    public int size() {
        return values.length;
    }

    /**
     * Reads the first two columns of a CSV with a header row; further columns (the {@code anomaly_score}
     * of NAB's results files) are returned by {@link #readColumn}.
     */
    public static NabSeries read(Path csv, String file) {
        return new NabSeries(file, readTimes(csv), readColumn(csv, 1));
    }

    /** The numeric column {@code column} (0-based) of a NAB CSV with a header row. */
    public static double[] readColumn(Path csv, int column) {
        String[][] rows = rows(csv);
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            try {
                out[i] = Double.parseDouble(rows[i][column]);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new PulseInputException(csv.toString(), i + 2, "column " + (column + 1), "not a number");
            }
        }
        return out;
    }

    private static long[] readTimes(Path csv) {
        String[][] rows = rows(csv);
        long[] out = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            try {
                out[i] = epochSecond(rows[i][0]);
            } catch (DateTimeParseException e) {
                throw new PulseInputException(csv.toString(), i + 2, "timestamp", "not YYYY-MM-DD HH:MM:SS");
            }
        }
        return out;
    }

    /** NAB's timestamp text as UTC epoch seconds. */
    public static long epochSecond(String nabTimestamp) {
        return LocalDateTime.parse(nabTimestamp.trim(), NAB_TIME).toEpochSecond(ZoneOffset.UTC);
    }

    private static String[][] rows(Path csv) {
        try (BufferedReader r = Files.newBufferedReader(csv)) {
            String header = r.readLine();
            if (header == null) {
                throw new PulseInputException(csv.toString(), "empty file, expected a header timestamp,value");
            }
            return r.lines().filter(l -> !l.isBlank()).map(l -> l.split(",")).toArray(String[][]::new);
        } catch (IOException e) {
            throw new PulseInputException(csv.toString(), "cannot read: " + e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NabSeries s && file.equals(s.file) && Arrays.equals(epochSeconds, s.epochSeconds)
                && Arrays.equals(values, s.values);
    }

    @Override
    public int hashCode() {
        return file.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NabSeries[" + file + ", " + values.length + " rows]";
    }
}
