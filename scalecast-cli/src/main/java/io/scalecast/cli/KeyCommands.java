package io.scalecast.cli;

import io.scalecast.contracts.access.ApiKeys;
import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
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

    /** Calls the key API of ingest-service. */
    private Map<String, Object> call(Options options, String method, String path, Object body) {
        String base = options.get("url").orElse(env.getOrDefault("SCALECAST_INGEST_URL", DEFAULT_URL));
        return new ServiceClient("ingest-service", base, env,
                "an admin key of the lab (or the operator key)").object(method, "/api/v1/keys" + path, body);
    }
}
