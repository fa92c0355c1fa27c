package io.pulse.store.tags;

import io.pulse.core.tags.AudienceExpression;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Counts and lists an audience, a boolean expression over tags, on a computed or stored {@link TagSet}. */
public final class AudienceQuery {

    private AudienceQuery() {
    }

    /** @param nanos the time of the bitmap evaluation alone, parsing included */
    public record Result(String expression, long count, RoaringBitmap users, long nanos) {
    }

    /** @throws io.pulse.core.tags.TagExpressionException for a malformed expression or an unknown tag */
    public static Result run(TagSet tags, String expression) {
        long started = System.nanoTime();
        RoaringBitmap users = AudienceExpression.parse(expression).evaluate(tags.tags(), tags.universe());
        long nanos = System.nanoTime() - started;
        return new Result(expression, users.getLongCardinality(), users, nanos);
    }

    /** Writes the user ids of {@code users} to a CSV with a {@code user_id} header; returns the rows written. */
    public static long exportUsers(TagSet tags, RoaringBitmap users, Path csv) {
        long rows = 0;
        try (BufferedWriter w = Files.newBufferedWriter(csv)) {
            w.write("user_id\n");
            for (IntIterator it = users.getIntIterator(); it.hasNext(); rows++) {
                w.write(csvField(tags.userIds()[it.next()]));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + csv + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** RFC 4180: quoted, quotes doubled, when the id holds a comma, a quote or a line break. */
    private static String csvField(String id) {
        return id.chars().anyMatch(ch -> ch == ',' || ch == '"' || ch == '\n' || ch == '\r')
                ? '"' + id.replace("\"", "\"\"") + '"' : id;
    }
}
