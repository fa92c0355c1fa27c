package io.pulse.server.api;

import io.javalin.config.RoutesConfig;
import io.pulse.core.Provenance;
import io.pulse.server.ApiRoutes;
import io.pulse.server.BearerToken;
import io.pulse.server.PulseJson;
import io.pulse.server.RouteDoc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /openapi.json}: an OpenAPI 3.0 document built from the {@link RouteDoc}s of the groups the server
 * runs, itself included. Every answer other than success is {@code {"code","message"}}.
 */
final class OpenApiRoutes implements ApiRoutes {

    private final List<ApiRoutes> groups;
    private String document;

    OpenApiRoutes(List<ApiRoutes> groups) {
        this.groups = groups;
    }

    @Override
    public void register(RoutesConfig routes, BearerToken token) {
        routes.get("/openapi.json", ctx -> Reply.text(ctx, 200, document()));
    }

    @Override
    public List<RouteDoc> docs() {
        return List.of(new RouteDoc("GET", "/openapi.json", "server", "This document", false, List.of()));
    }

    private synchronized String document() {
        if (document == null) {
            document = PulseJson.text(build());
        }
        return document;
    }

    Map<String, Object> build() {
        List<RouteDoc> all = new ArrayList<>();
        groups.forEach(g -> all.addAll(g.docs()));
        all.addAll(docs());
        Map<String, Object> paths = new TreeMap<>();
        for (RouteDoc d : all) {
            @SuppressWarnings("unchecked")
            Map<String, Object> item = (Map<String, Object>) paths.computeIfAbsent(d.path(), p -> new LinkedHashMap<>());
            item.put(d.method().toLowerCase(Locale.ROOT), operation(d));
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("openapi", "3.0.3");
        doc.put("info", Map.of("title", "Pulse API", "version", Provenance.pulseVersion(),
                "description", "The REST API of 'pulse serve' over a Pulse store. Errors are"
                        + " {\"code\",\"message\"} JSON; 404 not_computed names the verb to run first."));
        doc.put("paths", paths);
        Map<String, Object> error = Map.of("type", "object", "required", List.of("code", "message"),
                "properties", Map.of("code", Map.of("type", "string"), "message", Map.of("type", "string")));
        doc.put("components", Map.of(
                "securitySchemes", Map.of("bearer", Map.of("type", "http", "scheme", "bearer")),
                "schemas", Map.of("Error", error)));
        return doc;
    }

    private static Map<String, Object> operation(RouteDoc d) {
        Map<String, Object> op = new LinkedHashMap<>();
        op.put("tags", List.of(d.tag()));
        op.put("summary", d.summary());
        op.put("operationId", d.method().toLowerCase(Locale.ROOT) + d.path().replaceAll("[^A-Za-z0-9]+", "_"));
        if (!d.params().isEmpty()) {
            op.put("parameters", d.params().stream().map(p -> Map.of("name", p.name(), "in", p.in(),
                    "required", p.required(), "description", p.description(), "schema", Map.of("type", p.type())))
                    .toList());
        }
        if (d.method().equals("POST")) {
            op.put("requestBody", Map.of("required", true, "content", Map.of("application/json",
                    Map.of("schema", Map.of("type", "object")))));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        Map<String, Object> schema = d.contentType().equals("application/json") ? Map.of("type", "object")
                : Map.of("type", "string");
        responses.put(String.valueOf(d.status()), Map.of("description", d.contentType(),
                "content", Map.of(d.contentType(), Map.of("schema", schema))));
        Map<String, Object> err = Map.of("description", "error", "content", Map.of("application/json",
                Map.of("schema", Map.of("$ref", "#/components/schemas/Error"))));
        responses.put("default", err);
        op.put("responses", responses);
        if (d.token()) {
            op.put("security", List.of(Map.of("bearer", List.of())));
        }
        return op;
    }
}
