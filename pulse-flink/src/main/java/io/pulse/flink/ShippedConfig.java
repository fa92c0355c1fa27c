package io.pulse.flink;

import io.pulse.stream.Dimension;
import io.pulse.stream.GuardSettings;
import io.pulse.stream.NoiseFilter;
import io.pulse.stream.StreamConfig;
import io.pulse.stream.WindowSpec;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link StreamConfig} as Flink ships operators to the task managers (Java serialization). The config's
 * records stay plain records in pulse-stream; this writes their fields and rebuilds them.
 */
final class ShippedConfig implements Serializable {

    private static final long serialVersionUID = 1L;
    private transient StreamConfig config;

    ShippedConfig(StreamConfig config) {
        this.config = config;
    }

    StreamConfig get() {
        return config;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
        StreamConfig c = config;
        out.writeLong(c.maxOutOfOrder().toMillis());
        out.writeLong(c.allowedLateness().toMillis());
        out.writeLong(c.dedupHorizon().toMillis());
        NoiseFilter.Settings n = c.noise();
        out.writeInt(n.maxEventsPerMinute());
        out.writeInt(n.zeroDwellViews());
        out.writeInt(n.regularIntervals());
        out.writeInt(n.maxItemsPerSecond());
        out.writeInt(c.windows().size());
        for (WindowSpec w : c.windows()) {
            out.writeInt(w.dimension().ordinal());
            out.writeLong(w.size().toMillis());
            out.writeInt(w.sustainWindows());
            out.writeInt(w.minExcess());
        }
        GuardSettings g = c.guard();
        out.writeDouble(g.alarmScore());
        out.writeDouble(g.minRatio());
        out.writeDouble(g.elevatedRatio());
        out.writeDouble(g.maxTopSourceShare());
        out.writeInt(g.minDistinctUsers());
        out.writeInt(g.history());
        out.writeInt(g.gapFill());
        out.writeDouble(g.baselineAlpha());
        out.writeInt(g.warmUpWindows());
        out.writeInt(g.patience());
        out.writeInt(c.queueBatches());
        out.writeInt(c.batchSize());
    }

    private void readObject(ObjectInputStream in) throws IOException {
        Duration ooo = Duration.ofMillis(in.readLong());
        Duration lateness = Duration.ofMillis(in.readLong());
        Duration horizon = Duration.ofMillis(in.readLong());
        NoiseFilter.Settings noise = new NoiseFilter.Settings(in.readInt(), in.readInt(), in.readInt(), in.readInt());
        List<WindowSpec> windows = new ArrayList<>();
        for (int n = in.readInt(); n > 0; n--) {
            windows.add(new WindowSpec(Dimension.values()[in.readInt()], Duration.ofMillis(in.readLong()), in.readInt(),
                    in.readInt()));
        }
        GuardSettings guard = new GuardSettings(in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readInt(), in.readInt(), in.readInt(), in.readDouble(), in.readInt(), in.readInt());
        config = new StreamConfig(ooo, lateness, horizon, noise, windows, guard, in.readInt(), in.readInt());
    }
}
