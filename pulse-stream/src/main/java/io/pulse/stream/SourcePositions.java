package io.pulse.stream;

import io.pulse.core.PulseInputException;
import java.io.DataInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The positions of a live source stored beside a checkpoint, in {@code <checkpoint>.position}: the last two
 * (engine offset, source position) pairs. The pair is written before the checkpoint it belongs to, so a crash
 * between the two writes leaves the older checkpoint with its pair still in the file; a restore takes the pair
 * whose offset is the checkpoint's. Written as a {@link Checkpoint} file (atomic, checksummed).
 */
final class SourcePositions {

    private SourcePositions() {
    }

    static Path file(Path checkpoint) {
        return checkpoint.resolveSibling(checkpoint.getFileName() + ".position");
    }

    /** Adds the pair for the checkpoint about to be written at {@code offset}, keeping the previous one. */
    static void record(Path checkpoint, long offset, String position) throws IOException {
        Path file = file(checkpoint);
        long previousOffset = -1;
        String previous = null;
        if (Files.exists(file)) {
            DataInput in = Checkpoint.read(file);
            previousOffset = in.readLong();
            previous = in.readUTF();
        }
        long keptOffset = previousOffset;
        String kept = previous;
        Checkpoint.write(file, out -> {
            out.writeLong(offset);
            out.writeUTF(position);
            out.writeBoolean(kept != null);
            if (kept != null) {
                out.writeLong(keptOffset);
                out.writeUTF(kept);
            }
        });
    }

    /**
     * The source position stored for the checkpoint at {@code offset}; empty when the run that wrote it had a
     * source without positions (no file).
     */
    static Optional<String> find(Path checkpoint, long offset) throws IOException {
        Path file = file(checkpoint);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        DataInput in = Checkpoint.read(file);
        long o = in.readLong();
        String p = in.readUTF();
        if (o == offset) {
            return Optional.of(p);
        }
        if (in.readBoolean() && in.readLong() == offset) {
            return Optional.of(in.readUTF());
        }
        throw new PulseInputException(file.toString(), "holds no source position for the checkpoint at event "
                + offset);
    }
}
