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
 * jobs would have, then their downstream results to scalecast.evals as EvalEvents: args are bootstrap servers, lab,
 * events per second, then CSV files. It reads the Datablations curves (one family per corpus), Epoch's Chinchilla
 * points (one family; each point is a run's final loss), Gadre et al.'s 104 models (one family per training set;
 * each model is a run with its final C4 validation loss), their tasks' chance levels (eval_metadata.csv) and their
 * 46 task accuracies (gadre_downstream_long.csv, after the models), and the Multi-Power Law repository's loss curves
 * with their learning rates (family mpl; a path@STEP streams a curve only to STEP, a run still training).
 */
public class StreamDataset {

    /** Evals go faster than checkpoints: a lab evaluates a checkpoint on many tasks at once. */
    static final int EVALS_PER_CHECKPOINT_RATE = 10;

    record Row(String family, String run, double params, double tokens, double loss, Long step, Double lr) {

        Row(String family, String run, double params, double tokens, double loss) {
            this(family, run, params, tokens, loss, null, null);
        }
    }

    /** Tokens per step given to the Multi-Power Law curves (the data do not say; the curve laws use only steps). */
    static final double MPL_TOKENS_PER_STEP = 524288;

    record Eval(Row model, String task, double accuracy, Double chance) {
    }

    /** Gadre et al.'s models by name, for their task accuracies; and each task's chance accuracy. */
    static final Map<String, Row> GADRE_MODELS = new HashMap<>();
    static final Map<String, Double> CHANCE = new HashMap<>();
    static final List<Eval> EVALS = new ArrayList<>();

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
                long step = r.step != null ? r.step : steps.merge(r.family + "/" + r.run, 1L, Long::sum);
                String json = String.format(Locale.ROOT, "{\"schemaVersion\":1,\"lab\":\"%s\",\"family\":\"%s\","
                                + "\"run\":\"%s\",\"params\":%s,\"tokens\":%s,\"step\":%d,\"value\":%s%s}",
                        lab, r.family, r.run, r.params, r.tokens, step, r.loss,
                        r.lr == null ? "" : ",\"learningRate\":" + r.lr);
                producer.send(new ProducerRecord<>("scalecast.checkpoints", lab + "/" + r.family, json));
                pace(start, i + 1, rate);
                if ((i + 1) % 200 == 0 || i + 1 == rows.size()) {
                    System.err.printf("  streamed %d/%d checkpoints%n", i + 1, rows.size());
                }
            }
            producer.flush();
            streamEvals(producer, lab, rate * EVALS_PER_CHECKPOINT_RATE);
        }
        Map<String, Long> perFamily = new HashMap<>();
        rows.forEach(r -> perFamily.merge(r.family, 1L, Long::sum));
        perFamily.forEach((f, n) -> System.out.println(f + " " + n));
    }

    /** Each Gadre model's accuracy on each task, as the lab's evaluation harness would send it (step 1 of the run). */
    static void streamEvals(KafkaProducer<String, String> producer, String lab, double rate) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < EVALS.size(); i++) {
            Eval e = EVALS.get(i);
            String json = String.format(Locale.ROOT, "{\"schemaVersion\":1,\"lab\":\"%s\",\"family\":\"%s\","
                            + "\"run\":\"%s\",\"params\":%s,\"tokens\":%s,\"step\":1,\"benchmark\":\"%s\","
                            + "\"metric\":\"accuracy\",\"value\":%s%s}", lab, e.model().family(), e.model().run(),
                    e.model().params(), e.model().tokens(), e.task(), e.accuracy(),
                    e.chance() == null ? "" : ",\"chance\":" + e.chance());
            producer.send(new ProducerRecord<>("scalecast.evals", lab + "/" + e.model().family(), json));
            pace(start, i + 1, rate);
            if ((i + 1) % 1000 == 0 || i + 1 == EVALS.size()) {
                System.err.printf("  streamed %d/%d evals%n", i + 1, EVALS.size());
            }
        }
        producer.flush();
    }

    static List<Row> read(Path arg) throws IOException {
        // path@STEP streams a Multi-Power Law curve only to STEP: a run still training.
        String[] spec = arg.toString().split("@");
        Path csv = Path.of(spec[0]);
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        if (header.equals(List.of("step", "lr", "loss"))) {
            return multiPower(csv, lines, spec.length > 1 ? Long.parseLong(spec[1]) : Long.MAX_VALUE);
        }
        if (header.contains("loss_c4_val")) {
            return gadre(lines, header);
        }
        if (header.contains("Eval Task")) {
            chance(lines, header);
            return List.of();
        }
        if (header.contains("task") && header.contains("accuracy")) {
            accuracies(lines, header);
            return List.of();
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
            Row row = new Row(family, run, Double.parseDouble(f[params]), Double.parseDouble(f[tokens]),
                    Double.parseDouble(f[loss]));
            rows.add(row);
            GADRE_MODELS.put(f[name], row);
        }
        return rows;
    }

    /** The tasks' random-baseline accuracies, in percent in the file. */
    static void chance(List<String> lines, List<String> header) {
        int task = header.indexOf("Eval Task");
        int baseline = header.indexOf("Random baseline");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            if (f.length > baseline && !f[baseline].isBlank()) {
                CHANCE.put(f[task], Double.parseDouble(f[baseline]) / 100);
            }
        }
    }

    /** The models' task accuracies; the models come from gadre_models.csv, read before. */
    static void accuracies(List<String> lines, List<String> header) {
        int name = header.indexOf("name");
        int task = header.indexOf("task");
        int accuracy = header.indexOf("accuracy");
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            Row model = GADRE_MODELS.get(f[name]);
            if (model == null) {
                throw new IllegalArgumentException("task accuracies of model " + f[name] + " come before"
                        + " gadre_models.csv or without it");
            }
            EVALS.add(new Eval(model, f[task], Double.parseDouble(f[accuracy]), CHANCE.get(f[task])));
        }
    }

    /**
     * One of the Multi-Power Law repository's curves (data/multipower-lr-schedules: csv_25/wsd_20000_24000.csv is the
     * 25M model's run under that schedule) as family {@code mpl}, run {@code 25m-wsd}, with each checkpoint's step
     * and learning rate, to {@code lastStep}.
     */
    static List<Row> multiPower(Path csv, List<String> lines, long lastStep) {
        int millions = Integer.parseInt(csv.getParent().getFileName().toString().replace("csv_", ""));
        String run = millions + "m-" + csv.getFileName().toString().replace(".csv", "").split("_")[0];
        List<Row> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.trim().split(",");
            long step = Long.parseLong(f[0]);
            if (!line.isBlank() && step <= lastStep) {
                rows.add(new Row("mpl", run, millions * 1e6, step * MPL_TOKENS_PER_STEP, Double.parseDouble(f[2]),
                        step, Double.parseDouble(f[1])));
            }
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
