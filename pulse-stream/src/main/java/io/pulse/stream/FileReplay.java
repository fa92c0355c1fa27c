package io.pulse.stream;

import io.pulse.core.PulseInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A recorded events CSV replayed as a live stream: in event-time order (to the whole second; file order
 * within a second, well inside any out-of-orderness), at a speed-up factor of real time, or as fast as the
 * pipeline takes it. {@code pulse generate} writes events grouped by user, so the file is read whole and
 * its lines sorted by time first; that bounds it to files under 2 GB (about 25 million events).
 */
public final class FileReplay {

    private final Path file;
    private final byte[] bytes;
    private final int[] lineStart;
    private final long[] order;
    private final EventParser parser;

    private FileReplay(Path file, byte[] bytes, int[] lineStart, long[] order, EventParser parser) {
        this.file = file;
        this.bytes = bytes;
        this.lineStart = lineStart;
        this.order = order;
        this.parser = parser;
    }

    /** Reads and time-orders {@code file}; a bad header or timestamp is an input error with its line. */
    public static FileReplay open(Path file) throws IOException {
        if (Files.size(file) >= Integer.MAX_VALUE) {
            throw new PulseInputException(file.toString(), "file replay takes files under 2 GB");
        }
        byte[] b = Files.readAllBytes(file);
        int headerEnd = indexOf(b, 0);
        EventParser parser = new EventParser(new String(b, 0, headerEnd, StandardCharsets.UTF_8), file.toString());
        int[] starts = new int[1024];
        int n = 0;
        for (int at = headerEnd + 1; at < b.length; at = indexOf(b, at) + 1) {
            if (n + 1 >= starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[n++] = at;
        }
        starts = Arrays.copyOf(starts, n + 1);
        starts[n] = b.length + 1;
        long[] seconds = new long[n];
        long min = Long.MAX_VALUE;
        int lines = 0;
        for (int i = 0; i < n; i++) {
            int to = starts[i + 1] - 1;
            if (to > starts[i]) {
                seconds[lines] = Math.floorDiv(parser.timestamp(b, starts[i], to, i + 2L), 1000L);
                min = Math.min(min, seconds[lines]);
                starts[lines++] = starts[i];
                starts[lines] = starts[i + 1];
            }
        }
        long[] order = new long[lines];
        for (int i = 0; i < lines; i++) {
            long rel = seconds[i] - min;
            if (rel >= 1L << 31) {
                throw new PulseInputException(file.toString(), "file replay spans more than 68 years");
            }
            order[i] = rel << 32 | i;
        }
        Arrays.sort(order);
        return new FileReplay(file, b, Arrays.copyOf(starts, lines + 1), order, parser);
    }

    /** The parser whose dictionaries name this file's users, items and sources. */
    public EventParser parser() {
        return parser;
    }

    public int events() {
        return order.length;
    }

    public Path file() {
        return file;
    }

    /**
     * Parses every line in time order into batches of {@code batchSize} and puts them on {@code queue},
     * blocking while it is full. With {@code speed} > 0, event time advances {@code speed} times faster than
     * wall time (a partial batch is flushed before waiting, so pacing does not add latency).
     */
    public void produce(double speed, BlockingQueue<StreamEvent[]> queue, int batchSize) throws InterruptedException {
        produce(speed, queue, batchSize, 0);
    }

    /** As {@link #produce(double, BlockingQueue, int)}, from the event at {@code offset} of the time order. */
    public void produce(double speed, BlockingQueue<StreamEvent[]> queue, int batchSize, long offset)
            throws InterruptedException {
        if (offset < 0 || offset > order.length) {
            throw new PulseInputException(file.toString(), "replay offset " + offset + " is outside the file's "
                    + order.length + " events");
        }
        StreamEvent[] batch = new StreamEvent[batchSize];
        int n = 0;
        long startWall = System.nanoTime();
        long firstTs = Long.MIN_VALUE;
        for (int at = (int) offset; at < order.length; at++) {
            int i = (int) order[at];
            StreamEvent e = parser.parse(bytes, lineStart[i], lineStart[i + 1] - 1, i + 2L);
            if (speed > 0) {
                if (firstTs == Long.MIN_VALUE) {
                    firstTs = e.ts();
                }
                long due = startWall + (long) ((e.ts() - firstTs) * 1e6 / speed);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    if (n > 0) {
                        queue.put(Arrays.copyOf(batch, n));
                        n = 0;
                    }
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            batch[n++] = e;
            if (n == batchSize) {
                queue.put(batch);
                batch = new StreamEvent[batchSize];
                n = 0;
            }
        }
        if (n > 0) {
            queue.put(Arrays.copyOf(batch, n));
        }
    }

    private static int indexOf(byte[] b, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return b.length;
    }
}
