package io.scalecast.system;

import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig.NumberReturnType;
import java.util.List;
import java.util.Map;

/** The four services as processes: the paths a checkpoint and an eval take to a served law and map. */
final class Pipeline implements AutoCloseable {

    final ServiceProcess ingest;
    final ServiceProcess fit;
    final ServiceProcess eval;
    ServiceProcess predict;

    private Pipeline(ServiceProcess ingest, ServiceProcess fit, ServiceProcess eval, ServiceProcess predict) {
        this.ingest = ingest;
        this.fit = fit;
        this.eval = eval;
        this.predict = predict;
    }

    /**
     * Starts the four services, fit-service with a short debounce so tests see refits quickly, and with every
     * bootstrap completed whatever else waits for a refit (as in fit-service's own test profile): families left
     * dirty by earlier suites in the test database would otherwise make the intervals these tests compare come from
     * 20 draws instead of 100 or more.
     */
    static Pipeline start() {
        // REST Assured reads JSON numbers as floats by default, which would hide the precision served.
        RestAssured.config = RestAssured.config().jsonConfig(JsonConfig.jsonConfig()
                .numberReturnType(NumberReturnType.DOUBLE));
        List<ServiceProcess> all = ServiceProcess.startTogether(Map.entry("ingest-service", Map.of()),
                Map.entry("fit-service", Map.of("scalecast.fit.debounce", "300ms",
                        "scalecast.fit.bootstrap-yields", "false")),
                Map.entry("eval-service", Map.of()), Map.entry("predict-service", Map.of()));
        return new Pipeline(all.get(0), all.get(1), all.get(2), all.get(3));
    }

    /** Stops predict-service and starts a new one, which rebuilds its laws from the compacted topic. */
    void restartPredict() throws InterruptedException {
        predict.stop();
        predict = ServiceProcess.start("predict-service", Map.of());
    }

    @Override
    public void close() throws InterruptedException {
        ServiceProcess.stopAll(predict, eval, fit, ingest);
    }
}
