package io.scalecast.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Neither Docker nor Kubernetes runs here, so this test reads every deployment file and checks it against the
 * services' own configuration: images, ports, probe paths, environment variables and topics.
 */
class DeploymentConfigTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern PORT = Pattern.compile("quarkus\\.http\\.port=\\$\\{(\\w+):(\\d+)}");
    private static final Pattern ENV = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");
    private static final Pattern TOPIC = Pattern.compile("(?m)^mp\\.messaging\\.[\\w.-]+?topic=(\\S+)$");
    private static final Set<String> EXTERNALS = Set.of("KAFKA_BOOTSTRAP_SERVERS", "DB_HOST", "DB_PORT", "DB_NAME",
            "DB_USER", "DB_PASSWORD", "DB_URL", "FIT_URL");

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "fit-service", "predict-service", "eval-service"})
    void kubernetesDeploymentMatchesTheServiceConfiguration(String service) throws IOException {
        String properties = properties(service);
        int port = port(properties);
        Map<String, Object> deployment = find("Deployment", service);
        Map<String, Object> container = first(list(get(deployment, "spec", "template", "spec", "containers")));

        assertThat(container.get("image")).isEqualTo("scalecast/" + service + ":0.1.0");
        assertThat(get(first(list(container.get("ports"))), "containerPort")).isEqualTo(port);
        assertThat(get(container, "livenessProbe", "httpGet", "path")).isEqualTo("/q/health/live");
        assertThat(get(container, "livenessProbe", "httpGet", "port")).isEqualTo(port);
        assertThat(get(container, "readinessProbe", "httpGet", "path")).isEqualTo("/q/health/ready");
        assertThat(get(container, "readinessProbe", "httpGet", "port")).isEqualTo(port);
        assertThat(map(get(container, "resources", "requests"))).containsKeys("cpu", "memory");
        assertThat(get(deployment, "spec", "template", "metadata", "annotations", "prometheus.io/port"))
                .isEqualTo(Integer.toString(port));

        Set<String> provided = providedEnv(container);
        assertThat(provided).containsAll(externalsUsed(properties).stream().filter(v -> !v.equals("DB_URL")).toList());
        Map<String, Object> svc = find("Service", service);
        assertThat(get(first(list(get(svc, "spec", "ports"))), "port")).isEqualTo(port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ingest-service", "fit-service", "predict-service", "eval-service"})
    void composeAndDockerfileMatchTheServiceConfiguration(String service) throws IOException {
        String properties = properties(service);
        int port = port(properties);
        Map<String, Object> compose = yaml(ROOT.resolve("docker-compose.yml")).get(0);
        Map<String, Object> entry = map(get(compose, "services", service));

        assertThat(entry.get("image")).isEqualTo("scalecast/" + service + ":0.1.0");
        assertThat(list(entry.get("ports"))).contains(port + ":" + port);
        assertThat(map(entry.get("environment")).keySet())
                .containsAll(externalsUsed(properties).stream().filter(v -> !v.equals("DB_URL")).toList());
        String dockerfile = Files.readString(ROOT.resolve(service).resolve("src/main/docker/Dockerfile.jvm"));
        assertThat(dockerfile).contains("EXPOSE " + port).contains("scalecast/" + service + ":0.1.0");
    }

    @Test
    void everyTopicTheServicesUseIsCreatedEverywhere() throws IOException {
        Set<String> topics = new HashSet<>();
        for (String s : List.of("ingest-service", "fit-service", "predict-service", "eval-service")) {
            Matcher m = TOPIC.matcher(properties(s));
            while (m.find()) {
                topics.add(m.group(1));
            }
        }
        assertThat(topics).contains("scalecast.checkpoints", "scalecast.checkpoints.dlq", "scalecast.laws",
                "scalecast.observations", "scalecast.downstream-laws", "scalecast.runs", "scalecast.runs.dlq");

        String job = Files.readString(ROOT.resolve("deploy/k8s/02-topics-job.yaml"));
        String compose = Files.readString(ROOT.resolve("docker-compose.yml"));
        String local = Files.readString(ROOT.resolve("deploy/local/CreateTopics.java"));
        for (String topic : topics) {
            String base = topic.endsWith(".dlq") ? topic.substring(0, topic.length() - 4) : topic;
            assertThat(job).as("the topic Job creates %s", topic).contains(base);
            assertThat(compose).as("docker-compose creates %s", topic).contains(base);
            assertThat(local).as("the local script creates %s", topic).contains("\"" + base + "\"");
            if (topic.endsWith(".dlq")) {
                assertThat(job).contains("$t.dlq");
                assertThat(local).contains("t + \".dlq\"");
            }
        }
        assertThat(job).contains("scalecast.laws scalecast.downstream-laws scalecast.run-plans scalecast.forecasts; do $T"
                + " --topic $t "
                + "--partitions 6 --config cleanup.policy=compact");
        assertThat(compose).contains("scalecast.laws scalecast.downstream-laws scalecast.run-plans scalecast.forecasts; do"
                + " $$T --topic $$t "
                + "--partitions 3 --config cleanup.policy=compact");
        assertThat(local).contains("\"scalecast.run-plans\"").contains("\"scalecast.forecasts\"");
        // Alerts are published through fit-service's outbox for people and their tools: no channel names them.
        assertThat(job).contains("$T --topic scalecast.alerts --partitions 6");
        assertThat(compose).contains("$$T --topic scalecast.alerts --partitions 3");
        assertThat(local).contains("List.of(\"scalecast.alerts\")");
        // The API-key table is read by every service without a messaging channel, so no channel names it.
        assertThat(job).contains("--topic scalecast.api-keys --partitions 1 --config cleanup.policy=compact");
        assertThat(compose).contains("--topic scalecast.api-keys --partitions 1 --config cleanup.policy=compact");
        assertThat(local).contains("List.of(\"scalecast.api-keys\")");
    }

    @Test
    void everyKubernetesFileIsWellFormedAndEveryConfigKeyIsUsed() throws IOException {
        List<Map<String, Object>> docs = k8s();
        assertThat(docs).allSatisfy(d -> assertThat(d).containsKeys("apiVersion", "kind", "metadata"));
        Set<String> keys = new HashSet<>();
        keys.addAll(map(get(find("ConfigMap", "scalecast-config"), "data")).keySet());
        keys.addAll(map(get(find("Secret", "scalecast-db"), "stringData")).keySet());
        keys.addAll(map(get(find("Secret", "scalecast-auth"), "stringData")).keySet());
        Set<String> used = new HashSet<>();
        for (String s : List.of("ingest-service", "fit-service", "predict-service", "eval-service")) {
            Matcher m = ENV.matcher(properties(s));
            while (m.find()) {
                used.add(m.group(1));
            }
        }
        assertThat(used).containsAll(keys);
    }

    private static Set<String> providedEnv(Map<String, Object> container) throws IOException {
        Set<String> names = new HashSet<>();
        for (Object o : list(container.get("envFrom"))) {
            Map<String, Object> from = map(o);
            if (from.containsKey("configMapRef")) {
                names.addAll(map(get(find("ConfigMap", (String) get(from, "configMapRef", "name")), "data")).keySet());
            }
            if (from.containsKey("secretRef")) {
                names.addAll(map(get(find("Secret", (String) get(from, "secretRef", "name")), "stringData")).keySet());
            }
        }
        return names;
    }

    private static Set<String> externalsUsed(String properties) {
        Set<String> out = new HashSet<>();
        Matcher m = ENV.matcher(properties.replaceAll("(?m)^%test\\..*$", ""));
        while (m.find()) {
            if (EXTERNALS.contains(m.group(1))) {
                out.add(m.group(1));
            }
        }
        return out;
    }

    private static int port(String properties) {
        Matcher m = PORT.matcher(properties);
        assertThat(m.find()).as("quarkus.http.port with an env override").isTrue();
        return Integer.parseInt(m.group(2));
    }

    private static String properties(String service) throws IOException {
        return Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.properties"));
    }

    private static Map<String, Object> find(String kind, String name) throws IOException {
        return k8s().stream().filter(d -> kind.equals(d.get("kind")) && name.equals(get(d, "metadata", "name")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    private static List<Map<String, Object>> k8s() throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        try (Stream<Path> files = Files.list(ROOT.resolve("deploy/k8s"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                docs.addAll(yaml(f));
            }
        }
        return docs;
    }

    private static List<Map<String, Object>> yaml(Path file) throws IOException {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : new Yaml(new LoaderOptions()).loadAll(Files.readString(file))) {
            if (doc != null) {
                docs.add(map(doc));
            }
        }
        return docs;
    }

    private static Object get(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            current = map(current).get(key);
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static Map<String, Object> first(List<Object> l) {
        return map(l.get(0));
    }
}
