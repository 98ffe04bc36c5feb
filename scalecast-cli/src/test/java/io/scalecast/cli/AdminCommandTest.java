package io.scalecast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The admin republish command against a stand-in service that queues and then sends what it is asked for (the real
 * services: BrokerRecoveryTest).
 */
class AdminCommandTest {

    private final List<String> seen = new ArrayList<>();
    private final AtomicInteger polls = new AtomicInteger();
    private HttpServer server;
    private int status = 200;
    private String refusal;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String uri = exchange.getRequestURI().toString();
            seen.add(exchange.getRequestMethod() + " " + uri + " "
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            String what = uri.contains("what=") ? uri.replaceAll(".*what=([a-z]+).*", "$1") : "";
            String body = refusal != null ? refusal : uri.startsWith("/api/v1/admin/republish")
                    ? "{\"what\":\"" + what + "\",\"topic\":\"scalecast." + what + "\",\"queued\":3,"
                    + "\"firstOutboxId\":10,\"lastOutboxId\":12}"
                    // The records leave the outbox over two polls: 2 pending, then none.
                    : "{\"pending\":" + (polls.getAndIncrement() % 2 == 0 ? 2 : 0) + "}";
            byte[] out = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(refusal != null ? status : 200, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
                o.write(out);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private static CliRun admin(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "admin";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(env, all);
    }

    private Map<String, String> env() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("SCALECAST_API_KEY", "sc_k", "SCALECAST_INGEST_URL", url, "SCALECAST_FIT_URL", url,
                "SCALECAST_EVAL_URL", url);
    }

    @Test
    void byDefaultKeysPlansLawsForecastsAndMapsAreSentAgainAndFollowedOutOfTheOutbox() throws Exception {
        CliRun run = admin(env(), "republish", "--lab", "acme");
        Map<String, Object> out = run.answer();

        assertThat(out).containsEntry("lab", "acme").containsEntry("total", 15);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sent = (List<Map<String, Object>>) out.get("republished");
        assertThat(sent).extracting(s -> s.get("what")).containsExactly("keys", "plans", "laws", "forecasts", "maps");
        assertThat(sent).extracting(s -> s.get("service"))
                .containsExactly("ingest-service", "ingest-service", "fit-service", "fit-service", "eval-service");
        assertThat(sent).allSatisfy(s -> assertThat(s).containsEntry("queued", 3).containsEntry("sent", 3));
        assertThat(seen).contains("POST /api/v1/admin/republish?what=keys&lab=acme Bearer sc_k",
                "POST /api/v1/admin/republish?what=plans&lab=acme Bearer sc_k",
                "POST /api/v1/admin/republish?what=laws&lab=acme Bearer sc_k",
                "POST /api/v1/admin/republish?what=forecasts&lab=acme Bearer sc_k",
                "GET /api/v1/admin/outbox?from=10&to=12 Bearer sc_k");
        assertThat(run.err()).contains("fit-service queued 3 laws for scalecast.laws")
                .contains("3 of 3 laws sent").contains("sent 15 records again: 3 keys, 3 plans, 3 laws, 3 forecasts, 3 maps");
    }

    @Test
    void observationsOfOneFamilyWhenAsked() throws Exception {
        Map<String, Object> out = admin(env(), "republish", "--what", "observations", "--lab", "acme", "--family",
                "gpt").answer();
        assertThat(out).containsEntry("family", "gpt").containsEntry("total", 3);
        assertThat(seen.get(0)).isEqualTo(
                "POST /api/v1/admin/republish?what=observations&lab=acme&family=gpt Bearer sc_k");
    }

    @Test
    void anUnknownKindOrAnActionIsRefusedBeforeAnythingIsSent() {
        CliRun unknownKind = admin(env(), "republish", "--what", "laws,points");
        assertThat(unknownKind.code()).isEqualTo(2);
        assertThat(unknownKind.err()).contains("--what must be keys, plans, observations, laws, forecasts or maps")
                .contains("'points'");
        CliRun unknownAction = admin(env(), "rebuild");
        assertThat(unknownAction.code()).isEqualTo(2);
        assertThat(unknownAction.err()).contains("'rebuild'").contains("republish");
        assertThat(admin(env()).err()).contains("admin needs an action: republish");
        CliRun noKey = admin(Map.of(), "republish");
        assertThat(noKey.code()).isEqualTo(2);
        assertThat(noKey.err()).contains("SCALECAST_API_KEY");
        assertThat(seen).isEmpty();
    }

    @Test
    void aRefusalCarriesTheServicesReason() {
        status = 404;
        refusal = "{\"error\":\"lab 'other' has nothing this key may see\",\"field\":\"lab\"}";
        CliRun run = admin(env(), "republish", "--what", "laws", "--lab", "other");
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).endsWith("scalecast: fit-service answered 404: lab 'other' has nothing this key may see"
                + System.lineSeparator());
    }
}
