package io.scalecast.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scalecast.contracts.event.DownstreamLaw;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.core.data.SyntheticFamily;
import io.scalecast.core.law.ChinchillaLaw;
import io.scalecast.core.law.ErrorLaw;
import io.scalecast.testing.KafkaTestClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two fit-service instances and two eval-service instances share the families through the partitions of
 * {@code scalecast.observations}: every family's laws are fitted by exactly one fit instance and its maps by exactly
 * one eval instance, and stopping an instance of either mid-stream loses no point of any family's law or map.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutTest {

    private static final ChinchillaLaw TRUTH = new ChinchillaLaw(1.81724, 477.84, 2143.86, 0.347313, 0.367183);
    private static final double[] SIZES = {2e7, 5e7, 1.2e8, 3e8};
    private static final int CHECKPOINTS = 10;
    private static final int PARTITIONS = Partitions.COUNT;
    private static final Map<String, String> FIT = Map.of("scalecast.fit.debounce", "300ms",
            "scalecast.fit.bootstrap-resamples", "200");
    private static final Map<String, String> EVAL = Map.of("scalecast.eval.debounce", "300ms");

    private final ObjectMapper mapper = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private final String lab = KafkaTestClient.uniqueLab();
    private ServiceProcess ingest;
    private ServiceProcess first;
    private ServiceProcess second;
    private ServiceProcess firstEval;
    private ServiceProcess secondEval;

    @BeforeAll
    void startServices() {
        List<ServiceProcess> all = ServiceProcess.startTogether(Map.entry("ingest-service", Map.of()),
                Map.entry("fit-service", FIT), Map.entry("fit-service", FIT), Map.entry("eval-service", EVAL),
                Map.entry("eval-service", EVAL));
        ingest = all.get(0);
        first = all.get(1);
        second = all.get(2);
        firstEval = all.get(3);
        secondEval = all.get(4);
        awaitEveryPartitionOwnedByBoth(first, second);
        awaitEveryPartitionOwnedByBoth(firstEval, secondEval);
    }

    @AfterAll
    void stopServices() throws InterruptedException {
        ServiceProcess.stopAll(first, second, firstEval, secondEval, ingest);
    }

    @Test
    @Order(1)
    void eachFamilyIsFittedByExactlyOneInstanceAndBothWork() {
        List<String> families = onEveryPartition("shared");
        families.forEach(f -> KafkaTestClient.send("scalecast.checkpoints", lab + "/" + f, events(f, 0, CHECKPOINTS)));

        int total = SIZES.length * CHECKPOINTS;
        families.forEach(f -> awaitLawWithPoints(f, total));
        assertEachFittedByOneAndBothWorked("fit.fit_result", "shared", families);
    }

    @Test
    @Order(2)
    void stoppingAnInstanceMidStreamLosesNoPoint() throws InterruptedException {
        List<String> families = onEveryPartition("restart");
        families.forEach(f -> KafkaTestClient.send("scalecast.checkpoints", lab + "/" + f, events(f, 0, 5)));

        first.stop();
        families.forEach(f -> KafkaTestClient.send("scalecast.checkpoints", lab + "/" + f,
                events(f, 5, CHECKPOINTS)));
        first = fitService();

        int total = SIZES.length * CHECKPOINTS;
        for (String f : families) {
            FittedLaw law = awaitLawWithPoints(f, total);
            assertThat(law.watermark().runs()).isEqualTo(SIZES.length);
            assertThat(Database.count("select count(*) from fit.fit_point where lab = ? and family = ?", lab, f))
                    .isEqualTo(total);
        }
    }

    @Test
    @Order(3)
    void eachFamilysMapsAreFittedByExactlyOneEvalInstanceAndBothWork() {
        List<String> families = onEveryPartition("mapped");
        families.forEach(f -> {
            KafkaTestClient.send("scalecast.checkpoints", lab + "/" + f, events(f, 0, CHECKPOINTS));
            KafkaTestClient.send("scalecast.evals", lab + "/" + f, evals(f, 0, CHECKPOINTS));
        });

        int total = SIZES.length * CHECKPOINTS;
        families.forEach(f -> awaitMapOfModels(f, total));
        assertEachFittedByOneAndBothWorked("eval.map_fit", "mapped", families);
    }

    @Test
    @Order(4)
    void stoppingAnEvalInstanceMidStreamLosesNoResult() throws InterruptedException {
        List<String> families = onEveryPartition("maps-restart");
        families.forEach(f -> {
            KafkaTestClient.send("scalecast.checkpoints", lab + "/" + f, events(f, 0, CHECKPOINTS));
            KafkaTestClient.send("scalecast.evals", lab + "/" + f, evals(f, 0, 5));
        });

        firstEval.stop();
        families.forEach(f -> KafkaTestClient.send("scalecast.evals", lab + "/" + f, evals(f, 5, CHECKPOINTS)));
        firstEval = evalService();

        int total = SIZES.length * CHECKPOINTS;
        for (String f : families) {
            awaitMapOfModels(f, total);
            assertThat(Database.count("select count(*) from eval.eval_point where lab = ? and family = ?", lab, f))
                    .isEqualTo(total);
        }
    }

    /** Each family's rows of {@code table} come from one instance, and the families named prefix-n from both. */
    private void assertEachFittedByOneAndBothWorked(String table, String prefix, List<String> families) {
        for (String f : families) {
            assertThat(Database.count("select count(distinct fitted_by) from " + table + " where lab = ?"
                    + " and family = ?", lab, f)).as(f).isEqualTo(1);
        }
        assertThat(Database.count("select count(distinct fitted_by) from " + table + " where lab = ? and family"
                + " like ?", lab, prefix + "-%")).isEqualTo(2);
    }

    private ServiceProcess evalService() {
        return ServiceProcess.start("eval-service", EVAL);
    }

    /** Each checkpoint's result on one benchmark, its error on Gadre et al.'s map of its loss. */
    private List<String> evals(String family, int fromCheckpoint, int toCheckpoint) {
        ErrorLaw map = new ErrorLaw(0.95, 3.0, 1.0);
        List<String> out = new ArrayList<>();
        for (SyntheticFamily.Checkpoint c : new SyntheticFamily(TRUTH, SIZES, 30, CHECKPOINTS, 0.005, 5).generate()) {
            int k = (int) (c.step() / 1000) - 1;
            if (k >= fromCheckpoint && k < toCheckpoint) {
                out.add(String.format(Locale.ROOT, "{\"schemaVersion\":1,\"lab\":\"%s\",\"family\":\"%s\","
                        + "\"run\":\"%s\",\"params\":%s,\"tokens\":%s,\"step\":%d,\"benchmark\":\"arc\","
                        + "\"metric\":\"accuracy\",\"value\":%s}", lab, family, c.run(), Double.toString(c.params()),
                        Double.toString(c.tokens()), c.step(), Double.toString(1 - map.error(c.loss()))));
            }
        }
        return out;
    }

    private void awaitMapOfModels(String family, int models) {
        await().atMost(Duration.ofSeconds(120)).until(() -> KafkaTestClient.readAll("scalecast.downstream-laws",
                r -> (lab + "/" + family + "/arc").equals(r.key()), Duration.ofSeconds(1)).stream()
                .anyMatch(r -> readMap(r.value()).models().size() == models));
    }

    private DownstreamLaw readMap(String json) {
        try {
            return mapper.readValue(json, DownstreamLaw.class);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }

    private ServiceProcess fitService() {
        return ServiceProcess.start("fit-service", FIT);
    }

    /** Waits until the group settled: each instance owns some partitions and together all of them. */
    private static void awaitEveryPartitionOwnedByBoth(ServiceProcess one, ServiceProcess other) {
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            Set<String> a = owned(one);
            Set<String> b = owned(other);
            Set<String> all = new HashSet<>(a);
            all.addAll(b);
            return !a.isEmpty() && !b.isEmpty() && all.size() == PARTITIONS && a.size() + b.size() == PARTITIONS;
        });
    }

    private static Set<String> owned(ServiceProcess fit) {
        List<Map<String, Object>> checks = given().get(fit.url() + "/q/health/ready").then().extract().path("checks");
        return checks.stream().filter(c -> "observations partitions".equals(c.get("name")))
                .map(c -> String.valueOf(((Map<?, ?>) c.get("data")).get("owned")))
                .flatMap(s -> Arrays.stream(s.split(","))).filter(p -> !p.isEmpty()).collect(Collectors.toSet());
    }

    /** Family names whose keys land one on each partition, as Kafka's default partitioner places them. */
    private List<String> onEveryPartition(String prefix) {
        String[] byPartition = new String[PARTITIONS];
        for (int i = 0, found = 0; found < PARTITIONS; i++) {
            String family = prefix + "-" + i;
            int p = Partitions.of(lab + "/" + family);
            if (byPartition[p] == null) {
                byPartition[p] = family;
                found++;
            }
        }
        return List.of(byPartition);
    }

    private List<String> events(String family, int fromCheckpoint, int toCheckpoint) {
        List<String> out = new ArrayList<>();
        for (SyntheticFamily.Checkpoint c : new SyntheticFamily(TRUTH, SIZES, 30, CHECKPOINTS, 0.005, 5).generate()) {
            int k = (int) (c.step() / 1000) - 1;
            if (k >= fromCheckpoint && k < toCheckpoint) {
                out.add(KafkaTestClient.checkpoint(lab, family, c.run(), c.params(), c.tokens(), c.step(), c.loss()));
            }
        }
        return out;
    }

    private FittedLaw awaitLawWithPoints(String family, int points) {
        FittedLaw[] found = {null};
        await().atMost(Duration.ofSeconds(120)).until(() -> {
            found[0] = KafkaTestClient.readAll("scalecast.laws",
                    r -> (lab + "/" + family + "/chinchilla").equals(r.key()), Duration.ofSeconds(1)).stream()
                    .map(r -> read(r.value())).filter(l -> l.watermark().points() == points)
                    .reduce((x, y) -> y).orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    private FittedLaw read(String json) {
        try {
            return mapper.readValue(json, FittedLaw.class);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }
}
