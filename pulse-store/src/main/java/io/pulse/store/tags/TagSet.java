package io.pulse.store.tags;

import org.roaringbitmap.RoaringBitmap;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tags of every user at a cutoff: bitmaps of dense user indexes, index i being {@code userIds[i]}.
 *
 * @param version the stored version; 0 for a set just computed ({@link TagStore#store} returns its number)
 * @param userIds every user of the feature table at the cutoff, in the store's user-id order
 * @param tags tag name → its users, in definition order
 * @param definitionOf tag name → the definition it comes from ({@code region:east} → {@code region})
 * @param sources definition → the table and run a model tag was read from, so a tag can be traced
 * @param skipped model definitions whose table does not exist yet, with what to run first
 */
public record TagSet(int version, LocalDate cutoff, Instant computedAt, String[] userIds,
        LinkedHashMap<String, RoaringBitmap> tags, Map<String, String> definitionOf, Map<String, String> sources,
        List<Skipped> skipped) {

    /** A definition that produced no tags, and why. */
    public record Skipped(String definition, String reason) {
    }

    public TagSet {
        definitionOf = Map.copyOf(definitionOf);
        sources = Map.copyOf(sources);
        skipped = List.copyOf(skipped);
    }

    public int users() {
        return userIds.length;
    }

    /** Every user: what {@code not} complements within. */
    public RoaringBitmap universe() {
        return RoaringBitmap.bitmapOfRange(0, userIds.length);
    }
}
