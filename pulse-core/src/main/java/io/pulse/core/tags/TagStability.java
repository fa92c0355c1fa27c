package io.pulse.core.tags;

import org.roaringbitmap.RoaringBitmap;

/**
 * How much a tag's membership moved between two versions (two computations, or yesterday and today):
 * a tag whose users churn wholesale between runs cannot steer a campaign however well it audits.
 *
 * @param kept users in both versions
 * @param entered users only in the later version
 * @param left users only in the earlier version
 * @param jaccard kept / (kept + entered + left); 1 when both versions are empty
 */
public record TagStability(String tag, long before, long after, long kept, long entered, long left, double jaccard) {

    public static TagStability of(String tag, RoaringBitmap before, RoaringBitmap after) {
        long kept = RoaringBitmap.andCardinality(before, after);
        long was = before.getLongCardinality();
        long is = after.getLongCardinality();
        long union = was + is - kept;
        return new TagStability(tag, was, is, kept, is - kept, was - kept, union == 0 ? 1 : (double) kept / union);
    }
}
