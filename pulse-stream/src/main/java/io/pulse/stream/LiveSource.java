package io.pulse.stream;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A live feed for {@link StreamEngine#live(LiveSource, LiveOptions)}: HTTP ingest, a Kafka consumer, anything
 * that receives events while the engine runs. A source hands over <em>raw</em> records; the engine parses them
 * on its pipeline thread with its own {@link EventParser}, because the parser's dictionaries are
 * single-threaded and alerts read names from them on that thread.
 *
 * <p>The engine calls every method on its pipeline thread. A source fed by other threads (HTTP) hands records
 * over through a bounded queue of its own. A Kafka consumer fits as is: {@code poll(Duration)} gives the
 * payloads as {@link CsvLines} (or {@link FieldRows} after decoding JSON), its partition offsets are the
 * {@link #position()}, and {@link #seek(String)} moves back to them.
 */
public interface LiveSource {

    /**
     * The next records, waiting at most {@code timeout}: an empty batch when none came in time, {@code null}
     * when the source has ended and no record will follow.
     */
    Batch poll(Duration timeout) throws InterruptedException;

    /**
     * Where to read again from so that nothing the engine has processed is read twice and nothing else is
     * skipped: the engine asks after it has processed every record polled so far, and stores the answer with
     * each checkpoint. Empty for a source that cannot be read again (HTTP: what was acknowledged and not yet
     * checkpointed is lost in a crash). The text is the source's own (Kafka: {@code "0=1234,1=987"}).
     */
    default Optional<String> position() {
        return Optional.empty();
    }

    /** Moves to {@code position}, an earlier answer of {@link #position()}, when a run resumes from a checkpoint. */
    default void seek(String position) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot seek to " + position);
    }

    /** Records polled at once. */
    sealed interface Batch permits CsvLines, FieldRows {
        int size();

        /** Record {@code i} parsed by {@code parser}, which names it {@code record} in an input error. */
        StreamEvent parse(EventParser parser, int i, long record);
    }

    /** Lines in the layout of the engine parser's header, without their newline. */
    record CsvLines(List<byte[]> lines) implements Batch {
        @Override
        public int size() {
            return lines.size();
        }

        @Override
        public StreamEvent parse(EventParser parser, int i, long record) {
            byte[] line = lines.get(i);
            return parser.parse(line, 0, line.length, record);
        }
    }

    /** Events as fields in {@link EventParser#FIELDS} order, null or empty for an absent field. */
    record FieldRows(List<String[]> rows) implements Batch {
        @Override
        public int size() {
            return rows.size();
        }

        @Override
        public StreamEvent parse(EventParser parser, int i, long record) {
            return parser.parseFields(rows.get(i), record);
        }
    }

    /** An empty batch, for a poll that timed out. */
    Batch NOTHING = new FieldRows(List.of());
}
