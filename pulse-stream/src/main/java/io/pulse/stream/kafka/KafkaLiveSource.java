package io.pulse.stream.kafka;

import io.pulse.stream.EventParser;
import io.pulse.stream.LiveSource;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A Kafka topic as a {@link LiveSource} of the in-process engine, with the partitions merged in event time.
 *
 * <p>The engine has one watermark; Kafka hands over partitions in chunks, so reading a backlog one partition
 * may run hours of event time ahead of another and make the other's events late. This source therefore
 * buffers what it fetched per partition and hands over only events up to the smallest newest time among the
 * partitions that still have data coming (the per-partition watermark Flink keeps): a partition whose records
 * have all been handed over and that has fetched up to the end offsets (those of the start for a backfill;
 * looked up again every second otherwise, when it has also sent nothing for {@code idle} of wall time) does
 * not hold the others back. When more than {@code maxBuffered} records wait, the oldest go anyway (late ones are
 * counted by the engine, never dropped silently) so memory stays bounded.
 *
 * <p>The position for a checkpoint is, per partition, the offset of the first record not yet handed over,
 * so a resume re-reads exactly what the engine had not processed.
 */
public final class KafkaLiveSource implements LiveSource, AutoCloseable {

    private final KafkaEventSource kafka;
    private final EventParser timeParser = new EventParser(KafkaEventSource.CSV_HEADER, "kafka");
    private final boolean untilEnd;
    private final long idleNanos;
    private final int maxBuffered;
    private final Map<Integer, Partition> partitions = new TreeMap<>();
    private static final long END_REFRESH_NANOS = 1_000_000_000L;
    private Map<Integer, Long> ends;
    private long endsAt;
    private int buffered;
    private long records;

    private static final class Partition {
        final ArrayDeque<Pending> queue = new ArrayDeque<>();
        long newest = Long.MIN_VALUE;
        long lastArrival = System.nanoTime();
    }

    private record Pending(long ts, long offset, byte[] line) {
    }

    /**
     * @param untilEnd    end when every partition has reached the end offsets it had when this source opened
     *                    (a backfill); otherwise run until the engine is stopped
     * @param idle        wall time after which a silent partition stops holding the others back
     * @param maxBuffered records buffered before the oldest go regardless of alignment
     */
    public KafkaLiveSource(KafkaEventSource kafka, boolean untilEnd, Duration idle, int maxBuffered) {
        this.kafka = kafka;
        this.untilEnd = untilEnd;
        this.idleNanos = idle.toNanos();
        this.maxBuffered = maxBuffered;
    }

    public static KafkaLiveSource open(String bootstrapServers, String topic, String groupId, boolean untilEnd) {
        return new KafkaLiveSource(KafkaEventSource.open(bootstrapServers, topic, groupId), untilEnd,
                Duration.ofSeconds(2), 200_000);
    }

    @Override
    public Batch poll(Duration timeout) {
        for (KafkaEventSource.Record r : kafka.pollRecords(timeout)) {
            Partition p = partition(r.partition());
            records++;
            long ts = timeParser.timestamp(r.value(), 0, r.value().length, records);
            p.queue.add(new Pending(ts, r.offset(), r.value()));
            p.newest = Math.max(p.newest, ts);
            p.lastArrival = System.nanoTime();
            buffered++;
        }
        Map<Integer, Long> fetched = kafka.positions();
        // A partition that has sent nothing yet holds the others back too (until it is idle or at its end).
        fetched.keySet().forEach(this::partition);
        long now = System.nanoTime();
        if (ends == null || ends.isEmpty() || !untilEnd && now - endsAt > END_REFRESH_NANOS) {
            // A backfill keeps the end offsets of its start; a live run looks again now and then, so that a
            // partition with records still unfetched is never taken for idle.
            ends = kafka.endOffsets();
            endsAt = now;
        }
        if (untilEnd && buffered == 0 && !ends.isEmpty() && reachedEnd(fetched)) {
            return null;
        }
        long until = alignedUpTo(fetched);
        List<byte[]> out = new ArrayList<>();
        while (buffered > 0) {
            Partition oldest = null;
            for (Partition p : partitions.values()) {
                if (!p.queue.isEmpty() && (oldest == null || p.queue.peek().ts() < oldest.queue.peek().ts())) {
                    oldest = p;
                }
            }
            if (oldest.queue.peek().ts() > until && buffered <= maxBuffered) {
                break;
            }
            Pending next = oldest.queue.poll();
            buffered--;
            out.add(next.line());
        }
        return out.isEmpty() ? NOTHING : new CsvLines(out);
    }

    /** The newest time every partition still expected to send has reached. */
    private long alignedUpTo(Map<Integer, Long> fetched) {
        long now = System.nanoTime();
        long min = Long.MAX_VALUE;
        for (Map.Entry<Integer, Partition> e : partitions.entrySet()) {
            Partition p = e.getValue();
            // Nothing left to hand over and nothing left to fetch: at its end (a backfill), or at the latest end
            // offsets and silent for the idle time (a live run).
            boolean fetchedAll = fetched.getOrDefault(e.getKey(), 0L) >= ends.getOrDefault(e.getKey(), Long.MAX_VALUE);
            boolean drained = p.queue.isEmpty() && fetchedAll && (untilEnd || now - p.lastArrival > idleNanos);
            if (!drained) {
                min = Math.min(min, p.newest);
            }
        }
        return min;
    }

    private boolean reachedEnd(Map<Integer, Long> fetched) {
        for (Map.Entry<Integer, Long> e : ends.entrySet()) {
            if (handedUpTo(e.getKey(), fetched) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The offset of the first record of {@code partition} not handed to the engine yet. */
    private long handedUpTo(int partition, Map<Integer, Long> fetched) {
        Partition p = partitions.get(partition);
        long fetchedUpTo = fetched.getOrDefault(partition, 0L);
        return p == null || p.queue.isEmpty() ? fetchedUpTo : p.queue.peek().offset();
    }

    private Partition partition(int p) {
        return partitions.computeIfAbsent(p, k -> new Partition());
    }

    /** {@code partition=offset,...}: per partition the first record not yet handed to the engine. */
    @Override
    public Optional<String> position() {
        StringJoiner j = new StringJoiner(",");
        Map<Integer, Long> fetched = kafka.positions();
        fetched.keySet().forEach(partition -> j.add(partition + "=" + handedUpTo(partition, fetched)));
        return Optional.of(j.toString());
    }

    @Override
    public void seek(String position) {
        Map<Integer, Long> offsets = new TreeMap<>();
        for (String part : position.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=");
            offsets.put(Integer.parseInt(kv[0].strip()), Long.parseLong(kv[1].strip()));
        }
        partitions.clear();
        buffered = 0;
        kafka.seek(offsets);
    }

    @Override
    public void close() {
        kafka.close();
    }
}
