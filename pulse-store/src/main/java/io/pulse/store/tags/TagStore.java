package io.pulse.store.tags;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pulse.core.PulseInputException;
import io.pulse.core.tags.AudienceExpression;
import io.pulse.store.PulseStore;
import io.pulse.store.StoreException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Versions of the tags, kept side by side so a change can be traced: each {@link #store} adds version
 * n + 1 in one transaction, and nothing is ever rewritten.
 *
 * <p>Tables: {@code tag_versions} (one row per version, with the SHA-256 of its definitions and of its
 * user list), {@code tag_definitions} (the definitions as they were), {@code tag_bitmaps} (one run-optimised
 * RoaringBitmap per tag, as a BLOB, over the version's dense user indexes) and {@code tag_users} (dense
 * index → user id). A user list is written only when it differs from every stored one:
 * {@code tag_users.version} is the version that first wrote the list and {@code tag_versions.users_version}
 * points to it, so recomputing on an unchanged user base costs no copy of the ids. Saved audiences live in
 * {@code audiences}, by name.
 */
public final class TagStore {

    static final String DDL = """
            CREATE TABLE IF NOT EXISTS tag_versions (
                version            INTEGER PRIMARY KEY,
                cutoff             DATE NOT NULL,
                computed_at        TIMESTAMP NOT NULL,
                users              BIGINT NOT NULL,
                tags               INTEGER NOT NULL,
                definitions_sha256 VARCHAR NOT NULL,
                users_version      INTEGER NOT NULL,
                users_sha256       VARCHAR NOT NULL,
                sources            VARCHAR NOT NULL,
                skipped            VARCHAR NOT NULL,
                stored_at          TIMESTAMP NOT NULL
            );
            CREATE TABLE IF NOT EXISTS tag_users (
                version    INTEGER NOT NULL,
                user_index INTEGER NOT NULL,
                user_id    VARCHAR NOT NULL
            );
            CREATE TABLE IF NOT EXISTS tag_bitmaps (
                version     INTEGER NOT NULL,
                position    INTEGER NOT NULL,
                tag         VARCHAR NOT NULL,
                definition  VARCHAR NOT NULL,
                cardinality BIGINT NOT NULL,
                bitmap      BLOB NOT NULL
            );
            CREATE TABLE IF NOT EXISTS tag_definitions (
                version     INTEGER NOT NULL,
                position    INTEGER NOT NULL,
                name        VARCHAR NOT NULL,
                kind        VARCHAR NOT NULL,
                expression  VARCHAR NOT NULL,
                owner       VARCHAR NOT NULL,
                description VARCHAR NOT NULL,
                refresh     VARCHAR NOT NULL
            );
            CREATE TABLE IF NOT EXISTS audiences (
                name       VARCHAR PRIMARY KEY,
                expression VARCHAR NOT NULL,
                saved_at   TIMESTAMP NOT NULL
            );
            """;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern AUDIENCE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,63}");
    /** User ids listed by a one-tag diff; the totals are always exact. */
    public static final int LISTED_USERS = 100;

    private TagStore() {
    }

    /** One stored version, without its bitmaps. */
    public record Version(int version, LocalDate cutoff, Instant computedAt, long users, int tags,
            String definitionsSha256) {
    }

    /** How one tag moved between two versions, users matched by id. */
    public record TagChange(String tag, long kept, long gained, long lost) {
    }

    /** The users behind one tag's change: the first {@link #LISTED_USERS} of each side in id order, and the totals. */
    public record UserChanges(String tag, long gained, long lost, List<String> gainedUsers, List<String> lostUsers) {
    }

    /** @param users for the one tag asked about, else null */
    public record Diff(int from, int to, List<TagChange> tags, UserChanges users) {
    }

    public record Audience(String name, String expression, Instant savedAt) {
    }

    /** Stores {@code set} as the next version and returns its number. */
    public static int store(PulseStore store, TagSet set, List<TagDefinition> defs) {
        Connection c = store.connection();
        try {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    s.execute(DDL);
                }
                int version = (int) store.scalarLong("SELECT coalesce(max(version), 0) + 1 FROM tag_versions");
                String usersSha = sha256(String.join("\n", set.userIds()));
                List<Integer> sameUsers = TagRun.rows(store, "SELECT users_version FROM tag_versions"
                        + " WHERE users_sha256 = ? AND users = ? ORDER BY version LIMIT 1",
                        List.of(usersSha, (long) set.users()), rs -> rs.getInt(1));
                int usersVersion = sameUsers.isEmpty() ? version : sameUsers.get(0);
                if (sameUsers.isEmpty()) {
                    try (DuckDBAppender a = c.unwrap(DuckDBConnection.class).createAppender("main", "tag_users")) {
                        String[] ids = set.userIds();
                        for (int i = 0; i < ids.length; i++) {
                            a.beginRow().append(version).append(i).append(ids[i]).endRow();
                        }
                    }
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO tag_versions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    p.setInt(1, version);
                    p.setObject(2, set.cutoff());
                    p.setTimestamp(3, Timestamp.from(set.computedAt()));
                    p.setLong(4, set.users());
                    p.setInt(5, set.tags().size());
                    p.setString(6, definitionsSha256(defs));
                    p.setInt(7, usersVersion);
                    p.setString(8, usersSha);
                    p.setString(9, JSON.writeValueAsString(set.sources()));
                    p.setString(10, JSON.writeValueAsString(set.skipped()));
                    p.setTimestamp(11, Timestamp.from(Instant.now()));
                    p.executeUpdate();
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO tag_bitmaps VALUES (?, ?, ?, ?, ?, ?)")) {
                    int position = 0;
                    for (Map.Entry<String, RoaringBitmap> e : set.tags().entrySet()) {
                        p.setInt(1, version);
                        p.setInt(2, position++);
                        p.setString(3, e.getKey());
                        p.setString(4, set.definitionOf().get(e.getKey()));
                        p.setLong(5, e.getValue().getLongCardinality());
                        p.setBytes(6, serialize(e.getValue()));
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO tag_definitions VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    int position = 0;
                    for (TagDefinition d : defs) {
                        p.setInt(1, version);
                        p.setInt(2, position++);
                        p.setString(3, d.name());
                        p.setString(4, d.kind().name().toLowerCase(Locale.ROOT));
                        p.setString(5, d.expression());
                        p.setString(6, d.owner());
                        p.setString(7, d.description());
                        p.setString(8, d.refresh().key());
                        p.addBatch();
                    }
                    p.executeBatch();
                }
                c.commit();
                return version;
            } catch (SQLException | RuntimeException | JsonProcessingException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException | JsonProcessingException e) {
            throw new StoreException("cannot store the tags: " + e.getMessage(), e);
        }
    }

    public static List<Version> versions(PulseStore store) {
        if (!TagRun.tableExists(store, "tag_versions")) {
            return List.of();
        }
        return TagRun.rows(store, "SELECT version, cutoff, computed_at, users, tags, definitions_sha256"
                + " FROM tag_versions ORDER BY version", List.of(), rs -> new Version(rs.getInt(1),
                rs.getObject(2, LocalDate.class), rs.getTimestamp(3).toInstant(), rs.getLong(4), rs.getInt(5),
                rs.getString(6)));
    }

    /** The newest version, or empty when no tags are stored. */
    public static Optional<TagSet> latest(PulseStore store) {
        List<Version> all = versions(store);
        return all.isEmpty() ? Optional.empty() : Optional.of(load(store, all.get(all.size() - 1).version()));
    }

    /** @throws PulseInputException for a version that is not stored */
    public static TagSet load(PulseStore store, int version) {
        record Head(LocalDate cutoff, Instant computedAt, long users, int usersVersion, String sources, String skipped) {
        }
        List<Head> heads = TagRun.tableExists(store, "tag_versions") ? TagRun.rows(store,
                "SELECT cutoff, computed_at, users, users_version, sources, skipped FROM tag_versions WHERE version = ?",
                List.of(version), rs -> new Head(rs.getObject(1, LocalDate.class), rs.getTimestamp(2).toInstant(),
                        rs.getLong(3), rs.getInt(4), rs.getString(5), rs.getString(6))) : List.of();
        if (heads.isEmpty()) {
            throw new PulseInputException("--version", 0, "version", "no tag version " + version + " is stored"
                    + versions(store).stream().map(v -> Integer.toString(v.version()))
                    .reduce((a, b) -> a + ", " + b).map(s -> " (stored: " + s + ")").orElse(" (none is)"));
        }
        Head h = heads.get(0);
        String[] ids = new String[(int) h.users()];
        TagRun.forEach(store, "SELECT user_index, user_id FROM tag_users WHERE version = ?", List.of(h.usersVersion()),
                rs -> ids[rs.getInt(1)] = rs.getString(2));
        LinkedHashMap<String, RoaringBitmap> tags = new LinkedHashMap<>();
        Map<String, String> definitionOf = new HashMap<>();
        TagRun.forEach(store, "SELECT tag, definition, bitmap FROM tag_bitmaps WHERE version = ? ORDER BY position",
                List.of(version), rs -> {
                    Blob blob = rs.getBlob(3);
                    tags.put(rs.getString(1), deserialize(blob.getBytes(1, (int) blob.length())));
                    definitionOf.put(rs.getString(1), rs.getString(2));
                });
        try {
            return new TagSet(version, h.cutoff(), h.computedAt(), ids, tags, definitionOf,
                    JSON.readValue(h.sources(), new TypeReference<Map<String, String>>() { }),
                    JSON.readValue(h.skipped(), new TypeReference<List<TagSet.Skipped>>() { }));
        } catch (JsonProcessingException e) {
            throw new StoreException("tag version " + version + " is unreadable: " + e.getMessage(), e);
        }
    }

    /**
     * How every tag changed from version {@code from} to {@code to}, users matched by id (their dense
     * indexes may differ); a user present in only one version counts as gained or lost by its tags.
     *
     * @param tag one tag to list the users of, or null for counts only
     */
    public static Diff diff(PulseStore store, int from, int to, String tag) {
        TagSet a = load(store, from);
        TagSet b = load(store, to);
        int[] toB = indexesIn(a.userIds(), b.userIds());
        Set<String> names = new LinkedHashSet<>(b.tags().keySet());
        names.addAll(a.tags().keySet());
        if (tag != null && !names.contains(tag)) {
            throw new PulseInputException("--tag", 0, "tag", "tag '" + tag + "' is in neither version " + from
                    + " nor " + to);
        }
        List<TagChange> changes = new ArrayList<>();
        UserChanges users = null;
        for (String name : names) {
            RoaringBitmap before = translate(a.tags().get(name), toB);
            RoaringBitmap after = b.tags().getOrDefault(name, new RoaringBitmap());
            RoaringBitmap gained = RoaringBitmap.andNot(after, before);
            RoaringBitmap lost = RoaringBitmap.andNot(before, after);
            changes.add(new TagChange(name, RoaringBitmap.andCardinality(before, after), gained.getLongCardinality(),
                    lost.getLongCardinality()));
            if (name.equals(tag)) {
                users = new UserChanges(name, gained.getLongCardinality(), lost.getLongCardinality(),
                        ids(gained, b.userIds(), a.userIds(), toB), ids(lost, b.userIds(), a.userIds(), toB));
            }
        }
        return new Diff(from, to, List.copyOf(changes), users);
    }

    /** Each index of {@code a} in {@code b}'s index space; users missing from b get indexes past b's end. */
    private static int[] indexesIn(String[] a, String[] b) {
        int[] out = new int[a.length];
        if (Arrays.equals(a, b)) {
            Arrays.setAll(out, i -> i);
            return out;
        }
        Map<String, Integer> inB = new HashMap<>(b.length * 2);
        for (int i = 0; i < b.length; i++) {
            inB.put(b[i], i);
        }
        int extra = b.length;
        for (int i = 0; i < a.length; i++) {
            Integer j = inB.get(a[i]);
            out[i] = j != null ? j : extra++;
        }
        return out;
    }

    private static RoaringBitmap translate(RoaringBitmap bitmap, int[] map) {
        if (bitmap == null) {
            return new RoaringBitmap();
        }
        int[] mapped = new int[bitmap.getCardinality()];
        int n = 0;
        for (IntIterator it = bitmap.getIntIterator(); it.hasNext(); ) {
            mapped[n++] = map[it.next()];
        }
        Arrays.sort(mapped);
        return RoaringBitmap.bitmapOf(mapped);
    }

    /** The ids of up to {@link #LISTED_USERS} users of {@code users}, an index past b's end being a user only in a. */
    private static List<String> ids(RoaringBitmap users, String[] b, String[] a, int[] toB) {
        Map<Integer, String> onlyInA = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            if (toB[i] >= b.length) {
                onlyInA.put(toB[i], a[i]);
            }
        }
        List<String> out = new ArrayList<>();
        for (IntIterator it = users.getIntIterator(); it.hasNext() && out.size() < LISTED_USERS; ) {
            int i = it.next();
            out.add(i < b.length ? b[i] : onlyInA.get(i));
        }
        return out;
    }

    /** Saves (replacing one of the same name) an audience after checking that its expression parses. */
    public static Audience saveAudience(PulseStore store, String name, String expression) {
        if (name == null || !AUDIENCE_NAME.matcher(name).matches()) {
            throw new PulseInputException("audience", 0, "name", "an audience name is up to 64 lower-case letters,"
                    + " digits and '_', starting with a letter, got '" + name + "'");
        }
        AudienceExpression.parse(expression);
        Instant now = Instant.now();
        Connection c = store.connection();
        try (Statement s = c.createStatement()) {
            s.execute(DDL);
            try (PreparedStatement p = c.prepareStatement("INSERT OR REPLACE INTO audiences VALUES (?, ?, ?)")) {
                p.setString(1, name);
                p.setString(2, expression);
                p.setTimestamp(3, Timestamp.from(now));
                p.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("cannot save the audience: " + e.getMessage(), e);
        }
        return new Audience(name, expression, now);
    }

    /** The saved audiences by name. */
    public static List<Audience> audiences(PulseStore store) {
        if (!TagRun.tableExists(store, "audiences")) {
            return List.of();
        }
        return TagRun.rows(store, "SELECT name, expression, saved_at FROM audiences ORDER BY name", List.of(),
                rs -> new Audience(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
    }

    static String definitionsSha256(List<TagDefinition> defs) {
        StringBuilder text = new StringBuilder();
        for (TagDefinition d : defs) {
            for (String field : List.of(d.name(), d.kind().name(), d.expression(), d.owner(), d.description(),
                    d.refresh().key())) {
                text.append(field).append('\t');
            }
            text.append('\n');
        }
        return sha256(text.toString());
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }

    static byte[] serialize(RoaringBitmap bitmap) {
        RoaringBitmap copy = bitmap.clone();
        copy.runOptimize();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(copy.serializedSizeInBytes());
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            copy.serialize(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static RoaringBitmap deserialize(byte[] bytes) {
        RoaringBitmap bitmap = new RoaringBitmap();
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            bitmap.deserialize(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bitmap;
    }
}
