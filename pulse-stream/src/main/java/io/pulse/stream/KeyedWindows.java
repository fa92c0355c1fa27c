package io.pulse.stream;

import io.pulse.stream.internal.StateIo;
import io.pulse.stream.internal.UserSketch;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;

/**
 * Event-time windows of event counts per key of one {@link WindowSpec}, tumbling or sliding. Besides the
 * count, each (window, key) keeps what the spike guard's evidence needs: events per source (the first
 * {@value #SOURCE_SLOTS} − 2 sources by id, slot 0 for events without a source, the last slot for the rest)
 * and a distinct-user sketch; item windows also keep events per category, for the lift on related items.
 *
 * <p>Sliding windows are built from <em>panes</em>: an event goes to the one pane of length {@code slide}
 * holding it, and closing a window sums its {@code size / slide} panes (counts and sources added, user
 * sketches ORed). An event is touched once however many windows hold it; the cost of overlap is paid per
 * key and pane at close. Tumbling windows are the case of one pane per window, handed to the listener as
 * they are. Window {@code w} ends at {@code (w + 1) × slide} and its newest pane is pane {@code w}.
 *
 * <p>Open panes live in a ring of slots sized by how far behind the watermark a window may stay open
 * (out-of-orderness + lateness) plus the panes of one window, so no state grows with time. A window closes
 * when {@link #closeUpTo(long)} passes its end; every window closes in order, empty ones too, since "no
 * events" is a count the detectors must see.
 */
public final class KeyedWindows {

    public static final int SOURCE_SLOTS = 32;

    /** Receives each closed window; the view is reused, valid only during the call. */
    public interface Listener {
        void onClose(Closed window);
    }

    private final WindowSpec spec;
    private final long slide;
    private final int panes;
    private final Listener listener;
    private final Slot[] ring;
    /** The sum of a sliding window's panes, refilled at each close. */
    private final Slot sum = new Slot();
    private final Closed view = new Closed();
    private int[] itemCategory = new int[0];
    private long nextToClose = Long.MIN_VALUE;
    private Slot lastSlot = Slot.EMPTY;
    private long lastWindow = Long.MIN_VALUE;
    private long lastStart = Long.MAX_VALUE;

    /**
     * @param openSpanMillis how long after its end a window can still receive events (out-of-orderness +
     *                       allowed lateness)
     */
    public KeyedWindows(WindowSpec spec, long openSpanMillis, Listener listener) {
        this.spec = spec;
        this.slide = spec.slide().toMillis();
        this.panes = spec.panes();
        this.listener = listener;
        this.ring = new Slot[(int) (openSpanMillis / slide) + panes + 2];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new Slot();
        }
    }

    public WindowSpec spec() {
        return spec;
    }

    public void add(StreamEvent e) {
        int key = spec.dimension().key(e);
        if (key < 0) {
            return;
        }
        Slot s = slotOf(e.ts());
        int category = -1;
        if (spec.dimension() == Dimension.ITEM && e.category() >= 0) {
            category = e.category();
            if (key >= itemCategory.length) {
                int old = itemCategory.length;
                itemCategory = Arrays.copyOf(itemCategory, Math.max(key + 1, old * 2));
                Arrays.fill(itemCategory, old, itemCategory.length, -1);
            }
            itemCategory[key] = category;
        }
        s.add(key, e, category);
    }

    /** The open slot of the pane holding {@code ts}; the last one used is cached (most events share it). */
    private Slot slotOf(long ts) {
        if (ts >= lastStart && ts - lastStart < slide && lastSlot.window == lastWindow) {
            return lastSlot;
        }
        long w = Math.floorDiv(ts, slide);
        if (nextToClose == Long.MIN_VALUE) {
            nextToClose = w;
        }
        if (w < nextToClose) {
            throw new IllegalStateException("event at " + ts + " for a closed window of " + spec.label());
        }
        Slot s = pane(w);
        if (s.window != w) {
            if (s.window != Long.MIN_VALUE) {
                throw new IllegalStateException("window ring of " + spec.label() + " overrun at " + ts);
            }
            s.window = w;
        }
        lastWindow = w;
        lastStart = w * slide;
        lastSlot = s;
        return s;
    }

    private Slot pane(long p) {
        return ring[(int) Math.floorMod(p, (long) ring.length)];
    }

    /** The slot of pane {@code p} if it holds events, else the empty slot. */
    private Slot paneOrEmpty(long p) {
        Slot s = pane(p);
        return s.window == p ? s : Slot.EMPTY;
    }

    /**
     * Closes, in order, every window that ends at or before {@code time}. The first call fixes the first
     * window: the one whose newest pane holds {@code time}, the oldest that may still receive events.
     */
    public void closeUpTo(long time) {
        if (nextToClose == Long.MIN_VALUE) {
            nextToClose = Math.floorDiv(time, slide);
            return;
        }
        while ((nextToClose + 1) * slide <= time) {
            view.window = nextToClose;
            if (panes == 1) {
                view.slot = paneOrEmpty(nextToClose);
            } else {
                sumPanes(nextToClose);
                view.slot = sum;
            }
            listener.onClose(view);
            if (panes > 1) {
                sum.reset();
            }
            // The oldest pane of this window is in no later one.
            Slot oldest = pane(nextToClose - panes + 1);
            if (oldest.window == nextToClose - panes + 1) {
                oldest.reset();
            }
            nextToClose++;
        }
    }

    /**
     * Fills {@link #sum} with the panes of window {@code w}. Its category array is as long as the longest of
     * theirs, as a tumbling window's would be: a function of the panes alone, so of the checkpointed state.
     */
    private void sumPanes(long w) {
        int categories = 0;
        for (long p = w - panes + 1; p <= w; p++) {
            categories = Math.max(categories, paneOrEmpty(p).categories.length);
        }
        if (sum.categories.length != categories) {
            sum.categories = new int[categories];
        }
        for (long p = w - panes + 1; p <= w; p++) {
            sum.addAll(paneOrEmpty(p));
        }
    }

    /**
     * Closes every window that ends by the end of the last pane with events (end of stream). Sliding windows
     * reaching past it are not closed: they would cover time the stream has not seen.
     */
    public void closeAll() {
        long last = Long.MIN_VALUE;
        for (Slot s : ring) {
            last = Math.max(last, s.window);
        }
        if (last != Long.MIN_VALUE) {
            closeUpTo((last + 1) * slide);
        }
    }

    /**
     * Writes the open panes (each key in the order it first appeared, which is the order the guard visits
     * them) and the item → category map. Array lengths are kept as they are: the guard sizes its category
     * ring from them.
     */
    public void writeState(DataOutput out) throws IOException {
        out.writeLong(nextToClose);
        StateIo.writeInts(out, itemCategory);
        out.writeInt(ring.length);
        for (Slot s : ring) {
            s.writeState(out);
        }
    }

    public void readState(DataInput in) throws IOException {
        nextToClose = in.readLong();
        itemCategory = StateIo.readInts(in);
        if (in.readInt() != ring.length) {
            throw new IOException("the checkpoint's window ring of " + spec.label() + " has another size");
        }
        for (Slot s : ring) {
            s.readState(in);
        }
        lastSlot = Slot.EMPTY;
        lastWindow = Long.MIN_VALUE;
        lastStart = Long.MAX_VALUE;
    }

    /** The category an item was last seen with, -1 if none. */
    public int categoryOf(int item) {
        return item < itemCategory.length ? itemCategory[item] : -1;
    }

    /**
     * A closed window: the keys it saw and their counts, sources, users and (item windows) category totals;
     * for a sliding window also its panes, so that evidence gathered over overlapping windows counts each
     * event once.
     */
    public final class Closed {
        private Slot slot;
        private long window;

        public WindowSpec spec() {
            return spec;
        }

        /** Window number: end / slide − 1, which is also its newest pane's number (start / size when tumbling). */
        public long index() {
            return window;
        }

        public long start() {
            return end() - spec.size().toMillis();
        }

        public long end() {
            return (window + 1) * slide;
        }

        /** Number of this window's oldest pane: {@code index() − panes + 1}. */
        public long firstPane() {
            return window - panes + 1;
        }

        /** Events of {@code key} in this window's panes numbered {@code fromPane} and later. */
        public int count(int key, long fromPane) {
            if (fromPane <= firstPane()) {
                return count(key);
            }
            int n = 0;
            for (long p = fromPane; p <= window; p++) {
                n += paneOrEmpty(p).count(key);
            }
            return n;
        }

        /** As {@link #addSources(int, int[])} over the panes numbered {@code fromPane} and later. */
        public void addSources(int key, int[] into, long fromPane) {
            if (fromPane <= firstPane()) {
                addSources(key, into);
                return;
            }
            for (long p = fromPane; p <= window; p++) {
                paneOrEmpty(p).addSources(key, into);
            }
        }

        /** As {@link #addUsers(int, long[])} over the panes numbered {@code fromPane} and later. */
        public void addUsers(int key, long[] into, long fromPane) {
            if (fromPane <= firstPane()) {
                addUsers(key, into);
                return;
            }
            for (long p = fromPane; p <= window; p++) {
                paneOrEmpty(p).addUsers(key, into);
            }
        }

        public int keys() {
            return slot.touched;
        }

        public int key(int i) {
            return slot.keys[i];
        }

        public int count(int key) {
            return slot.count(key);
        }

        /** Adds this window's per-source counts of {@code key} into {@code into} (length {@link #SOURCE_SLOTS}). */
        public void addSources(int key, int[] into) {
            slot.addSources(key, into);
        }

        /** ORs this window's user sketch of {@code key} into {@code into}. */
        public void addUsers(int key, long[] into) {
            slot.addUsers(key, into);
        }

        /** Category ids below this bound may have events in this window (item windows). */
        public int categories() {
            return slot.categories.length;
        }

        /** Events of item windows in {@code category}, all items together. */
        public int categoryCount(int category) {
            return category >= 0 && category < slot.categories.length ? slot.categories[category] : 0;
        }

        public int categoryOf(int item) {
            return KeyedWindows.this.categoryOf(item);
        }
    }

    /** Source slot of an event: 0 without a source, then source id + 1, the last slot for the overflow. */
    static int sourceSlot(int source) {
        return source < 0 ? 0 : Math.min(source + 1, SOURCE_SLOTS - 1);
    }

    private static final class Slot {
        static final Slot EMPTY = new Slot();

        long window = Long.MIN_VALUE;
        int[] counts = new int[0];
        int[] sources = new int[0];
        long[] users = new long[0];
        int[] categories = new int[0];
        int[] keys = new int[16];
        int touched;

        void add(int key, StreamEvent e, int category) {
            touch(key, 1);
            sources[key * SOURCE_SLOTS + sourceSlot(e.source())]++;
            UserSketch.add(users, key * UserSketch.WORDS, e.user());
            if (category >= 0) {
                growCategories(category + 1);
                categories[category]++;
            }
        }

        /** Adds {@code n} to the count of {@code key}, growing the arrays and listing the key if new. */
        private void touch(int key, int n) {
            if (key >= counts.length) {
                int size = Math.max(key + 1, counts.length * 2);
                counts = Arrays.copyOf(counts, size);
                sources = Arrays.copyOf(sources, size * SOURCE_SLOTS);
                users = Arrays.copyOf(users, size * UserSketch.WORDS);
            }
            if (counts[key] == 0) {
                if (touched == keys.length) {
                    keys = Arrays.copyOf(keys, touched * 2);
                }
                keys[touched++] = key;
            }
            counts[key] += n;
        }

        private void growCategories(int n) {
            if (n > categories.length) {
                categories = Arrays.copyOf(categories, Math.max(n, categories.length * 2));
            }
        }

        /** Adds every key of {@code pane} (counts, sources, users) and its category totals into this slot. */
        void addAll(Slot pane) {
            for (int i = 0; i < pane.touched; i++) {
                int k = pane.keys[i];
                touch(k, pane.counts[k]);
                pane.addSources(k, sources, k * SOURCE_SLOTS);
                pane.addUsers(k, users, k * UserSketch.WORDS);
            }
            for (int c = 0; c < pane.categories.length; c++) {
                categories[c] += pane.categories[c];
            }
        }

        int count(int key) {
            return key < counts.length ? counts[key] : 0;
        }

        void addSources(int key, int[] into) {
            addSources(key, into, 0);
        }

        void addUsers(int key, long[] into) {
            addUsers(key, into, 0);
        }

        private void addSources(int key, int[] into, int at) {
            if (count(key) > 0) {
                for (int i = 0; i < SOURCE_SLOTS; i++) {
                    into[at + i] += sources[key * SOURCE_SLOTS + i];
                }
            }
        }

        private void addUsers(int key, long[] into, int at) {
            if (count(key) > 0) {
                for (int i = 0; i < UserSketch.WORDS; i++) {
                    into[at + i] |= users[key * UserSketch.WORDS + i];
                }
            }
        }

        void writeState(DataOutput out) throws IOException {
            out.writeLong(window);
            out.writeInt(counts.length);
            StateIo.writeInts(out, categories);
            out.writeInt(touched);
            for (int i = 0; i < touched; i++) {
                int k = keys[i];
                out.writeInt(k);
                out.writeInt(counts[k]);
                for (int j = 0; j < SOURCE_SLOTS; j++) {
                    out.writeInt(sources[k * SOURCE_SLOTS + j]);
                }
                for (int j = 0; j < UserSketch.WORDS; j++) {
                    out.writeLong(users[k * UserSketch.WORDS + j]);
                }
            }
        }

        void readState(DataInput in) throws IOException {
            window = in.readLong();
            int n = in.readInt();
            counts = new int[n];
            sources = new int[n * SOURCE_SLOTS];
            users = new long[n * UserSketch.WORDS];
            categories = StateIo.readInts(in);
            touched = in.readInt();
            keys = new int[Math.max(16, touched)];
            for (int i = 0; i < touched; i++) {
                int k = in.readInt();
                keys[i] = k;
                counts[k] = in.readInt();
                for (int j = 0; j < SOURCE_SLOTS; j++) {
                    sources[k * SOURCE_SLOTS + j] = in.readInt();
                }
                for (int j = 0; j < UserSketch.WORDS; j++) {
                    users[k * UserSketch.WORDS + j] = in.readLong();
                }
            }
        }

        void reset() {
            for (int i = 0; i < touched; i++) {
                int k = keys[i];
                counts[k] = 0;
                Arrays.fill(sources, k * SOURCE_SLOTS, (k + 1) * SOURCE_SLOTS, 0);
                Arrays.fill(users, k * UserSketch.WORDS, (k + 1) * UserSketch.WORDS, 0L);
            }
            Arrays.fill(categories, 0);
            touched = 0;
            window = Long.MIN_VALUE;
        }
    }
}
