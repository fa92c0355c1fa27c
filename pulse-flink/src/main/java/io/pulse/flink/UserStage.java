package io.pulse.flink;

import io.pulse.core.PulseInputException;
import io.pulse.stream.Dimension;
import io.pulse.stream.EventParser;
import io.pulse.stream.NoiseFilter;
import io.pulse.stream.StreamConfig;
import io.pulse.stream.StreamEvent;
import io.pulse.stream.internal.LongSet;
import io.pulse.stream.kafka.KafkaEventSource;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * The per-user stage, fed by user (each user's events in their partition's order, as the in-process engine
 * sees them): dedup by event id, then pulse-stream's {@link NoiseFilter}, then routing of each accepted event
 * to the window stages by the hash of its key in every dimension (an item by its category's, when it has one).
 *
 * <p>Dedup keeps the ids of the last six buckets of a quarter horizon each, like {@code Deduplicator}'s ring,
 * but prunes a bucket on watermark progress rather than when a newer bucket takes its slot: a repeat is
 * dropped when its first copy is at most five buckets older. That is what the ring does when every bucket
 * sees traffic, and it does not depend on how the partitions interleave. Duplicates of an event share its
 * user, hence its subtask.
 *
 * <p>Profiles: this is the keyed-by-user operator where online profile updates ({@code UserProfiles}) will be
 * made; they will leave through {@link #PROFILE_UPDATES}, which the job sends to its profiles topic.
 *
 * <p>State: the parser's dictionaries (the noise filter's arrays are indexed by user id), the noise filter's
 * own {@code writeState} bytes, the dedup buckets and the markers' progress, one blob per subtask
 * ({@link SubtaskState}: same parallelism on restore).
 */
final class UserStage extends AbstractStreamOperator<Routed>
        implements OneInputStreamOperator<Line, Routed>, BoundedOneInput {

    private static final long serialVersionUID = 1L;
    static final OutputTag<Routed> MARKERS = new OutputTag<>("end-markers", TypeInformation.of(Routed.class));
    static final OutputTag<String> PROFILE_UPDATES = new OutputTag<>("profile-updates", TypeInformation.of(String.class));
    /** Deduplicator's ring: four buckets per horizon, six live. */
    private static final int BUCKETS = 4;
    private static final int LIVE = BUCKETS + 2;
    private static final Dimension[] DIMENSIONS = Dimension.values();

    private final ShippedConfig shipped;
    private transient StreamConfig config;
    private transient EventParser parser;
    private transient NoiseFilter noise;
    private transient TreeMap<Long, LongSet> seen;
    private transient long bucketWidth;
    private transient long lastAccepted;
    private transient long[] lastWithKey;
    private transient SubtaskState state;
    private transient LongCounter duplicates;
    private transient LongCounter accepted;
    private transient LongCounter rejected;
    private transient Map<NoiseFilter.Reason, LongCounter> filtered;

    UserStage(StreamConfig config) {
        this.shipped = new ShippedConfig(config);
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        config = shipped.get();
        parser = new EventParser(KafkaEventSource.CSV_HEADER, "kafka");
        noise = new NoiseFilter(config.noise());
        seen = new TreeMap<>();
        bucketWidth = config.dedupHorizon().toMillis() / BUCKETS;
        lastAccepted = Long.MIN_VALUE;
        lastWithKey = new long[DIMENSIONS.length];
        Arrays.fill(lastWithKey, Long.MIN_VALUE);
        var task = getRuntimeContext().getTaskInfo();
        state = SubtaskState.open(context, "pulse-user", task.getIndexOfThisSubtask(),
                task.getNumberOfParallelSubtasks(), this::read);
    }

    @Override
    public void open() throws Exception {
        super.open();
        duplicates = getRuntimeContext().getLongCounter(PulseFlinkJob.DUPLICATES);
        accepted = getRuntimeContext().getLongCounter(PulseFlinkJob.ACCEPTED);
        rejected = getRuntimeContext().getLongCounter(PulseFlinkJob.REJECTED);
        filtered = new EnumMap<>(NoiseFilter.Reason.class);
        for (NoiseFilter.Reason r : NoiseFilter.Reason.values()) {
            filtered.put(r, getRuntimeContext().getLongCounter(PulseFlinkJob.FILTERED + r.name()));
        }
    }

    @Override
    public void processElement(StreamRecord<Line> record) {
        Line line = record.getValue();
        StreamEvent e;
        try {
            e = parser.parse(line.value(), 0, line.value().length, line.offset());
        } catch (PulseInputException x) {
            rejected.add(1);
            return;
        }
        if (!firstCopy(e.idHash(), e.ts())) {
            duplicates.add(1);
            return;
        }
        NoiseFilter.Reason reason = noise.check(e);
        if (reason != null) {
            filtered.get(reason).add(1);
            return;
        }
        accepted.add(1);
        lastAccepted = Math.max(lastAccepted, e.ts());
        int[] keys = new int[DIMENSIONS.length];
        for (Dimension d : DIMENSIONS) {
            int id = d.key(e);
            keys[d.ordinal()] = id < 0 ? Routed.ABSENT : Routed.hash(d.names(parser).name(id));
            if (id >= 0) {
                lastWithKey[d.ordinal()] = Math.max(lastWithKey[d.ordinal()], e.ts());
            }
        }
        // Items go with their category: the guard's related-items lift counts the whole category's events
        // in the item windows, so all of a category's items must share a subtask.
        if (e.item() >= 0 && e.category() >= 0) {
            keys[Dimension.ITEM.ordinal()] = keys[Dimension.CATEGORY.ordinal()];
        }
        output.collect(new StreamRecord<>(new Routed(e.ts(), line.value(), keys, null), line.ts()));
    }

    private boolean firstCopy(long idHash, long ts) {
        long bucket = Math.floorDiv(ts, bucketWidth);
        for (LongSet s : seen.tailMap(bucket - (LIVE - 1)).values()) {
            if (s.contains(idHash)) {
                return false;
            }
        }
        seen.computeIfAbsent(bucket, b -> new LongSet(1024)).add(idHash);
        return true;
    }

    /** Buckets no event that can still arrive (one not late: at or after watermark − lateness) would look at. */
    @Override
    public void processWatermark(Watermark mark) throws Exception {
        if (mark.getTimestamp() != Long.MAX_VALUE) {
            long oldest = Math.floorDiv(mark.getTimestamp() + 1 - config.allowedLateness().toMillis(), bucketWidth)
                    - (LIVE - 1);
            for (Iterator<Long> it = seen.keySet().iterator(); it.hasNext() && it.next() < oldest; ) {
                it.remove();
            }
        }
        super.processWatermark(mark);
    }

    @Override
    public void endInput() {
        output.collect(MARKERS, new StreamRecord<>(Routed.end(lastAccepted, lastWithKey.clone())));
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        state.save(this::write);
    }

    private void write(DataOutput out) throws IOException {
        SubtaskState.writeDictionaries(out, parser);
        noise.writeState(out);
        out.writeInt(seen.size());
        for (Map.Entry<Long, LongSet> b : seen.entrySet()) {
            out.writeLong(b.getKey());
            b.getValue().writeState(out);
        }
        out.writeLong(lastAccepted);
        for (long t : lastWithKey) {
            out.writeLong(t);
        }
    }

    private void read(DataInput in) throws IOException {
        SubtaskState.readDictionaries(in, parser);
        noise.readState(in);
        for (int n = in.readInt(); n > 0; n--) {
            long bucket = in.readLong();
            LongSet s = new LongSet(16);
            s.readState(in);
            seen.put(bucket, s);
        }
        lastAccepted = in.readLong();
        for (int i = 0; i < lastWithKey.length; i++) {
            lastWithKey[i] = in.readLong();
        }
    }
}
