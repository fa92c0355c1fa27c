package io.pulse.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A real HTTP client against a server on this machine. */
public final class Http {

    public static final HttpClient CLIENT = HttpClient.newHttpClient();
    public static final ObjectMapper JSON = new ObjectMapper();

    private Http() {
    }

    public static HttpResponse<String> post(int port, String path, String token, byte[] body)
            throws IOException, InterruptedException {
        return send(port, path, token, HttpRequest.BodyPublishers.ofByteArray(body));
    }

    public static HttpResponse<String> post(int port, String path, String token, String body)
            throws IOException, InterruptedException {
        return post(port, path, token, body.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpResponse<String> send(int port, String path, String token, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri(port, path)).POST(body)
                .header("Content-Type", "application/json");
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static HttpResponse<String> get(int port, String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(uri(port, path)).GET();
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return CLIENT.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    public static URI uri(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
