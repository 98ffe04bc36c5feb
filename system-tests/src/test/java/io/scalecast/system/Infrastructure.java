package io.scalecast.system;

import io.scalecast.testing.KafkaTestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Stops and starts a broker and PostgreSQL with deploy/local/lib.sh, as an outage would: the test profile's broker
 * (its ports and data directory) by default, or a {@link Site} of a test's own; never a local system's.
 */
final class Infrastructure {

    /** The broker and database deploy/local/test.sh starts for every test. */
    static final Site TEST = new Site("test", testPort(), Integer.parseInt(System.getenv()
            .getOrDefault("KAFKA_CONTROLLER_PORT", Integer.toString(testPort() + 1))), Database.NAME);

    private Infrastructure() {
    }

    static void stopDatabase() {
        TEST.lib("pg_stop");
    }

    static void startDatabase() {
        TEST.lib("pg_start");
    }

    static void stopBroker() {
        TEST.lib("kafka_stop");
    }

    static void startBroker() {
        TEST.lib("kafka_start");
    }

    private static int testPort() {
        String bootstrap = KafkaTestClient.bootstrap();
        return Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
    }

    /**
     * A broker (with its data under .state/PROFILE) and a database.
     *
     * @param profile the state directory's name
     * @param kafkaPort the broker's port
     * @param controllerPort its KRaft controller's port
     * @param database the database's name
     */
    record Site(String profile, int kafkaPort, int controllerPort, String database) {

        /** The broker's address. */
        String bootstrap() {
            return "127.0.0.1:" + kafkaPort;
        }

        /** Starts the broker, formatting new storage with a new cluster id when it has none, and makes the topics. */
        void startBroker() {
            lib("kafka_start");
        }

        /** Stops the broker and deletes its data, as a lost disk or a new cluster would. */
        void loseBroker() {
            lib("kafka_stop && rm -rf \"$STATE/kafka-data\"");
        }

        /** Starts PostgreSQL and makes the database anew, empty. */
        void freshDatabase() {
            lib("pg_start && su postgres -c \"dropdb --if-exists --force $DB_NAME\" && pg_database \"$DB_NAME\"");
        }

        /** Drops the database. */
        void dropDatabase() {
            lib("su postgres -c \"dropdb --if-exists --force $DB_NAME\"");
        }

        private void lib(String commands) {
            Path lib = ServiceProcess.ROOT.resolve("deploy/local/lib.sh");
            ProcessBuilder pb = new ProcessBuilder("bash", "-c", "source '" + lib + "' && " + commands)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT);
            pb.environment().putAll(Map.of("SCALECAST_PROFILE", profile, "KAFKA_PORT", Integer.toString(kafkaPort),
                    "KAFKA_CONTROLLER_PORT", Integer.toString(controllerPort), "KAFKA_BOOTSTRAP_SERVERS", bootstrap(),
                    "DB_NAME", database));
            pb.environment().remove("SCALECAST_STATE");
            try {
                Process p = pb.start();
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException(commands + " failed or timed out");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
