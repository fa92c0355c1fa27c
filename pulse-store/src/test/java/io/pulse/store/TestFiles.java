package io.pulse.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small helpers shared by the store's tests: fixture files, the rejects file, one-column queries, shared data. */
public final class TestFiles {

    private TestFiles() {
    }

    /** Writes {@code lines}, each ended by a newline, as UTF-8. */
    public static Path lines(Path dir, String name, String... lines) throws IOException {
        StringBuilder text = new StringBuilder();
        for (String line : lines) {
            text.append(line).append('\n');
        }
        return Files.writeString(dir.resolve(name), text.toString(), StandardCharsets.UTF_8);
    }

    /** One row of a rejects file. */
    public record Reject(long line, String reason, String content) {
    }

    /** Reads a rejects file ({@code line,reason,content}, RFC 4180 quoting) with a parser of its own. */
    public static List<Reject> rejects(Path file) throws IOException {
        List<List<String>> records = parseCsv(Files.readString(file, StandardCharsets.UTF_8));
        if (!records.get(0).equals(List.of("line", "reason", "content"))) {
            throw new AssertionError("unexpected rejects header " + records.get(0));
        }
        List<Reject> out = new ArrayList<>();
        for (List<String> r : records.subList(1, records.size())) {
            if (r.size() != 3) {
                throw new AssertionError("a rejects row has 3 fields, got " + r);
            }
            out.add(new Reject(Long.parseLong(r.get(0)), r.get(1), r.get(2)));
        }
        return out;
    }

    /** RFC 4180: fields split at commas, records at newlines, both ignored inside quotes; "" is a quote. */
    public static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !record.isEmpty()) {
            record.add(field.toString());
            records.add(record);
        }
        return records;
    }

    /** The first column of every row of {@code sql}, as text (null stays null). */
    public static List<String> column(PulseStore store, String sql) {
        try (Statement s = store.connection().createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        } catch (SQLException e) {
            throw new AssertionError(sql + ": " + e.getMessage(), e);
        }
    }

    /** The one value of a one-row, one-column query, as text. */
    public static String scalar(PulseStore store, String sql) {
        List<String> values = column(store, sql);
        if (values.size() != 1) {
            throw new AssertionError(sql + " returned " + values.size() + " rows");
        }
        return values.get(0);
    }

    /** A file under the shared reference data ({@code <repo root>/../shared/data}); fails when it is missing. */
    public static Path sharedData(String relative) {
        Path file = repoRoot().resolve("../shared/data").resolve(relative).normalize();
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("shared reference data missing: " + file);
        }
        return file;
    }

    /**
     * The multi-module root: the {@code pulse.repo.root} property surefire sets, else the nearest
     * folder above the working directory whose pom lists pulse-core as a module.
     */
    public static Path repoRoot() {
        String property = System.getProperty("pulse.repo.root");
        if (property != null && isRoot(Path.of(property))) {
            return Path.of(property).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (isRoot(dir)) {
                return dir;
            }
        }
        throw new AssertionError("cannot find the Pulse repository root above " + Path.of("").toAbsolutePath());
    }

    private static boolean isRoot(Path dir) {
        Path pom = dir.resolve("pom.xml");
        try {
            return Files.isRegularFile(pom) && Files.readString(pom).contains("<module>pulse-core</module>");
        } catch (IOException e) {
            return false;
        }
    }
}
