package io.scalecast.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalecast.core.access.ApiKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ./scalecast keys}: makes the site operator's key offline, and issues, lists and revokes a lab's keys through
 * ingest-service's {@code /api/v1/keys} with the key in {@code SCALECAST_API_KEY} (an admin or the operator key).
 */
final class KeyCommands {

    static final Set<String> OPERATOR_OPTIONS = Set.of();
    static final Set<String> CREATE_OPTIONS = Set.of("lab", "role", "name", "url");
    static final Set<String> LIST_OPTIONS = Set.of("lab", "url");
    static final Set<String> REVOKE_OPTIONS = Set.of("id", "lab", "url");

    private static final String DEFAULT_URL = "http://127.0.0.1:8081";

    private final Map<String, String> env;
    private final PrintStream err;
    private final ObjectMapper json = new ObjectMapper();

    KeyCommands(Map<String, String> env, PrintStream err) {
        this.env = env;
        this.err = err;
    }

    /** Runs {@code keys <action> [options]}. */
    Map<String, Object> run(List<String> args) {
        if (args.isEmpty()) {
            throw new CliException("keys needs an action: operator, create, list or revoke");
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "operator" -> operator(Options.parse(rest, OPERATOR_OPTIONS));
            case "create" -> create(Options.parse(rest, CREATE_OPTIONS));
            case "list" -> list(Options.parse(rest, LIST_OPTIONS));
            case "revoke" -> revoke(Options.parse(rest, REVOKE_OPTIONS));
            default -> throw new CliException("unknown keys action '" + args.get(0)
                    + "' (operator, create, list, revoke)");
        };
    }

    /** A new operator key, made here and sent nowhere: the services get only its SHA-256. */
    private Map<String, Object> operator(Options options) {
        ApiKeys.Token token = ApiKeys.generate(new SecureRandom());
        err.println("scalecast: keep the key secret; give every service SCALECAST_OPERATOR_KEY_SHA256=<sha256>");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("key", token.value());
        out.put("sha256", ApiKeys.sha256(token.value()));
        return out;
    }

    private Map<String, Object> create(Options options) {
        Map<String, Object> body = new LinkedHashMap<>();
        options.get("lab").ifPresent(lab -> body.put("lab", lab));
        body.put("role", options.require("role"));
        options.get("name").ifPresent(name -> body.put("name", name));
        return call(options, "POST", "", body);
    }

    private Map<String, Object> list(Options options) {
        return Map.of("keys", call(options, "GET", query(options), null).get("answer"));
    }

    private Map<String, Object> revoke(Options options) {
        return call(options, "DELETE", "/" + options.require("id") + query(options), null);
    }

    private static String query(Options options) {
        return options.get("lab").map(l -> "?lab=" + URLEncoder.encode(l, StandardCharsets.UTF_8)).orElse("");
    }

    /** Calls the key API; a 4xx becomes a usage error carrying the service's reason. */
    private Map<String, Object> call(Options options, String method, String path, Object body) {
        String key = env.get("SCALECAST_API_KEY");
        if (key == null || key.isBlank()) {
            throw new CliException("set SCALECAST_API_KEY to an admin key of the lab (or the operator key)");
        }
        String base = options.get("url").orElse(env.getOrDefault("SCALECAST_INGEST_URL", DEFAULT_URL));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/keys" + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + key.trim())
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(write(body))).build();
        HttpResponse<String> response = send(request);
        Object answer = read(response.body());
        if (response.statusCode() >= 400) {
            String reason = answer instanceof Map<?, ?> m && m.get("error") != null ? m.get("error").toString()
                    : response.body();
            throw new CliException("ingest-service answered " + response.statusCode() + ": " + reason);
        }
        if (answer instanceof Map<?, ?> m) {
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) m;
            return map;
        }
        return Map.of("answer", answer);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot reach " + request.uri() + ": " + e.getMessage(), e);
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
