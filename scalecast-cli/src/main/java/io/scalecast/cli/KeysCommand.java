package io.scalecast.cli;

import io.scalecast.contracts.access.ApiKeys;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./scalecast keys}: makes the site operator's key offline, and issues, lists and revokes a lab's keys through
 * ingest-service's {@code /api/v1/keys} with the key in {@code SCALECAST_API_KEY} (an admin or the operator key).
 */
@Command(name = "keys", description = "Make the operator key; issue, list and revoke a lab's API keys.",
        subcommands = {KeysCommand.Operator.class, KeysCommand.Create.class, KeysCommand.ListKeys.class,
            KeysCommand.Revoke.class})
final class KeysCommand {

    private static final String DEFAULT_URL = "http://127.0.0.1:8081";

    private KeysCommand() {
    }

    /** A new operator key, made here and sent nowhere: the services get only its SHA-256. */
    @Command(name = "operator", description = "A new site operator key and the SHA-256 the services get.")
    static final class Operator implements JsonCommand {

        private final CliContext context;

        Operator(CliContext context) {
            this.context = context;
        }

        @Override
        public Map<String, Object> answer() {
            ApiKeys.Token token = ApiKeys.generate(new SecureRandom());
            context.err().println("scalecast: keep the key secret; give every service"
                    + " SCALECAST_OPERATOR_KEY_SHA256=<sha256>");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("key", token.value());
            out.put("sha256", ApiKeys.sha256(token.value()));
            return out;
        }
    }

    /** What every call to the key API takes: the lab and ingest-service's URL. */
    static class Remote {

        @Option(names = "--lab", paramLabel = "LAB", description = "the lab (the operator key may name any)")
        String lab;

        @Option(names = "--url", paramLabel = "INGEST_URL",
                description = "ingest-service (default $SCALECAST_INGEST_URL or " + DEFAULT_URL + ")")
        String url;

        final CliContext context;

        Remote(CliContext context) {
            this.context = context;
        }

        String query() {
            return lab == null ? "" : "?lab=" + URLEncoder.encode(lab, StandardCharsets.UTF_8);
        }

        /** Calls the key API of ingest-service. */
        Map<String, Object> call(String method, String path, Object body) {
            String base = url != null ? url : context.env().getOrDefault("SCALECAST_INGEST_URL", DEFAULT_URL);
            return new ServiceClient("ingest-service", base, context.env(),
                    "an admin key of the lab (or the operator key)").object(method, "/api/v1/keys" + path, body);
        }
    }

    @Command(name = "create", description = "Issue a key of a lab.")
    static final class Create extends Remote implements JsonCommand {

        @Option(names = "--role", paramLabel = "read|write|admin", required = true, description = "what the key may do")
        String role;

        @Option(names = "--name", paramLabel = "TEXT", description = "what the key is for")
        String name;

        Create(CliContext context) {
            super(context);
        }

        @Override
        public Map<String, Object> answer() {
            Map<String, Object> body = new LinkedHashMap<>();
            if (lab != null) {
                body.put("lab", lab);
            }
            body.put("role", role);
            if (name != null) {
                body.put("name", name);
            }
            return call("POST", "", body);
        }
    }

    @Command(name = "list", description = "List the keys of a lab.")
    static final class ListKeys extends Remote implements JsonCommand {

        ListKeys(CliContext context) {
            super(context);
        }

        @Override
        public Map<String, Object> answer() {
            return Map.of("keys", call("GET", query(), null).get("answer"));
        }
    }

    @Command(name = "revoke", description = "Revoke a key.")
    static final class Revoke extends Remote implements JsonCommand {

        @Option(names = "--id", paramLabel = "KEY_ID", required = true, description = "the key's id")
        String id;

        Revoke(CliContext context) {
            super(context);
        }

        @Override
        public Map<String, Object> answer() {
            return call("DELETE", "/" + id + query(), null);
        }
    }
}
