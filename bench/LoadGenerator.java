import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Streams synthetic training curves to scalecast.checkpoints at a fixed rate, as many jobs training at once would:
 * args are bootstrap servers, lab, families, events per second, seconds. Each family has six runs (2e7 to 1.5e9
 * parameters) whose checkpoints follow Epoch's Chinchilla law with 0.5% noise; families and runs advance together.
 * Prints the number of events sent.
 */
public class LoadGenerator {

    private static final double[] SIZES = {2e7, 5e7, 1.2e8, 3e8, 7e8, 1.5e9};

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String lab = args[1];
        int families = Integer.parseInt(args[2]);
        double rate = Double.parseDouble(args[3]);
        int seconds = Integer.parseInt(args[4]);
        long total = (long) (rate * seconds);
        long perCurve = Math.max(1, total / ((long) families * SIZES.length));
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        Random random = new Random(1);
        long start = System.nanoTime();
        long sent = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (long step = 1; step <= perCurve; step++) {
                for (int f = 0; f < families; f++) {
                    for (double n : SIZES) {
                        producer.send(new ProducerRecord<>("scalecast.checkpoints", lab + "/load-" + f,
                                event(lab, "load-" + f, n, step, perCurve, random)));
                        sent++;
                        pace(start, sent, rate);
                    }
                }
            }
            producer.flush();
        }
        System.out.println(sent);
    }

    private static String event(String lab, String family, double n, long step, long steps, Random random) {
        double tokens = 30 * n * step / steps;
        double loss = (1.81724 + 477.84 / Math.pow(n, 0.347313) + 2143.86 / Math.pow(tokens, 0.367183))
                * (1 + 0.005 * random.nextGaussian());
        return String.format(Locale.ROOT, "{\"schemaVersion\":1,\"lab\":\"%s\",\"family\":\"%s\",\"run\":\"n%.0f\","
                + "\"params\":%.6e,\"tokens\":%.6e,\"step\":%d,\"value\":%.6f}", lab, family, n, n, tokens, step, loss);
    }

    /** Sleeps until {@code sent} events are due at {@code rate} per second since {@code start}. */
    private static void pace(long start, long sent, double rate) throws InterruptedException {
        long due = start + (long) (sent / rate * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 1_000_000) {
            Thread.sleep(wait / 1_000_000);
        }
    }
}
