package io.scalecast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.scalecast.contracts.access.ApiKeys;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The keys command against a stand-in key API that records what it is sent (the real one: AccessFlowTest). */
class KeysCommandTest {

    private final List<String> seen = new ArrayList<>();
    private HttpServer server;
    private int status = 201;
    private String answer = "{\"key\":\"sc_0123456789ab_x\",\"details\":{\"id\":\"0123456789ab\"}}";

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + body);
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, out.length);
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

    private static CliRun keys(Map<String, String> env, String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "keys";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.run(env, all);
    }

    private String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void operatorMakesAKeyAndTheHashTheServicesGet() throws Exception {
        CliRun run = keys(Map.of(), "operator");
        Map<String, Object> out = run.answer();
        ApiKeys.Token token = ApiKeys.parse((String) out.get("key")).orElseThrow();
        assertThat(out.get("sha256")).isEqualTo(ApiKeys.sha256(token.value()));
        assertThat(run.err()).contains("SCALECAST_OPERATOR_KEY_SHA256");
        assertThat(seen).as("nothing is sent anywhere").isEmpty();
    }

    @Test
    void createPostsTheRequestWithTheBearerKey() throws Exception {
        Map<String, Object> out = keys(Map.of("SCALECAST_API_KEY", "sc_k"), "create", "--lab", "acme", "--role",
                "write", "--name", "trainer", "--url", url()).answer();
        assertThat(out).containsEntry("key", "sc_0123456789ab_x");
        assertThat(seen).containsExactly("POST /api/v1/keys Bearer sc_k "
                + "{\"lab\":\"acme\",\"role\":\"write\",\"name\":\"trainer\"}");
    }

    @Test
    void listAndRevokeNameTheLabAndTheKey() throws Exception {
        answer = "[{\"id\":\"0123456789ab\"}]";
        status = 200;
        Map<String, String> env = Map.of("SCALECAST_API_KEY", "sc_k", "SCALECAST_INGEST_URL", url());
        assertThat(keys(env, "list", "--lab", "acme").answer()).containsOnlyKeys("keys");
        answer = "{\"id\":\"0123456789ab\",\"revokedAt\":\"2026-11-30T00:00:00Z\"}";
        assertThat(keys(env, "revoke", "--id", "0123456789ab").answer())
                .containsEntry("revokedAt", "2026-11-30T00:00:00Z");
        assertThat(seen).containsExactly("GET /api/v1/keys?lab=acme Bearer sc_k ",
                "DELETE /api/v1/keys/0123456789ab Bearer sc_k ");
    }

    @Test
    void aRefusalCarriesTheServicesReason() {
        status = 403;
        answer = "{\"error\":\"lab: the key belongs to lab 'a' and may not write into lab 'b'\",\"field\":\"lab\"}";
        CliRun run = keys(Map.of("SCALECAST_API_KEY", "sc_k"), "create", "--lab", "b", "--role", "read", "--url",
                url());
        assertThat(run.code()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("scalecast: ingest-service answered 403: lab: the key belongs to lab 'a' and"
                + " may not write into lab 'b'" + System.lineSeparator());
    }

    @Test
    void withoutAKeyNothingIsSent() {
        CliRun noKey = keys(Map.of(), "create", "--role", "read", "--url", url());
        assertThat(noKey.code()).isEqualTo(2);
        assertThat(noKey.err()).contains("SCALECAST_API_KEY");
        CliRun unknown = keys(Map.of(), "rotate");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched argument at index 1: 'rotate'").contains("operator")
                .contains("revoke");
        CliRun noAction = keys(Map.of());
        assertThat(noAction.code()).isEqualTo(2);
        assertThat(noAction.err()).contains("keys needs an action: operator, create, list, revoke");
        CliRun noRole = keys(Map.of("SCALECAST_API_KEY", "sc_k"), "create", "--url", url());
        assertThat(noRole.code()).isEqualTo(2);
        assertThat(noRole.err()).contains("Missing required option: '--role=read|write|admin'");
        assertThat(seen).isEmpty();
    }
}
