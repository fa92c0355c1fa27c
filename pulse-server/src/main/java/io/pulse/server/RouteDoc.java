package io.pulse.server;

import java.util.List;

/**
 * One route as the OpenAPI document describes it.
 *
 * @param method  GET, POST, ...
 * @param path    Javalin's form, {@code /api/users/{id}}
 * @param tag     the group it is listed under
 * @param summary one line
 * @param token   whether it requires the bearer token (write routes always; read routes with --read-token-required)
 * @param params  path and query parameters
 * @param status  the status of success
 * @param contentType what a success sends
 */
public record RouteDoc(String method, String path, String tag, String summary, boolean token, List<Param> params,
                       int status, String contentType) {

    public RouteDoc {
        params = List.copyOf(params);
    }

    /** A JSON route: 201 for a POST (it creates), 200 otherwise. */
    public RouteDoc(String method, String path, String tag, String summary, boolean token, List<Param> params) {
        this(method, path, tag, summary, token, params, method.equals("POST") ? 201 : 200, "application/json");
    }

    /** The same route answering {@code status} with {@code contentType} when it succeeds. */
    public RouteDoc answering(int status, String contentType) {
        return new RouteDoc(method, path, tag, summary, token, params, status, contentType);
    }

    /** A path or query parameter; {@code type} is an OpenAPI schema type (string, integer). */
    public record Param(String name, String in, boolean required, String type, String description) {

        public static Param path(String name, String description) {
            return new Param(name, "path", true, "string", description);
        }

        public static Param query(String name, String type, String description) {
            return new Param(name, "query", false, type, description);
        }
    }
}
