package io.pulse.store.tags;

import io.pulse.core.PulseInputException;
import io.pulse.core.tags.TagAudit;
import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;
import io.pulse.store.features.FeatureTable;
import org.roaringbitmap.RoaringBitmap;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code pulse tags audit}: computes the tags as they were one horizon before the cutoff and judges
 * them by how well they predict a purchase in the horizon that followed ({@link TagAudit}), so the
 * marginal value curve is measured on an outcome the tags could not have seen. Model tags are read
 * from tables computed on later data; they are described but not scored, and kept.
 *
 * <p>Stability compares the two latest stored versions ({@code pulse tags compute}), when there are two.
 * Note that the feature table is rebuilt at the audit's cutoff.
 */
public final class TagAuditRun {

    private TagAuditRun() {
    }

    /**
     * @param cutoff the end of the outcome horizon; null for the last event's day
     * @param horizonDays how far ahead the purchase is looked for
     */
    public record Options(LocalDate cutoff, int horizonDays, long seed) {

        public Options {
            if (horizonDays < 1 || horizonDays > 365) {
                throw new PulseInputException("--horizon", 0, "horizon", "need 1 to 365 days, got " + horizonDays);
            }
        }

        public static Options defaults() {
            return new Options(null, 30, 42);
        }
    }

    /**
     * @param tagsAt the cutoff the audited tags were computed at (the outcome's horizon follows it)
     * @param buyers users with a purchase in the horizon
     * @param stability changes per tag between the two latest stored versions; empty with fewer than two
     */
    public record Result(TagSet set, LocalDate tagsAt, int horizonDays, long buyers, TagAudit.Result audit,
            Integer stabilityFrom, Integer stabilityTo, List<TagStore.TagChange> stability) {
    }

    public static Result run(PulseStore store, List<TagDefinition> defs, Options o) {
        LocalDate last = o.cutoff() != null ? o.cutoff() : FeatureTable.lastEventDay(store);
        LocalDate first = FeatureTable.firstEventDay(store);
        if (last == null || first == null) {
            throw new PulseInputException(store.path().toString(), "the store has no events: run 'pulse ingest FILE' first");
        }
        LocalDate tagsAt = last.minusDays(o.horizonDays());
        if (tagsAt.isBefore(first)) {
            throw new PulseInputException("--horizon", 0, "horizon", "the store's " + first + " to " + last
                    + " leaves no history before a " + o.horizonDays() + "-day horizon; choose a shorter one");
        }
        TagSet set = TagRun.compute(store, defs, tagsAt);
        RoaringBitmap buyers = buyers(store, set, tagsAt, o.horizonDays());
        Set<String> models = new LinkedHashSet<>();
        Map<String, TagDefinition.Kind> kinds = new HashMap<>();
        for (TagDefinition d : defs) {
            kinds.put(d.name(), d.kind());
        }
        List<String> names = new ArrayList<>(set.tags().keySet());
        for (String n : names) {
            if (kinds.get(set.definitionOf().get(n)) == TagDefinition.Kind.MODEL) {
                models.add(n);
            }
        }
        boolean outcomeUsable = !buyers.isEmpty() && buyers.getLongCardinality() < set.users();
        TagAudit.Result audit = TagAudit.run(names, new ArrayList<>(set.tags().values()), set.users(), null,
                outcomeUsable ? buyers : null, models, TagAudit.Options.defaults(o.seed()));

        List<TagStore.Version> versions = TagStore.versions(store);
        Integer from = null;
        Integer to = null;
        List<TagStore.TagChange> stability = List.of();
        if (versions.size() >= 2) {
            from = versions.get(versions.size() - 2).version();
            to = versions.get(versions.size() - 1).version();
            stability = TagStore.diff(store, from, to, null).tags();
        }
        return new Result(set, tagsAt, o.horizonDays(), buyers.getLongCardinality(), audit, from, to, stability);
    }

    /** Users of the set with a purchase in the horizon after {@code tagsAt}, as dense indexes. */
    private static RoaringBitmap buyers(PulseStore store, TagSet set, LocalDate tagsAt, int horizonDays) {
        Map<String, Integer> index = new HashMap<>(set.users() * 2);
        String[] ids = set.userIds();
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        RoaringBitmap out = new RoaringBitmap();
        String sql = "SELECT DISTINCT user_id FROM events WHERE type = 'purchase'"
                + " AND ts >= CAST(? AS DATE) + INTERVAL 1 DAY"
                + " AND ts < CAST(? AS DATE) + INTERVAL 1 DAY + to_days(CAST(? AS INTEGER))";
        try (PreparedStatement p = store.connection().prepareStatement(sql)) {
            p.setObject(1, tagsAt);
            p.setObject(2, tagsAt);
            p.setInt(3, horizonDays);
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Integer i = index.get(rs.getString(1));
                    if (i != null) {
                        out.add(i);
                    }
                }
            }
        } catch (SQLException e) {
            throw new StoreException("cannot read the purchases after " + tagsAt + ": " + e.getMessage(), e);
        }
        return out;
    }
}
