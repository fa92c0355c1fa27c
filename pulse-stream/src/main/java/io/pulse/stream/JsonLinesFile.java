package io.pulse.stream;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * An idempotent JSON-lines sink: each line is a JSON object whose first field is {@code "id"}; a line whose
 * id the file already holds is skipped. Opening an existing file cuts a half-written last line and
 * remembers the ids it holds, so after a crash and a resume from a checkpoint (which emits again what
 * came after the checkpoint) the file holds what one uninterrupted run writes. Each line is flushed.
 */
public final class JsonLinesFile implements AutoCloseable {

    private final OutputStream out;
    private final Set<String> ids;

    private JsonLinesFile(OutputStream out, Set<String> ids) {
        this.out = out;
        this.ids = ids;
    }

    public static JsonLinesFile open(Path file) throws IOException {
        Set<String> ids = new HashSet<>();
        if (Files.exists(file)) {
            byte[] b = Files.readAllBytes(file);
            int end = b.length;
            while (end > 0 && b[end - 1] != '\n') {
                end--;
            }
            if (end < b.length) {
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
                    ch.truncate(end);
                }
            }
            for (String l : new String(b, 0, end, StandardCharsets.UTF_8).split("\n")) {
                if (!l.isEmpty()) {
                    ids.add(idOf(l));
                }
            }
        }
        return new JsonLinesFile(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                ids);
    }

    // The id is the first field; ids hold no quotes.
    private static String idOf(String line) {
        int from = line.indexOf(":\"") + 2;
        return line.substring(from, line.indexOf('"', from));
    }

    /** Appends {@code line} unless {@code id} is already in the file; true when it was written. */
    public boolean append(String id, String line) {
        if (!ids.add(id)) {
            return false;
        }
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
