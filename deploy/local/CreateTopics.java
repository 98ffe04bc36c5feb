import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates ScaleCast's topics if they are missing, in one JVM (args: bootstrap servers, partitions). */
public class CreateTopics {

    static final List<String> KEYED = List.of("scalecast.checkpoints", "scalecast.evals", "scalecast.observations",
            "scalecast.runs");
    static final List<String> COMPACTED = List.of("scalecast.laws", "scalecast.downstream-laws", "scalecast.run-plans",
            "scalecast.forecasts");
    /** Topics the services only publish for people and their tools (alerts): no consumer of ours, so no DLQ. */
    static final List<String> PUBLISHED = List.of("scalecast.alerts");
    /** Compacted topics every instance reads whole as a table, without a consumer group and so without a DLQ. */
    static final List<String> TABLES = List.of("scalecast.api-keys");

    public static void main(String[] args) throws Exception {
        int partitions = Integer.parseInt(args.length > 1 ? args[1] : "3");
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> wanted = new ArrayList<>();
            for (String t : KEYED) {
                wanted.add(new NewTopic(t, partitions, (short) 1));
            }
            for (String t : COMPACTED) {
                wanted.add(new NewTopic(t, partitions, (short) 1).configs(Map.of("cleanup.policy", "compact",
                        "segment.ms", "60000", "min.cleanable.dirty.ratio", "0.1")));
            }
            for (String t : PUBLISHED) {
                wanted.add(new NewTopic(t, partitions, (short) 1));
            }
            for (String t : TABLES) {
                wanted.add(new NewTopic(t, 1, (short) 1).configs(Map.of("cleanup.policy", "compact",
                        "segment.ms", "60000", "min.cleanable.dirty.ratio", "0.1")));
            }
            for (String t : concat(KEYED, COMPACTED)) {
                wanted.add(new NewTopic(t + ".dlq", 1, (short) 1));
            }
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            System.out.println("topics: " + wanted.size() + " present, " + missing.size() + " created");
        }
    }

    static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
