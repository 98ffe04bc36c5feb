import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Streams bundled datasets to scalecast.checkpoints as CheckpointEvents, in order of tokens seen, as the training
 * jobs would have: args are bootstrap servers, lab, events per second, then CSV files. It reads the Datablations
 * curves (one family per corpus), Epoch's Chinchilla points (one family; each point is a run's final loss) and
 * Gadre et al.'s 104 models (one family per training set; each model is a run with its final C4 validation loss).
 */
public class StreamDataset {

    record Row(String family, String run, double params, double tokens, double loss) {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String lab = args[1];
        double rate = Double.parseDouble(args[2]);
        List<Row> rows = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            rows.addAll(read(Path.of(args[i])));
        }
        rows.sort(Comparator.comparingDouble(Row::tokens));
        Map<String, Long> steps = new HashMap<>();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        long start = System.nanoTime();
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < rows.size(); i++) {
                Row r = rows.get(i);
                long step = steps.merge(r.family + "/" + r.run, 1L, Long::sum);
                String json = String.format(Locale.ROOT, "{\"schemaVersion\":1,\"lab\":\"%s\",\"family\":\"%s\","
                                + "\"run\":\"%s\",\"params\":%s,\"tokens\":%s,\"step\":%d,\"value\":%s}",
                        lab, r.family, r.run, r.params, r.tokens, step, r.loss);
                producer.send(new ProducerRecord<>("scalecast.checkpoints", lab + "/" + r.family, json));
                pace(start, i + 1, rate);
                if ((i + 1) % 200 == 0 || i + 1 == rows.size()) {
                    System.err.printf("  streamed %d/%d checkpoints%n", i + 1, rows.size());
                }
            }
            producer.flush();
        }
        Map<String, Long> perFamily = new HashMap<>();
        rows.forEach(r -> perFamily.merge(r.family, 1L, Long::sum));
        perFamily.forEach((f, n) -> System.out.println(f + " " + n));
    }

    static List<Row> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        if (header.contains("loss_c4_val")) {
            return gadre(lines, header);
        }
        return header.contains("Model Size") ? chinchilla(lines, header) : datablations(lines, header);
    }

    /** Gadre et al.'s models as families gadre-c4, gadre-rpj and gadre-rw; run names lose their = signs. */
    static List<Row> gadre(List<String> lines, List<String> header) {
        int name = header.indexOf("name");
        int dataset = header.indexOf("dataset");
        int params = header.indexOf("params");
        int tokens = header.indexOf("tokens");
        int loss = header.indexOf("loss_c4_val");
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            String family = "gadre-" + f[dataset].replace("_original", "");
            String run = f[name].toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_.-]", "_");
            rows.add(new Row(family, run, Double.parseDouble(f[params]), Double.parseDouble(f[tokens]),
                    Double.parseDouble(f[loss])));
        }
        return rows;
    }

    static List<Row> datablations(List<String> lines, List<String> header) {
        int data = header.indexOf("data");
        int tokens = header.indexOf("token_num");
        int loss = header.indexOf("loss");
        int params = header.indexOf("num_params");
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            String size = f[params];
            double n = Double.parseDouble(size.substring(0, size.length() - 1)) * 1e9;
            rows.add(new Row("datablations-" + f[data], size.toLowerCase(Locale.ROOT), n,
                    Double.parseDouble(f[tokens]), Double.parseDouble(f[loss])));
        }
        return rows;
    }

    /** Epoch's points, less the 5 highest-loss rows that Epoch drops too (all runs with D/N of 0.41 or less). */
    static List<Row> chinchilla(List<String> lines, List<String> header) {
        int size = header.indexOf("Model Size");
        int flops = header.indexOf("Training FLOP");
        int loss = header.indexOf("loss");
        double[] losses = lines.stream().skip(1).mapToDouble(l -> Double.parseDouble(l.split(",")[loss])).sorted()
                .toArray();
        double cut = losses[losses.length - 5];
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            if (Double.parseDouble(f[loss]) >= cut) {
                continue;
            }
            double n = Double.parseDouble(f[size]);
            double d = Double.parseDouble(f[flops]) / (6 * n);
            rows.add(new Row("chinchilla", String.format(Locale.ROOT, "point-%03d", i), n, d,
                    Double.parseDouble(f[loss])));
        }
        return rows;
    }

    static void pace(long start, int sent, double rate) throws InterruptedException {
        long due = start + (long) (sent / rate * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }
}
