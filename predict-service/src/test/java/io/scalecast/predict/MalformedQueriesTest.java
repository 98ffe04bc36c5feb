package io.scalecast.predict;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.scalecast.contracts.event.FittedLaw;
import io.scalecast.testing.KafkaTestClient;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The REST half of docs/reliability.md's bad-input suite for predict-service: malformed queries against a family that
 * has a law, each a 400 whose body names the field, none touching what is served.
 */
@QuarkusTest
class MalformedQueriesTest {

    /** The number of malformed requests below, reported in docs/reliability.md. */
    static final int CASES = 40;

    @Inject
    ObjectMapper mapper;

    /**
     * One malformed request.
     *
     * @param name what is wrong with it
     * @param request what is sent, from a spec that already names the lab
     * @param field the field the 400 must name
     */
    record Case(String name, Function<RequestSpecification, Response> request, String field) {
    }

    @Test
    void everyMalformedQueryIsA400NamingItsField() throws Exception {
        String lab = KafkaTestClient.uniqueLab();
        FittedLaw law = FamilyResourceTest.law(lab, "fam", 1, FamilyResourceTest.HOFFMANN);
        KafkaTestClient.send("scalecast.laws", law.key(), List.of(mapper.writeValueAsString(law)));
        String base = "/api/v1/families/fam";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("lab", lab)
                .queryParam("params", "7e10").queryParam("tokens", "1.4e12").get(base + "/predictions").then()
                .statusCode(200));

        List<Case> cases = new ArrayList<>();
        String predictions = base + "/predictions";
        cases.add(get("params missing", predictions, Map.of("tokens", "1e12"), "params"));
        cases.add(get("params not a number", predictions, Map.of("params", "big", "tokens", "1e12"), "params"));
        cases.add(get("params negative", predictions, Map.of("params", "-7e10", "tokens", "1e12"), "params"));
        cases.add(get("params zero", predictions, Map.of("params", "0", "tokens", "1e12"), "params"));
        cases.add(get("params NaN", predictions, Map.of("params", "NaN", "tokens", "1e12"), "params"));
        cases.add(get("tokens infinite", predictions, Map.of("params", "7e10", "tokens", "Infinity"), "tokens"));
        cases.add(get("tokens missing", predictions, Map.of("params", "7e10"), "tokens"));
        cases.add(get("law unknown", predictions, Map.of("params", "7e10", "tokens", "1e12", "law", "magic"), "law"));
        cases.add(new Case("lab missing", s -> given().queryParam("params", "7e10").queryParam("tokens", "1e12")
                .get(predictions), "lab"));
        cases.add(new Case("lab malformed", s -> given().queryParam("lab", "Bad Lab").queryParam("params", "7e10")
                .queryParam("tokens", "1e12").get(predictions), "lab"));
        cases.add(get("family malformed", "/api/v1/families/Bad%20Family/predictions",
                Map.of("params", "7e10", "tokens", "1e12"), "family"));
        String optimal = base + "/compute-optimal";
        cases.add(get("flops missing", optimal, Map.of(), "flops"));
        cases.add(get("flops negative", optimal, Map.of("flops", "-1e23"), "flops"));
        cases.add(get("flops not a number", optimal, Map.of("flops", "lots"), "flops"));
        String curve = base + "/curve";
        cases.add(get("steps zero", curve, Map.of("steps", "0"), "steps"));
        cases.add(get("steps too many", curve, Map.of("steps", "100000"), "steps"));
        cases.add(get("steps fractional", curve, Map.of("steps", "2.5"), "steps"));
        cases.add(get("curve params not numbers", curve, Map.of("params", "1e9,big"), "params"));
        cases.add(get("tokensMax negative", curve, Map.of("tokensMax", "-1"), "tokensMax"));
        cases.add(get("benchmark missing", base + "/downstream", Map.of("params", "7e10", "tokens", "1e12"),
                "benchmark"));
        String nextRuns = base + "/next-runs";
        cases.add(get("next runs without a target", nextRuns, Map.of(), "params"));
        cases.add(get("next runs with flops and params", nextRuns, Map.of("flops", "1e23", "params", "7e10",
                "tokens", "1e12"), "flops"));
        cases.add(get("next runs without tokens", nextRuns, Map.of("params", "7e10"), "tokens"));
        cases.add(get("next runs candidate without D", nextRuns, Map.of("flops", "1e23", "candidates",
                "1e9:2e10,3e9"), "candidates"));
        cases.add(get("next runs candidate negative", nextRuns, Map.of("flops", "1e23", "candidates", "1e9:-2e10"),
                "candidates"));
        cases.add(get("next runs budget zero", nextRuns, Map.of("flops", "1e23", "budget", "0"), "budget"));
        cases.add(get("next runs checkpoints zero", nextRuns, Map.of("flops", "1e23", "checkpoints", "0"),
                "checkpoints"));
        String compare = "/api/v1/compare";
        Map<String, String> target = Map.of("params", "7e10", "tokens", "1e12");
        cases.add(get("compare without families", compare, target, "families"));
        cases.add(get("compare one family", compare, with(target, "families", "fam"), "families"));
        cases.add(get("compare a family with itself", compare, with(target, "families", "fam,fam"), "families"));
        cases.add(get("compare three families", compare, with(target, "families", "fam,b,c"), "families"));
        cases.add(get("compare a malformed family", compare, with(target, "families", "fam,Bad Family"),
                "families"));
        cases.add(get("compare without params", compare, Map.of("families", "fam,other", "tokens", "1e12"),
                "params"));
        cases.add(get("compare a malformed benchmark", compare, with(with(target, "families", "fam,other"),
                "benchmark", "Avg 17"), "benchmark"));
        cases.add(get("compare versions not numbers", compare, with(with(target, "families", "fam"), "versions",
                "old,new"), "versions"));
        cases.add(get("compare versions with a benchmark", compare, with(with(with(target, "families", "fam"),
                "versions", "1,2"), "benchmark", "avg17"), "benchmark"));
        cases.add(post("batch without queries", Map.of("lab", lab), "queries"));
        cases.add(post("batch with an empty query list", Map.of("lab", lab, "queries", List.of()), "queries"));
        cases.add(post("batch query with bad tokens", Map.of("lab", lab, "queries", List.of(
                Map.of("family", "fam", "params", 7e10, "tokens", 1e12),
                Map.of("family", "fam", "params", 7e10, "tokens", -1))), "queries[1].tokens"));
        cases.add(post("batch over its limit", Map.of("lab", lab, "queries", Collections.nCopies(1001,
                Map.of("family", "fam", "params", 7e10, "tokens", 1e12))), "queries"));
        assertThat(cases).hasSize(CASES);

        for (Case c : cases) {
            c.request().apply(given().queryParam("lab", lab)).then().log().ifValidationFails()
                    .statusCode(400).body("field", equalTo(c.field())).body("error", not(emptyOrNullString()));
        }
        // What is served is unchanged.
        given().queryParam("lab", lab).get(base + "/laws").then().statusCode(200).body("[0].version", equalTo(1));
    }

    private static Case get(String name, String path, Map<String, String> query, String field) {
        return new Case(name, s -> s.queryParams(new LinkedHashMap<>(query)).get(path), field);
    }

    private static Map<String, String> with(Map<String, String> query, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>(query);
        out.put(key, value);
        return out;
    }

    private static Case post(String name, Map<String, Object> body, String field) {
        return new Case(name, s -> given().contentType("application/json").body(body).post("/api/v1/predictions"),
                field);
    }
}
