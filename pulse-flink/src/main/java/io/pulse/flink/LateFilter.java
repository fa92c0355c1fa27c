package io.pulse.flink;

import io.pulse.stream.Watermark;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.runtime.state.StateInitializationContext;
import org.apache.flink.runtime.state.StateSnapshotContext;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.util.OutputTag;

/**
 * Lateness as the in-process {@link Watermark} judges it, one per Kafka partition, chained to the source: an
 * event older than its partition's newest event − out-of-orderness − allowed lateness goes to the
 * {@link #LATE} side output and is counted. Per partition because a partition is the only order Kafka
 * keeps; Flink's own watermark (the minimum over partitions) is never ahead of it, so an event let through
 * here is never behind a window a later stage has closed. A line whose time did not parse is counted as
 * rejected and dropped.
 *
 * <p>State: each partition's {@link Watermark}, as union list state, so it follows its partition to any
 * subtask on a restore at another parallelism.
 */
final class LateFilter extends AbstractStreamOperator<Line>
        implements OneInputStreamOperator<Line, Line>, BoundedOneInput {

    private static final long serialVersionUID = 1L;
    static final OutputTag<Line> LATE = new OutputTag<>("late", TypeInformation.of(Line.class));
    /** The time of this subtask's first record, once, for every window subtask (see {@link WindowStage}). */
    static final OutputTag<Routed> FIRST = new OutputTag<>("first", TypeInformation.of(Routed.class));
    /**
     * At the end of a bounded input, the newest watermark of this subtask's partitions as a line of this
     * partition number, for every user subtask: the newest of them all is the in-process engine's final
     * watermark, to which the profiles advance before they are written.
     */
    static final OutputTag<Line> LAST = new OutputTag<>("last", TypeInformation.of(Line.class));
    static final int LAST_PARTITION = -1;

    private final long maxOutOfOrder;
    private final long allowedLateness;
    private transient Map<Integer, Watermark> partitions;
    private transient ListState<byte[]> state;
    private transient LongCounter late;
    private transient LongCounter rejected;
    private transient LongCounter eventsIn;
    private transient boolean firstSent;

    LateFilter(long maxOutOfOrderMillis, long allowedLatenessMillis) {
        this.maxOutOfOrder = maxOutOfOrderMillis;
        this.allowedLateness = allowedLatenessMillis;
    }

    @Override
    public void initializeState(StateInitializationContext context) throws Exception {
        super.initializeState(context);
        partitions = new HashMap<>();
        state = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>("pulse-late", BytePrimitiveArraySerializer.INSTANCE));
        if (context.isRestored()) {
            for (byte[] blob : state.get()) {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(blob));
                for (int n = in.readInt(); n > 0; n--) {
                    Watermark w = new Watermark(maxOutOfOrder, allowedLateness);
                    int partition = in.readInt();
                    w.readState(in);
                    // Every subtask saves every partition it knows of; the newest copy is the owner's.
                    Watermark known = partitions.get(partition);
                    if (known == null || w.current() > known.current()
                            || w.current() == known.current() && w.late() > known.late()) {
                        partitions.put(partition, w);
                    }
                }
            }
        }
    }

    @Override
    public void open() throws Exception {
        super.open();
        eventsIn = getRuntimeContext().getLongCounter(PulseFlinkJob.EVENTS_IN);
        late = getRuntimeContext().getLongCounter(PulseFlinkJob.LATE);
        rejected = getRuntimeContext().getLongCounter(PulseFlinkJob.REJECTED);
    }

    @Override
    public void processElement(StreamRecord<Line> record) {
        Line line = record.getValue();
        eventsIn.add(1);
        if (line.ts() == Long.MIN_VALUE) {
            rejected.add(1);
            return;
        }
        if (!firstSent) {
            firstSent = true;
            output.collect(FIRST, new StreamRecord<>(Routed.first(line.ts())));
        }
        Watermark w = partitions.computeIfAbsent(line.partition(), p -> new Watermark(maxOutOfOrder, allowedLateness));
        if (w.admit(line.ts())) {
            output.collect(record);
        } else {
            late.add(1);
            output.collect(LATE, record);
        }
    }

    @Override
    public void endInput() {
        long newest = Long.MIN_VALUE;
        for (Watermark w : partitions.values()) {
            newest = Math.max(newest, w.current());
        }
        output.collect(LAST, new StreamRecord<>(new Line(LAST_PARTITION, -1, newest, new byte[0])));
    }

    @Override
    public void snapshotState(StateSnapshotContext context) throws Exception {
        super.snapshotState(context);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(buf);
        out.writeInt(partitions.size());
        for (Map.Entry<Integer, Watermark> e : partitions.entrySet()) {
            out.writeInt(e.getKey());
            e.getValue().writeState(out);
        }
        out.flush();
        state.update(List.of(buf.toByteArray()));
    }
}
