package io.scalecast.predict;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for fit-service's history and alerts endpoints that records what it was asked: family {@code fam} has one
 * fit, {@code broken} answers 500, {@code gone} drops the connection and any other family is fit-service's 404; a
 * version of a law is what a test put in {@link #VERSIONS}, else fit-service's 404; the alerts are one spike, or
 * fit-service's 400 when {@code since} is not an instant.
 */
public class FitServiceStub implements QuarkusTestResourceLifecycleManager {

    /** What the stub was asked, as "Authorization header|path?query". */
    static final List<String> REQUESTS = new CopyOnWriteArrayList<>();

    static final String FIT = """
            [{"law":"chinchilla","version":7,"dataVersion":42,"status":"ok","reason":null,"objective":0.001,\
            "fittedAt":"2026-12-05T10:00:00Z","fittedBy":"1@host","search":"warm","searchReason":null,\
            "figures":{"params":{"E":1.8,"A":450.0,"B":2000.0,"alpha":0.34,"beta":0.36},\
            "intervals":{"alpha":{"lower":0.3,"upper":0.38}},\
            "watermark":{"dataVersion":42,"points":100,"pointsFitted":90,"runs":5,"sizes":5,"maxParams":2.0E9,\
            "maxTokens":4.0E10,"newestIngestedAt":"2026-12-05T09:59:59Z","oldestNewIngestedAt":null},\
            "backtestAre":0.004}}]""";

    static final String ALERT = """
            [{"schemaVersion":1,"lab":"l","family":"fam","run":"wsd","kind":"spike","severity":"critical",\
            "step":16400,"observed":3.4,"expected":{"step":16400,"loss":3.2,"lower":3.19,"upper":3.21},\
            "forecastVersion":5,"message":"loss 3.4 at step 16400 lies 20 band half-widths above the forecast",\
            "raisedAt":"2026-12-05T10:00:00Z","recoveredAt":null,"recoveredStep":null}]""";

    /** Whole laws by their path, e.g. {@code /api/v1/families/vers/fits/3}, as tests put them. */
    static final Map<String, String> VERSIONS = new ConcurrentHashMap<>();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/families/", this::answer);
        server.createContext("/api/v1/alerts", this::alerts);
        server.start();
        return Map.of("quarkus.rest-client.fit.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        REQUESTS.add(exchange.getRequestHeaders().getFirst("Authorization") + "|" + path + "?"
                + exchange.getRequestURI().getQuery());
        switch (path) {
            case "/api/v1/families/fam/fits" -> send(exchange, 200, FIT);
            case "/api/v1/families/broken/fits" -> send(exchange, 500, "{}");
            case "/api/v1/families/gone/fits" -> exchange.getResponseBody().close();
            default -> {
                if (VERSIONS.containsKey(path)) {
                    send(exchange, 200, VERSIONS.get(path));
                    return;
                }
                send(exchange, 404, "{\"error\":\"no chinchilla fits for family 'nope' of lab 'l'\","
                        + "\"field\":null}");
            }
        }
    }

    private void alerts(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getQuery();
        REQUESTS.add(exchange.getRequestHeaders().getFirst("Authorization") + "|" + exchange.getRequestURI().getPath()
                + "?" + query);
        if (query.contains("since=yesterday")) {
            send(exchange, 400, "{\"error\":\"since: must be an ISO-8601 instant\",\"field\":\"since\"}");
        } else {
            send(exchange, 200, ALERT);
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
