package io.scalecast.system;

import io.scalecast.testing.KafkaTestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts the test broker and PostgreSQL with deploy/local/lib.sh, as an outage would: always the test
 * profile's broker (its ports and data directory), never a local system's.
 */
final class Infrastructure {

    private Infrastructure() {
    }

    static void stopDatabase() {
        lib("pg_stop");
    }

    static void startDatabase() {
        lib("pg_start");
    }

    static void stopBroker() {
        lib("kafka_stop");
    }

    static void startBroker() {
        lib("kafka_start");
    }

    private static void lib(String function) {
        String bootstrap = KafkaTestClient.bootstrap();
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        String controller = System.getenv().getOrDefault("KAFKA_CONTROLLER_PORT", Integer.toString(port + 1));
        Path lib = ServiceProcess.ROOT.resolve("deploy/local/lib.sh");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "source '" + lib + "' && " + function)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
        pb.environment().putAll(Map.of("SCALECAST_PROFILE", "test", "KAFKA_PORT", Integer.toString(port),
                "KAFKA_CONTROLLER_PORT", controller, "KAFKA_BOOTSTRAP_SERVERS", bootstrap, "DB_NAME", Database.NAME));
        pb.environment().remove("SCALECAST_STATE");
        try {
            Process p = pb.start();
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(function + " failed or timed out");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
