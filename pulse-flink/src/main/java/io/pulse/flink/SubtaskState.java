package io.pulse.flink;

import io.pulse.stream.Dictionary;
import io.pulse.stream.EventParser;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.typeutils.base.array.BytePrimitiveArraySerializer;
import org.apache.flink.runtime.state.StateInitializationContext;

/**
 * A subtask's stages saved as one blob of their own {@code writeState} bytes in Flink operator state, the
 * same bytes the in-process engine's checkpoint holds. The blobs are union list state: on restore every
 * subtask sees all of them and takes the one its index wrote. Events are routed to subtasks by hash modulo
 * the parallelism, so a blob is valid only at the parallelism that wrote it: a restore at another
 * parallelism is refused (rescale by restarting from the topic with fresh state).
 */
final class SubtaskState {

    interface Writer {
        void write(DataOutput out) throws IOException;
    }

    interface Reader {
        void read(DataInput in) throws IOException;
    }

    private final ListState<byte[]> state;
    private final int index;
    private final int parallelism;

    private SubtaskState(ListState<byte[]> state, int index, int parallelism) {
        this.state = state;
        this.index = index;
        this.parallelism = parallelism;
    }

    /** Opens the operator's state and, on a restore, hands this subtask's blob to {@code reader}. */
    static SubtaskState open(StateInitializationContext context, String name, int index, int parallelism,
                             Reader reader) throws Exception {
        ListState<byte[]> state = context.getOperatorStateStore()
                .getUnionListState(new ListStateDescriptor<>(name, BytePrimitiveArraySerializer.INSTANCE));
        if (context.isRestored()) {
            for (byte[] blob : state.get()) {
                DataInputStream in = new DataInputStream(new ByteArrayInputStream(blob));
                int i = in.readInt();
                int p = in.readInt();
                if (p != parallelism) {
                    throw new IllegalStateException(name + " was checkpointed at parallelism " + p + ", not "
                            + parallelism + ": its per-subtask state cannot be split or merged");
                }
                if (i == index) {
                    reader.read(in);
                }
            }
        }
        return new SubtaskState(state, index, parallelism);
    }

    void save(Writer writer) throws Exception {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
        DataOutputStream out = new DataOutputStream(buf);
        out.writeInt(index);
        out.writeInt(parallelism);
        writer.write(out);
        out.flush();
        state.update(List.of(buf.toByteArray()));
    }

    /** The parser's dictionaries, names in id order, so ids after a restore are those of the run that saved. */
    static void writeDictionaries(DataOutput out, EventParser p) throws IOException {
        for (Dictionary d : dictionaries(p)) {
            out.writeInt(d.size());
            for (int id = 0; id < d.size(); id++) {
                out.writeUTF(d.name(id));
            }
        }
    }

    static void readDictionaries(DataInput in, EventParser p) throws IOException {
        for (Dictionary d : dictionaries(p)) {
            int n = in.readInt();
            for (int id = 0; id < n; id++) {
                if (d.intern(in.readUTF()) != id) {
                    throw new IllegalStateException("dictionary does not match the checkpoint at id " + id);
                }
            }
        }
    }

    private static Dictionary[] dictionaries(EventParser p) {
        return new Dictionary[] {p.users(), p.types(), p.items(), p.categories(), p.channels(), p.sources()};
    }
}
