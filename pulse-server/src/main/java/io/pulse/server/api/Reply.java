package io.pulse.server.api;

import io.javalin.http.Context;
import io.pulse.server.Payload;
import io.pulse.server.PulseJson;

/** Successful answers in Pulse's JSON shape. */
final class Reply {

    private Reply() {
    }

    static void ok(Context ctx, Object body) {
        text(ctx, 200, PulseJson.text(body));
    }

    static void bytes(Context ctx, byte[] json) {
        ctx.status(200).contentType("application/json").result(json);
    }

    static void payload(Context ctx, Payload json) {
        ctx.status(200);
        json.send(ctx, "application/json");
    }

    static void text(Context ctx, int status, String json) {
        ctx.status(status).contentType("application/json").result(json);
    }
}
