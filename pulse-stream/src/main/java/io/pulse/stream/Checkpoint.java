package io.pulse.stream;

import io.pulse.core.PulseInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/**
 * A checkpoint file: the engine's whole state in a compact binary form. Layout: magic "PLSC", format
 * {@link #VERSION}, payload length, the payload ({@link DataOutput} of every stage in pipeline order,
 * deflated: the per-key rings are mostly small counts and zeros) and the CRC32 of the stored payload. It is written to {@code <file>.partial}, forced to disk, then renamed over
 * {@code <file>} atomically: a crash at any point leaves either the previous checkpoint or the new one,
 * never half of one.
 */
public final class Checkpoint {

    static final int MAGIC = 0x504C5343;
    public static final int VERSION = 1;

    /** When the engine checkpoints: every {@code everyEvents} events in, and/or every {@code everyEventTime} of watermark progress. */
    public record Schedule(Path file, long everyEvents, Duration everyEventTime) {

        public Schedule {
            if (everyEvents <= 0 && (everyEventTime == null || everyEventTime.toMillis() <= 0)) {
                throw new IllegalArgumentException("a checkpoint schedule needs a positive event count or event time");
            }
        }

        public static Schedule everyEvents(Path file, long events) {
            return new Schedule(file, events, null);
        }

        public static Schedule everyEventTime(Path file, Duration eventTime) {
            return new Schedule(file, 0, eventTime);
        }

        long everyMillis() {
            return everyEventTime == null ? 0 : everyEventTime.toMillis();
        }
    }

    /** Writes state to a {@link DataOutput}. */
    public interface State {
        void write(DataOutput out) throws IOException;
    }

    private Checkpoint() {
    }

    /** Writes {@code state} to {@code file} atomically (see the class comment). */
    public static void write(Path file, State state) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(1 << 16);
        DataOutputStream header = new DataOutputStream(buf);
        header.writeInt(MAGIC);
        header.writeInt(VERSION);
        header.writeInt(0);
        header.flush();
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try (DataOutputStream out = new DataOutputStream(new DeflaterOutputStream(buf, deflater, 1 << 16))) {
            state.write(out);
        } finally {
            deflater.end();
        }
        byte[] bytes = buf.toByteArray();
        int length = bytes.length - 12;
        CRC32 crc = new CRC32();
        crc.update(bytes, 12, length);
        ByteBuffer all = ByteBuffer.allocate(bytes.length + 4).put(bytes).putInt((int) crc.getValue());
        all.putInt(8, length).flip();
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (FileChannel ch = FileChannel.open(partial, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            while (all.hasRemaining()) {
                ch.write(all);
            }
            ch.force(true);
        }
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        forceDirectory(file.toAbsolutePath().getParent());
    }

    /** The payload of {@code file}, checked: a wrong magic, version, length or checksum is an input error. */
    public static DataInput read(Path file) throws IOException {
        byte[] b = Files.readAllBytes(file);
        String where = file.toString();
        if (b.length < 16) {
            throw new PulseInputException(where, "not a checkpoint: " + b.length + " bytes");
        }
        ByteBuffer bb = ByteBuffer.wrap(b);
        if (bb.getInt(0) != MAGIC) {
            throw new PulseInputException(where, "not a checkpoint (bad magic)");
        }
        if (bb.getInt(4) != VERSION) {
            throw new PulseInputException(where, "checkpoint format " + bb.getInt(4) + ", this build reads " + VERSION);
        }
        int length = bb.getInt(8);
        if (length != b.length - 16) {
            throw new PulseInputException(where, "checkpoint truncated: " + (b.length - 16) + " of " + length + " bytes");
        }
        CRC32 crc = new CRC32();
        crc.update(b, 12, length);
        if ((int) crc.getValue() != bb.getInt(12 + length)) {
            throw new PulseInputException(where, "checkpoint checksum mismatch");
        }
        try (InflaterInputStream z = new InflaterInputStream(new ByteArrayInputStream(b, 12, length))) {
            return new DataInputStream(new ByteArrayInputStream(z.readAllBytes()));
        }
    }

    // The rename is durable only once the directory entry is on disk; not every platform can force a directory.
    private static void forceDirectory(Path dir) {
        if (dir == null) {
            return;
        }
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Windows cannot open a directory as a channel; the rename itself is still atomic there.
        }
    }
}
