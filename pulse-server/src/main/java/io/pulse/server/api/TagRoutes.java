package io.pulse.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.pulse.server.ApiError;
import io.pulse.server.ApiRoutes;
import io.pulse.server.BearerToken;
import io.pulse.server.Bodies;
import io.pulse.server.PulseJson;
import io.pulse.server.RouteDoc;
import io.pulse.server.RouteDoc.Param;
import io.pulse.store.tags.AudienceQuery;
import io.pulse.store.tags.TagSet;
import io.pulse.store.tags.TagStore;
import org.roaringbitmap.RoaringBitmap;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The newest tag version with each tag's users, the newest stored audit, saved audiences with their counts, audience counts by expression. */
final class TagRoutes implements ApiRoutes {

    /** An audience is a name and an expression: a few kilobytes at most. */
    static final int MAX_AUDIENCE_BODY = 8192;
    private static final ObjectMapper JSON = new ObjectMapper();
    private final StoreViews views;
    private final boolean readToken;

    TagRoutes(StoreViews views, boolean readToken) {
        this.views = views;
        this.readToken = readToken;
    }

    @Override
    public void register(RoutesConfig routes, BearerToken token) {
        Access a = new Access(token, readToken);
        routes.get("/api/tags", a.read(this::tags));
        routes.get("/api/tags/audit", a.read(this::audit));
        routes.get("/api/audiences", a.read(this::audiences));
        routes.get("/api/audiences/count", a.read(this::count));
        routes.post("/api/audiences", a.write(this::save));
    }

    private TagSet tagSet() {
        return views.tags().orElseThrow(() -> StoreViews.notComputed("tags compute"));
    }

    private void tags(Context ctx) {
        TagSet t = tagSet();
        Map<String, Object> m = version(t);
        m.put("tags", t.tags().entrySet().stream().map(e -> {
            Map<String, Object> tag = new LinkedHashMap<>();
            tag.put("name", e.getKey());
            tag.put("definition", t.definitionOf().get(e.getKey()));
            tag.put("users", e.getValue().getLongCardinality());
            tag.put("share", share(e.getValue(), t));
            return tag;
        }).toList());
        Reply.ok(ctx, m);
    }

    private void audit(Context ctx) {
        Reply.ok(ctx, StoredRuns.tagAudit(views.reader()).orElseThrow(() -> StoreViews.notComputed(StoredRuns.AUDIT_VERB)));
    }

    private void audiences(Context ctx) {
        TagSet t = tagSet();
        List<TagStore.Audience> saved = views.write(() -> TagStore.audiences(views.store()));
        Map<String, Object> m = version(t);
        m.put("audiences", saved.stream().map(au -> {
            Map<String, Object> row = count(t, au.expression());
            row.put("name", au.name());
            row.put("saved_at", au.savedAt().toString());
            return row;
        }).toList());
        Reply.ok(ctx, m);
    }

    private void count(Context ctx) {
        String expression = Params.text(ctx, "expression", Params.MAX_EXPRESSION);
        TagSet t = tagSet();
        Map<String, Object> m = count(t, expression);
        m.put("version", t.version());
        Reply.ok(ctx, m);
    }

    private void save(Context ctx) throws IOException {
        JsonNode body;
        try {
            body = JSON.readTree(Bodies.readBounded(ctx, MAX_AUDIENCE_BODY, "an audience is a name and an expression"));
        } catch (JsonProcessingException e) {
            throw new ApiError(400, "invalid_json", "not JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject() || !body.path("name").isTextual() || !body.path("expression").isTextual()) {
            throw new ApiError(400, "bad_audience", "expected {\"name\": \"...\", \"expression\": \"...\"}");
        }
        String expression = body.get("expression").asText();
        if (expression.length() > Params.MAX_EXPRESSION) {
            throw Params.bad("expression", "is at most " + Params.MAX_EXPRESSION + " characters");
        }
        TagSet t = tagSet();
        TagStore.Audience saved = views.write(() -> TagStore.saveAudience(views.store(), body.get("name").asText(),
                expression));
        Map<String, Object> m = count(t, saved.expression());
        m.put("name", saved.name());
        m.put("saved_at", saved.savedAt().toString());
        Reply.text(ctx, 201, PulseJson.text(m));
    }

    /** The expression's user count in {@code t}; a malformed expression or unknown tag is a bad input (400). */
    private static Map<String, Object> count(TagSet t, String expression) {
        AudienceQuery.Result r = AudienceQuery.run(t, expression);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("expression", expression);
        m.put("users", r.count());
        m.put("share", share(r.users(), t));
        return m;
    }

    private static Map<String, Object> version(TagSet t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", t.version());
        m.put("cutoff", t.cutoff().toString());
        m.put("computed_at", t.computedAt().toString());
        m.put("users", t.users());
        return m;
    }

    private static double share(RoaringBitmap users, TagSet t) {
        return t.users() == 0 ? 0 : (double) users.getLongCardinality() / t.users();
    }

    @Override
    public List<RouteDoc> docs() {
        return List.of(
                new RouteDoc("GET", "/api/tags", "tags", "The newest tag version: each tag's users and share",
                        readToken, List.of()),
                new RouteDoc("GET", "/api/tags/audit", "tags", "The newest stored tag audit (pulse tags audit):"
                        + " coverage, redundant pairs, marginal value curve and knee, pruned set", readToken, List.of()),
                new RouteDoc("GET", "/api/audiences", "tags", "Saved audiences with their user counts", readToken,
                        List.of()),
                new RouteDoc("GET", "/api/audiences/count", "tags", "Users matching a tag expression", readToken,
                        List.of(new Param("expression", "query", true, "string",
                                "e.g. high_value and not dormant and (region:east or region:north)"))),
                new RouteDoc("POST", "/api/audiences", "tags", "Saves an audience {\"name\",\"expression\"}"
                        + " (replacing one of the same name); answers its count", true, List.of()));
    }
}
