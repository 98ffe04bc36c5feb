package io.scalecast.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.restassured.specification.RequestSpecification;
import io.scalecast.contracts.access.ApiKeys;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.testing.KafkaTestClient;
import io.scalecast.testing.TestKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The database is the system of record: a system whose broker lost all its data (or was replaced by a new cluster)
 * serves the same laws, maps and keys again without a new event, because the services that own them send them to
 * the new topics by themselves; with two fit-service instances each law is sent once. Then the operator's command
 * sends a family's laws and observations again on purpose, which changes no answer.
 *
 * <p>Runs on a broker and database of its own (ports 19094/19095, database scalecast_recovery), so losing the broker
 * cannot disturb the other tests.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrokerRecoveryTest {

    private static final Infrastructure.Site SITE = new Infrastructure.Site("recovery",
            Integer.parseInt(env("RECOVERY_KAFKA_PORT", "19094")),
            Integer.parseInt(env("RECOVERY_KAFKA_CONTROLLER_PORT", "19095")), "scalecast_recovery");
    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.81724, 477.84, 2143.86, 0.347313, 0.367183);
    private static final double[] SIZES = {2e7, 5e7, 1.2e8, 3e8, 7e8};
    private static final String FAMILY = "fam";
    private static final String GADRE = "gadre";
    private static final String DOWNSTREAM = "/api/v1/families/" + GADRE
            + "/downstream?law=overtraining&params=1.4398e9&tokens=9.2147e11&benchmark=avg17";

    private final String lab = KafkaTestClient.uniqueLab();
    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<String, String> keysOn = Map.of("scalecast.auth.enabled", "true",
            "scalecast.auth.operator-key-sha256", ApiKeys.sha256(TestKeys.OPERATOR.value()));
    private final List<ServiceProcess> running = new ArrayList<>();
    private ServiceProcess ingest;
    private ServiceProcess predict;
    private ApiKeys.Token admin;
    private int familyPoints;

    @BeforeAll
    void freshSite() {
        SITE.loseBroker();
        SITE.freshDatabase();
        SITE.startBroker();
    }

    @AfterAll
    void stopSite() throws InterruptedException {
        stopAll();
        SITE.loseBroker();
        SITE.dropDatabase();
    }

    @Test
    void aLostBrokerIsRefilledFromTheDatabaseWithTheSameAnswersAndKeys() throws Exception {
        startAll(1);
        admin = issueAdminKey();
        streamFamilies();
        Map<String, JsonNode> before = awaitSettledAnswers();
        long fits = dbCount("select count(*) from fit.fit_result where lab = ?");
        long checkpoints = dbCount("select count(*) from ingest.checkpoint where lab = ?");

        stopAll();
        SITE.loseBroker();
        SITE.startBroker();
        startAll(2);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(answers()).isEqualTo(before));
        Map<String, Long> lawKeys = recordsPerKey("scalecast.laws");
        assertThat(lawKeys).as("each law once, though two fit-service instances started on the new broker")
                .isNotEmpty().allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1L));
        assertThat(lawKeys.keySet()).containsExactlyInAnyOrderElementsOf(servedLawKeys(before));
        assertThat(recordsPerKey("scalecast.downstream-laws")).containsKey(lab + "/" + GADRE + "/avg17")
                .allSatisfy((key, n) -> assertThat(n).as(key).isEqualTo(1L));
        assertThat(dbCount("select count(*) from fit.fit_result where lab = ?")).as("no refit").isEqualTo(fits);
        assertThat(dbCount("select count(*) from ingest.checkpoint where lab = ?")).isEqualTo(checkpoints);

        JsonNode summary = republish("--what", "laws,observations", "--lab", lab, "--family", FAMILY);
        long laws = lawKeys.keySet().stream().filter(k -> k.startsWith(lab + "/" + FAMILY + "/")).count();
        assertThat(summary.path("republished").findValuesAsText("what")).containsExactly("laws", "observations");
        assertThat(summary.path("republished").get(0).path("sent").asLong()).isEqualTo(laws);
        assertThat(summary.path("republished").get(1).path("sent").asLong())
                .isEqualTo(dbCount("select count(*) from ingest.checkpoint where lab = ? and family = 'fam'"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(recordsPerKey("scalecast.laws"))
                .containsAllEntriesOf(lawKeys.entrySet().stream().filter(e -> e.getKey().contains("/" + FAMILY + "/"))
                        .collect(Collectors.toMap(Map.Entry::getKey, e -> 2L))));
        Thread.sleep(3000);
        assertThat(dbCount("select count(*) from fit.fit_result where lab = ?"))
                .as("observations sent again are repeats of stored revisions: no refit").isEqualTo(fits);
        assertThat(answers()).isEqualTo(before);
    }

    /**
     * Starts the four services on the site at once (they boot in parallel), with keys on and {@code fits}
     * fit-service instances.
     */
    private void startAll(int fits) {
        ingest = ServiceProcess.launch("ingest-service", keysOn, SITE);
        List<ServiceProcess> starting = new ArrayList<>(List.of(ingest));
        for (int i = 0; i < fits; i++) {
            starting.add(ServiceProcess.launch("fit-service", Map.of("scalecast.auth.enabled", "true",
                    "scalecast.fit.debounce", "300ms", "scalecast.fit.bootstrap-yields", "false"), SITE));
        }
        starting.add(ServiceProcess.launch("eval-service", keysOn, SITE));
        predict = ServiceProcess.launch("predict-service", keysOn, SITE);
        starting.add(predict);
        // running.get(1) is a fit-service: the republish command is pointed at it.
        running.addAll(starting);
        starting.forEach(s -> s.awaitReady(Duration.ofSeconds(120)));
    }

    private void stopAll() throws InterruptedException {
        ServiceProcess.stopAll(running);
        running.clear();
    }

    private ApiKeys.Token issueAdminKey() {
        String key = given().header("Authorization", TestKeys.bearer(TestKeys.OPERATOR))
                .contentType("application/json").body(Map.of("lab", lab, "role", "admin"))
                .post(ingest.url() + "/api/v1/keys").then().statusCode(201).extract().path("key");
        ApiKeys.Token token = ApiKeys.parse(key).orElseThrow();
        await().atMost(Duration.ofSeconds(15))
                .until(() -> as(token).get(predict.url() + "/api/v1/version").statusCode() == 200);
        return token;
    }

    /** A synthetic Chinchilla family of five sizes, and Gadre et al.'s six RedPajama models with their evals. */
    private void streamFamilies() throws Exception {
        List<String> checkpoints = new ArrayList<>();
        for (SyntheticFamily.Checkpoint c : new SyntheticFamily(TRUTH, SIZES, 30, 10, 0.01, 7).generate()) {
            checkpoints.add(KafkaTestClient.checkpoint(lab, FAMILY, c.run(), c.params(), c.tokens(), c.step(),
                    c.loss()));
        }
        familyPoints = checkpoints.size();
        List<Map<String, String>> rpj = GadreModels.rows("rpj");
        List<Map<String, String>> six = new ArrayList<>(GadreModels.recipeFive(rpj));
        six.add(GadreModels.oneBAtTwenty(rpj));
        six.forEach(r -> checkpoints.add(KafkaTestClient.checkpoint(lab, GADRE, GadreModels.run(r),
                Double.parseDouble(r.get("params")), Double.parseDouble(r.get("tokens")), 1,
                Double.parseDouble(r.get("loss_c4_val")))));
        Map<String, Map<String, String>> byName = new HashMap<>();
        six.forEach(r -> byName.put(r.get("name"), r));
        List<String> evals = GadreModels.accuracies(six).stream().map(a -> eval(byName.get(a.get("name")),
                a.get("task"), Double.parseDouble(a.get("accuracy")))).toList();
        as(admin).body("[" + String.join(",", checkpoints) + "]").post(ingest.url() + "/api/v1/checkpoints")
                .then().statusCode(202);
        as(admin).body("[" + String.join(",", evals) + "]").post(ingest.url() + "/api/v1/evals")
                .then().statusCode(202);
    }

    private String eval(Map<String, String> model, String task, double accuracy) {
        return String.format(Locale.ROOT, "{\"schemaVersion\":1,\"lab\":\"%s\",\"family\":\"%s\",\"run\":\"%s\","
                + "\"params\":%s,\"tokens\":%s,\"step\":1,\"benchmark\":\"%s\",\"metric\":\"accuracy\",\"value\":%s}",
                lab, GADRE, GadreModels.run(model), model.get("params"), model.get("tokens"), task,
                Double.toString(accuracy));
    }

    /**
     * The answers once every point is in the laws, the avg17 map is fitted, neither service has a family to refit
     * or a record to send, and nothing changed for 3 s.
     */
    private Map<String, JsonNode> awaitSettledAnswers() {
        AtomicReference<Map<String, JsonNode>> last = new AtomicReference<>();
        AtomicReference<List<Long>> lastWork = new AtomicReference<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            Map<String, JsonNode> now = answers();
            List<Long> work = List.of(dbCount("select count(*) from fit.fit_result where lab = ?"),
                    dbCount("select count(*) from eval.map_fit where lab = ?"),
                    dbCount("select count(*) from fit.family_state where lab = ? and dirty"),
                    dbCount("select count(*) from eval.map_state where lab = ? and dirty"),
                    dbCount("select count(*) from fit.outbox where sent_at is null and record_key like ? || '/%'"),
                    dbCount("select count(*) from eval.outbox where sent_at is null and record_key like ? || '/%'"));
            boolean complete = now.get("fam laws").toString().contains("\"points\":" + familyPoints + ",")
                    && now.get("avg17").path("mapModels").asInt() == 6 && work.subList(2, 6).stream()
                    .allMatch(n -> n == 0);
            boolean settled = complete && now.equals(last.get()) && work.equals(lastWork.get());
            last.set(now);
            lastWork.set(work);
            return settled;
        });
        return last.get();
    }

    /** What a user of the lab is answered: families, both families' laws, a curve and a downstream prediction. */
    private Map<String, JsonNode> answers() throws Exception {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        out.put("families", sorted(get("/api/v1/families"), "family"));
        out.put("fam laws", sorted(get("/api/v1/families/" + FAMILY + "/laws"), "law"));
        out.put("gadre laws", sorted(get("/api/v1/families/" + GADRE + "/laws"), "law"));
        out.put("fam curve", get("/api/v1/families/" + FAMILY + "/curve?steps=5"));
        out.put("avg17", get(DOWNSTREAM));
        return out;
    }

    private JsonNode get(String path) throws Exception {
        return mapper.readTree(as(admin).get(predict.url() + path).asString());
    }

    private static JsonNode sorted(JsonNode array, String field) {
        if (!array.isArray()) {
            return array;
        }
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        items.sort(Comparator.comparing(n -> n.path(field).asText()));
        ArrayNode out = new ObjectMapper().createArrayNode();
        items.forEach(out::add);
        return out;
    }

    private List<String> servedLawKeys(Map<String, JsonNode> answers) {
        List<String> keys = new ArrayList<>();
        for (String family : List.of(FAMILY, GADRE)) {
            answers.get((family.equals(FAMILY) ? "fam" : "gadre") + " laws")
                    .forEach(l -> keys.add(lab + "/" + family + "/" + l.path("law").asText()));
        }
        return keys;
    }

    /** How many records of this lab each key has on the site's topic. */
    private Map<String, Long> recordsPerKey(String topic) {
        return KafkaTestClient.readAll(SITE.bootstrap(), topic, r -> r.key() != null && r.key().startsWith(lab + "/"),
                Duration.ofSeconds(3)).stream()
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
    }

    private long dbCount(String sql) {
        return Database.countIn(SITE.database(), sql, lab);
    }

    /** Runs {@code ./scalecast admin republish <args>} with the lab's admin key; its JSON answer. */
    private JsonNode republish(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("admin", "republish"));
        command.addAll(List.of(args));
        return Cli.run(Map.of("SCALECAST_API_KEY", admin.value(), "SCALECAST_INGEST_URL", ingest.url(),
                "SCALECAST_FIT_URL", running.get(1).url()), command.toArray(String[]::new));
    }

    private static RequestSpecification as(ApiKeys.Token token) {
        return given().header("Authorization", TestKeys.bearer(token)).contentType("application/json");
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
