package io.pulse.stream;

import java.util.Locale;

/** What a window is keyed by: a field of the event, read as its interned id (-1: the event has none). */
public enum Dimension {
    ITEM, CATEGORY, CHANNEL, SOURCE;

    public int key(StreamEvent e) {
        return switch (this) {
            case ITEM -> e.item();
            case CATEGORY -> e.category();
            case CHANNEL -> e.channel();
            case SOURCE -> e.source();
        };
    }

    public Dictionary names(EventParser p) {
        return switch (this) {
            case ITEM -> p.items();
            case CATEGORY -> p.categories();
            case CHANNEL -> p.channels();
            case SOURCE -> p.sources();
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
