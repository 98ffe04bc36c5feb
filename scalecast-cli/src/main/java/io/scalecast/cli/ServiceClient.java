package io.scalecast.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Calls one service's REST API with the key in {@code SCALECAST_API_KEY}; a 4xx becomes a usage error carrying the
 * service's reason, an unreachable service a failure naming the address.
 */
final class ServiceClient {

    private final String service;
    private final String base;
    private final String key;
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param service the service's name, for messages
     * @param base its base URL
     * @param env the environment, holding the key
     * @param keyHint what key the command needs, said when none is set
     */
    ServiceClient(String service, String base, Map<String, String> env, String keyHint) {
        this.service = service;
        this.base = base;
        this.key = env.get("SCALECAST_API_KEY");
        if (key == null || key.isBlank()) {
            throw new CliException("set SCALECAST_API_KEY to " + keyHint);
        }
    }

    /** Sends {@code method path} with {@code body} as JSON (null for none); returns the JSON answer. */
    Object call(String method, String path, Object body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofMinutes(30)).header("Authorization", "Bearer " + key.trim())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(write(body))).build();
        HttpResponse<String> response = send(request);
        Object answer = read(response.body());
        if (response.statusCode() >= 400) {
            String reason = answer instanceof Map<?, ?> m && m.get("error") != null ? m.get("error").toString()
                    : response.body();
            throw new CliException(service + " answered " + response.statusCode() + ": " + reason);
        }
        return answer;
    }

    /** As {@link #call}, for an answer that is a JSON object. */
    @SuppressWarnings("unchecked")
    Map<String, Object> object(String method, String path, Object body) {
        Object answer = call(method, path, body);
        return answer instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of("answer", answer);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + service + " at " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object read(String body) {
        try {
            return body == null || body.isBlank() ? Map.of() : json.readValue(body, Object.class);
        } catch (JsonProcessingException e) {
            return Map.of("error", body);
        }
    }
}
