package io.pulse.server.api;

import io.javalin.http.Handler;
import io.pulse.server.BearerToken;

/** Who may call a route: writes always need the token; reads only when the server was started so. */
record Access(BearerToken token, boolean readTokenRequired) {

    Handler read(Handler h) {
        return readTokenRequired ? token.protect(h) : h;
    }

    Handler write(Handler h) {
        return token.protect(h);
    }
}
