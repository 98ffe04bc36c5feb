package io.scalecast.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.specification.RequestSpecification;
import io.scalecast.contracts.access.ApiKeys;
import io.scalecast.testing.TestKeys;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The documented key command ({@code ./scalecast keys}) run with the operator key, as a site issues its labs' keys. */
final class KeyCommand {

    /** The services' settings that turn keys on, with the test operator key. */
    static final Map<String, String> KEYS_ON = Map.of("scalecast.auth.enabled", "true",
            "scalecast.auth.operator-key-sha256", ApiKeys.sha256(TestKeys.OPERATOR.value()));

    private final ServiceProcess ingest;
    private final ServiceProcess predict;

    /**
     * @param ingest the ingest-service the command talks to
     * @param predict the predict-service a new key must reach before it is used
     */
    KeyCommand(ServiceProcess ingest, ServiceProcess predict) {
        this.ingest = ingest;
        this.predict = predict;
    }

    /** Issues a key with {@code ./scalecast keys create}; waits until predict-service has it. */
    ApiKeys.Token create(String lab, String role) throws IOException, InterruptedException {
        String key = run("create", "--lab", lab, "--role", role, "--name", "system test").path("key").asText();
        ApiKeys.Token token = ApiKeys.parse(key).orElseThrow();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> as(token).get(predict.url() + "/api/v1/version").statusCode() != 401);
        return token;
    }

    /** Runs {@code ./scalecast keys <args>}; its JSON answer. */
    JsonNode run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("keys"));
        command.addAll(List.of(args));
        return Cli.run(Map.of("SCALECAST_API_KEY", TestKeys.OPERATOR.value(), "SCALECAST_INGEST_URL", ingest.url()),
                command.toArray(String[]::new));
    }

    /** A request with {@code token}'s bearer header and a JSON body. */
    static RequestSpecification as(ApiKeys.Token token) {
        return given().header("Authorization", TestKeys.bearer(token)).contentType("application/json");
    }
}
