package io.scalecast.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One packaged service running as its own JVM, as it runs in production, against the test broker and database. */
final class ServiceProcess implements AutoCloseable {

    /** The property of the port a service listens on; {@link #launch} picks a free one unless it is given. */
    static final String PORT = "quarkus.http.port";

    /**
     * The services' JIT in tests: C1 only, unless SCALECAST_SERVICE_JVM_OPTS says otherwise (empty: the JVM's default).
     * Four services starting at once on 2 cores spent most of their start in C2 compiles (22 s to all ready, 15 s
     * with C1 only; the system tests run 3.5 min less). C1's code is slower, so every wait on a fit is stricter.
     */
    private static final String JIT = "-XX:TieredStopAtLevel=1";

    /** The repository. */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private final String module;
    private final int port;
    private final Process process;
    private final Path log;

    private ServiceProcess(String module, int port, Process process, Path log) {
        this.module = module;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts the module's quarkus-run.jar on a free port and waits until it reports ready. */
    static ServiceProcess start(String module, Map<String, String> properties) {
        return start(module, properties, Infrastructure.TEST);
    }

    /** As {@link #start(String, Map)}, on the broker and database of {@code site}. */
    static ServiceProcess start(String module, Map<String, String> properties, Infrastructure.Site site) {
        ServiceProcess service = launch(module, properties, site);
        service.awaitReady(Duration.ofSeconds(90));
        return service;
    }

    /**
     * Starts the services at once on the test broker and database and waits until each reports ready, in the order
     * given: they boot in parallel, which saves most of a suite's start-up.
     */
    @SafeVarargs
    static List<ServiceProcess> startTogether(Map.Entry<String, Map<String, String>>... services) {
        List<ServiceProcess> out = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> s : services) {
            out.add(launch(s.getKey(), s.getValue(), Infrastructure.TEST));
        }
        out.forEach(s -> s.awaitReady(Duration.ofSeconds(120)));
        return out;
    }

    /**
     * Starts {@code modules} together with API keys on, in the order given: fit-service refits 300 ms after new data
     * on a port of its own, which predict-service asks for law histories and alerts with the caller's key.
     */
    static List<ServiceProcess> startWithKeysOn(String... modules) {
        String fitPort = String.valueOf(freePort());
        List<Map.Entry<String, Map<String, String>>> services = new ArrayList<>();
        for (String module : modules) {
            Map<String, String> config = new HashMap<>(KeyCommand.KEYS_ON);
            if (module.equals("fit-service")) {
                config.putAll(Map.of("scalecast.fit.debounce", "300ms", PORT, fitPort));
            } else if (module.equals("predict-service")) {
                config.put("quarkus.rest-client.fit.url", "http://127.0.0.1:" + fitPort);
            }
            services.add(Map.entry(module, config));
        }
        @SuppressWarnings("unchecked")
        Map.Entry<String, Map<String, String>>[] all = services.toArray(new Map.Entry[0]);
        return startTogether(all);
    }

    /** Starts the service without waiting for it, so that several start at once; then {@link #awaitReady}. */
    static ServiceProcess launch(String module, Map<String, String> properties, Infrastructure.Site site) {
        Path jar = ROOT.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first (./mvnw verify)");
        }
        // A port given beforehand lets another service started at once be told where this one will listen.
        int port = properties.containsKey(PORT) ? Integer.parseInt(properties.get(PORT)) : freePort();
        List<String> command = new ArrayList<>(List.of("java", "-Xmx384m"));
        String jvm = System.getenv().getOrDefault("SCALECAST_SERVICE_JVM_OPTS", JIT).trim();
        if (!jvm.isEmpty()) {
            command.addAll(Arrays.asList(jvm.split("\\s+")));
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put(PORT, String.valueOf(port));
        // The flows are tested with ?lab=; AccessFlowTest turns keys on by passing scalecast.auth.enabled=true.
        all.put("scalecast.auth.enabled", "false");
        all.putAll(properties);
        all.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-jar", jar.toString()));
        try {
            Path log = Files.createDirectories(Path.of("target", "services"))
                    .resolve(module + "-" + System.nanoTime() + ".log");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", site.bootstrap());
            pb.environment().put("DB_NAME", site.database());
            pb.environment().remove("DB_URL");
            return new ServiceProcess(module, port, pb.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's base URL. */
    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the service the way Kubernetes would: SIGTERM, then waits for a clean exit. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /**
     * Stops the services at once, each as {@link #stop()} does; nulls (services a failed test never started) are
     * skipped. A service takes seconds to close its Kafka consumers, so stopping one after another cost a suite half a
     * minute per teardown.
     */
    static void stopAll(Iterable<ServiceProcess> services) throws InterruptedException {
        List<ServiceProcess> stopping = new ArrayList<>();
        services.forEach(s -> {
            if (s != null) {
                s.process.destroy();
                stopping.add(s);
            }
        });
        for (ServiceProcess s : stopping) {
            s.stop();
        }
    }

    /** As {@link #stopAll(Iterable)}. */
    static void stopAll(ServiceProcess... services) throws InterruptedException {
        stopAll(Arrays.asList(services));
    }

    /** Kills the service with SIGKILL, as a crashed node or an OOM kill would: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    /** Waits until the service reports ready, failing if it exits or takes longer than {@code timeout}. */
    void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + "; log: " + log);
            }
            if (ready()) {
                return;
            }
            sleep(250);
        }
        throw new IllegalStateException(module + " not ready after " + timeout + "; log: " + log);
    }

    /** Whether the service reports ready now. */
    boolean ready() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/q/health/ready").toURL().openConnection();
            c.setConnectTimeout(1000);
            c.setReadTimeout(5000);
            return c.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** A port nothing listens on now, for {@link #PORT}. */
    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
