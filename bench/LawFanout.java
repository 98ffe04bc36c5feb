import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes COUNT copies of one fitted-law event (a JSON file, e.g. a fit.fit_result payload) to scalecast.laws as
 * families fanout-0 .. fanout-(COUNT-1) of a lab, keyed as fit-service keys them: so that predict-service holds that
 * many families' laws without fitting them. Args: bootstrap servers, law file, lab, count. Prints the count sent.
 */
public class LawFanout {

    public static void main(String[] args) throws Exception {
        String law = Files.readString(Path.of(args[1])).trim();
        String lab = args[2];
        int count = Integer.parseInt(args[3]);
        String from = law.replaceFirst("\"lab\":\"[^\"]*\"", "\"lab\":\"" + lab + "\"");
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < count; i++) {
                String family = "fanout-" + i;
                String event = from.replaceFirst("\"family\":\"[^\"]*\"", "\"family\":\"" + family + "\"");
                producer.send(new ProducerRecord<>("scalecast.laws", lab + "/" + family + "/chinchilla", event));
            }
            producer.flush();
        }
        System.out.println(count);
    }
}
