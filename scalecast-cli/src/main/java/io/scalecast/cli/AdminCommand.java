package io.scalecast.cli;

import java.io.PrintStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./scalecast admin republish}: asks each owning service to send what it holds to its topic again (API keys
 * and observations from ingest-service, laws and run forecasts from fit-service, maps from eval-service), follows the records out of
 * their outboxes and sums up what was sent.
 */
@Command(name = "admin", description = "Operate the services.", subcommands = AdminCommand.Republish.class)
final class AdminCommand {

    /** What a republish sends when {@code --what} is not given: the compacted topics, the readers' only copy. */
    static final List<String> DEFAULT_WHAT = List.of("keys", "plans", "laws", "forecasts", "maps");

    private static final Map<String, String[]> OWNERS = Map.of(
            "keys", new String[] {"ingest-service", "ingest-url", "SCALECAST_INGEST_URL", "http://127.0.0.1:8081"},
            "plans", new String[] {"ingest-service", "ingest-url", "SCALECAST_INGEST_URL", "http://127.0.0.1:8081"},
            "observations", new String[] {"ingest-service", "ingest-url", "SCALECAST_INGEST_URL",
                "http://127.0.0.1:8081"},
            "laws", new String[] {"fit-service", "fit-url", "SCALECAST_FIT_URL", "http://127.0.0.1:8082"},
            "forecasts", new String[] {"fit-service", "fit-url", "SCALECAST_FIT_URL", "http://127.0.0.1:8082"},
            "maps", new String[] {"eval-service", "eval-url", "SCALECAST_EVAL_URL", "http://127.0.0.1:8083"});
    private static final long POLL_MILLIS = 500;
    private static final long PROGRESS_MILLIS = 2000;

    private AdminCommand() {
    }

    /** {@code admin republish}: the owning services send what their databases hold to the topics again. */
    @Command(name = "republish", description = "The owning services send what their databases hold to the topics"
            + " again: keys, run plans and observations from ingest-service, laws and run forecasts from fit-service, maps"
            + " from eval-service; with"
            + " the operator key, every lab unless --lab is given.")
    static final class Republish implements JsonCommand {

        @Option(names = "--what", paramLabel = "keys,plans,laws,forecasts,maps|observations", split = ",",
                description = "what to send again (default keys, plans, laws, forecasts and maps)")
        List<String> kinds = new ArrayList<>();

        @Option(names = "--lab", paramLabel = "LAB", description = "one lab's records")
        String lab;

        @Option(names = "--family", paramLabel = "FAMILY", description = "one family's records")
        String family;

        @Option(names = "--wait", paramLabel = "SECONDS", defaultValue = "600",
                description = "how long to follow the records out of the outboxes")
        int waitSeconds;

        @Option(names = "--ingest-url", paramLabel = "URL", description = "default $SCALECAST_INGEST_URL")
        String ingestUrl;

        @Option(names = "--fit-url", paramLabel = "URL", description = "default $SCALECAST_FIT_URL")
        String fitUrl;

        @Option(names = "--eval-url", paramLabel = "URL", description = "default $SCALECAST_EVAL_URL")
        String evalUrl;

        private final Map<String, String> env;
        private final PrintStream err;

        Republish(CliContext context) {
            this.env = context.env();
            this.err = context.err();
        }

        @Override
        public Map<String, Object> answer() {
            return republish();
        }

        private Map<String, Object> republish() {
            List<String> whats = whats();
            long waitMillis = waitSeconds * 1000L;
            List<Map<String, Object>> sent = new ArrayList<>();
            long total = 0;
            for (String what : whats) {
                Map<String, Object> one = republishOne(what, waitMillis);
                total += ((Number) one.get("sent")).longValue();
                sent.add(one);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("lab", lab);
            out.put("family", family);
            out.put("republished", sent);
            out.put("total", total);
            err.printf("scalecast: sent %d records again: %s%n", total, String.join(", ",
                    sent.stream().map(s -> s.get("sent") + " " + s.get("what")).toList()));
            return out;
        }

        private List<String> whats() {
            if (kinds.isEmpty()) {
                return DEFAULT_WHAT;
            }
            Set<String> out = new LinkedHashSet<>();
            for (String w : kinds) {
                String what = w.trim();
                if (!OWNERS.containsKey(what)) {
                    throw new CliException("--what must be keys, plans, observations, laws, forecasts or maps (or several,"
                            + " comma-separated), was '" + what + "'");
                }
                out.add(what);
            }
            return List.copyOf(out);
        }

        private Map<String, Object> republishOne(String what, long waitMillis) {
            String[] owner = OWNERS.get(what);
            String given = switch (owner[1]) {
                case "ingest-url" -> ingestUrl;
                case "fit-url" -> fitUrl;
                default -> evalUrl;
            };
            String base = given != null ? given : env.getOrDefault(owner[2], owner[3]);
            ServiceClient client = new ServiceClient(owner[0], base, env,
                    "an admin key of the lab, or the operator key for every lab");
            StringBuilder query = new StringBuilder("?what=").append(what);
            if (lab != null) {
                query.append("&lab=").append(encode(lab));
            }
            if (family != null) {
                query.append("&family=").append(encode(family));
            }
            err.printf("scalecast: asking %s at %s to queue its %s again%n", owner[0], base, what);
            Map<String, Object> queued = client.object("POST", "/api/v1/admin/republish" + query, null);
            long count = ((Number) queued.get("queued")).longValue();
            err.printf("scalecast: %s queued %d %s for %s%n", owner[0], count, what, queued.get("topic"));
            long unsent = count == 0 ? 0 : follow(client, what, count, queued, waitMillis);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("what", what);
            out.put("service", owner[0]);
            out.put("topic", queued.get("topic"));
            out.put("queued", count);
            out.put("sent", count - unsent);
            return out;
        }

        /** Waits until the queued records left the outbox, printing progress; returns how many were not sent. */
        private long follow(ServiceClient client, String what, long count, Map<String, Object> queued,
                            long waitMillis) {
            String path = "/api/v1/admin/outbox?from=" + queued.get("firstOutboxId") + "&to="
                    + queued.get("lastOutboxId");
            long deadline = System.currentTimeMillis() + waitMillis;
            long shownAt = 0;
            while (true) {
                long pending = Math.min(count, ((Number) client.object("GET", path, null).get("pending")).longValue());
                if (pending == 0) {
                    err.printf("scalecast: %d of %d %s sent%n", count, count, what);
                    return 0;
                }
                long now = System.currentTimeMillis();
                if (now > deadline) {
                    err.printf("scalecast: %d of %d %s still in the outbox after %d s: is the broker up?%n", pending,
                            count, what, waitMillis / 1000);
                    return pending;
                }
                if (now - shownAt >= PROGRESS_MILLIS) {
                    err.printf("scalecast: %d of %d %s sent%n", count - pending, count, what);
                    shownAt = now;
                }
                sleep();
            }
        }

        private static String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }

        private static void sleep() {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }
}
