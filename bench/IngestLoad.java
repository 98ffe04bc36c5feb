import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The load run of docs/benchmarks.md: first the raw rate of batched JDBC inserts of the rows ingest-service writes
 * per event (a checkpoint row and its outbox row, in a scratch schema dropped afterwards), then checkpoint events
 * streamed at rising rates, printing every second how far ingest-service (rows stored) and fit-service (points
 * stored, the end of the pipeline that publishes laws) trail the events sent, until the system lags. After each
 * rate it prints the CPU each part of the system used in that step, per event (from /proc: every part runs on this
 * machine), to show where an event's cost goes.
 * Args: bootstrap servers, JDBC URL, user, password, lab, rates (comma-separated events/s), seconds per rate.
 */
public class IngestLoad {

    private static final double[] SIZES = {2e7, 5e7, 1.2e8, 3e8, 7e8, 1.5e9};
    private static final int FAMILIES = 20;
    private static final int RAW_ROWS = 60_000;
    private static final int BATCH = 500;

    private final Random random = new Random(1);
    private long step;
    private int next;

    public static void main(String[] args) throws Exception {
        Properties db = new Properties();
        db.put("user", args[2]);
        db.put("password", args[3]);
        db.put("reWriteBatchedInserts", "true");
        try (Connection c = DriverManager.getConnection(args[1], db)) {
            // Raw inserts before and after the ramp: the database's own speed drifts on a shared machine.
            double before = raw(c, args[4], false);
            double pipelineBefore = raw(c, args[4], true);
            double sustained = new IngestLoad().ramp(c, args[0], args[4], args[5].split(","),
                    Integer.parseInt(args[6]));
            double after = raw(c, args[4], false);
            double pipelineAfter = raw(c, args[4], true);
            double mean = (before + after) / 2;
            System.out.printf(Locale.ROOT, "raw batched JDBC inserts (checkpoint row + outbox row, %d events per"
                    + " transaction, %d events): %.0f events/s before the ramp, %.0f after%n", BATCH, RAW_ROWS, before,
                    after);
            System.out.printf(Locale.ROOT, "raw batched JDBC writes of every row the pipeline writes per event (those"
                    + " two, the relay marking the outbox row sent, fit-service's and eval-service's upserts): %.0f"
                    + " events/s before the ramp, %.0f after%n", pipelineBefore, pipelineAfter);
            System.out.printf(Locale.ROOT, "sustained end to end: %.0f events/s = %.0f%% of the mean raw rate (goal"
                    + " >= 50%%), %.0f%% of the pipeline's rows' raw rate%n", sustained, 100 * sustained / mean,
                    200 * sustained / (pipelineBefore + pipelineAfter));
        }
    }

    /** The next event of the stream: families and their six runs advance together. */
    private String[] nextEvent(String lab) {
        int family = next / SIZES.length;
        double n = SIZES[next % SIZES.length];
        if (++next == FAMILIES * SIZES.length) {
            next = 0;
            step++;
        }
        double tokens = 1e6 * (step + 1) * n / 1e7;
        double loss = (1.81724 + 477.84 / Math.pow(n, 0.347313) + 2143.86 / Math.pow(tokens, 0.367183))
                * (1 + 0.005 * random.nextGaussian());
        String json = String.format(Locale.ROOT, "{\"schemaVersion\":1,\"lab\":\"%s\",\"family\":\"load-%d\","
                + "\"run\":\"n%.0f\",\"params\":%.6e,\"tokens\":%.6e,\"step\":%d,\"value\":%.6f}", lab, family, n, n,
                tokens, step, loss);
        return new String[] {lab + "/load-" + family, json, "load-" + family, "n" + (long) n,
                Double.toString(n), Double.toString(tokens), Double.toString(loss)};
    }

    /**
     * Events per second that batched writes of ingest's two rows per event reach on this database; with {@code
     * pipeline}, of every row the system writes per event: also the relay's mark of the outbox row, and the
     * upserts of fit-service's point and eval-service's loss, each into a copy of its table.
     */
    private static double raw(Connection c, String lab, boolean pipeline) throws Exception {
        CpuMeter cpu = new CpuMeter();
        double rate = new IngestLoad().insertRaw(c, lab, pipeline);
        System.out.printf(Locale.ROOT, "raw %s: %.0f events/s, the machine's CPU per event %.0f us (the database"
                + " %.0f us)%n", pipeline ? "pipeline rows" : "ingest rows", rate, 1e6 * cpu.used("busy") / RAW_ROWS,
                1e6 * cpu.used("postgres") / RAW_ROWS);
        return rate;
    }

    private double insertRaw(Connection c, String lab, boolean pipeline) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS bench_raw CASCADE");
            s.execute("CREATE SCHEMA bench_raw");
            // The services' tables with their constraints and indexes, ids from sequences of their own.
            for (String table : new String[] {"ingest.checkpoint", "ingest.outbox", "fit.fit_point",
                "eval.loss_point"}) {
                String copy = "bench_raw." + table.substring(table.indexOf('.') + 1);
                s.execute("CREATE TABLE " + copy + " (LIKE " + table + " INCLUDING CONSTRAINTS INCLUDING INDEXES)");
                s.execute("CREATE SEQUENCE " + copy + "_id");
                s.execute("ALTER TABLE " + copy + " ALTER id SET DEFAULT nextval('" + copy + "_id')");
            }
        }
        c.setAutoCommit(false);
        long t0 = System.nanoTime();
        try (PreparedStatement row = c.prepareStatement("INSERT INTO bench_raw.checkpoint (lab, family, run, metric,"
                + " step, params, tokens, value, flops, revision, created_at, updated_at) VALUES"
                + " (?, ?, ?, 'loss', ?, ?, ?, ?, ?, 1, ?, ?)");
             PreparedStatement out = c.prepareStatement("INSERT INTO bench_raw.outbox (topic, record_key, payload,"
                     + " created_at) VALUES ('scalecast.observations', ?, ?, ?)");
             PreparedStatement sent = c.prepareStatement("UPDATE bench_raw.outbox SET sent_at = now() WHERE sent_at"
                     + " IS NULL");
             PreparedStatement point = c.prepareStatement("INSERT INTO bench_raw.fit_point (lab, family, run, metric,"
                     + " step, params, tokens, value, revision, ingested_at) VALUES (?, ?, ?, 'loss', ?, ?, ?, ?, 1, ?)"
                     + " ON CONFLICT (lab, family, run, metric, step) DO UPDATE SET params = EXCLUDED.params, tokens"
                     + " = EXCLUDED.tokens, value = EXCLUDED.value, revision = EXCLUDED.revision, ingested_at ="
                     + " EXCLUDED.ingested_at WHERE fit_point.revision < EXCLUDED.revision");
             PreparedStatement loss = c.prepareStatement("INSERT INTO bench_raw.loss_point (lab, family, run, step,"
                     + " metric, value, revision, ingested_at) VALUES (?, ?, ?, ?, 'loss', ?, 1, ?) ON CONFLICT (lab,"
                     + " family, run, step, metric) DO UPDATE SET value = EXCLUDED.value, revision = EXCLUDED.revision,"
                     + " ingested_at = EXCLUDED.ingested_at WHERE loss_point.revision < EXCLUDED.revision")) {
            for (int i = 1; i <= RAW_ROWS; i++) {
                String[] e = nextEvent(lab);
                Timestamp now = Timestamp.from(Instant.now());
                double n = Double.parseDouble(e[4]);
                double d = Double.parseDouble(e[5]);
                double value = Double.parseDouble(e[6]);
                addRow(row, lab, e[2], e[3], step, n, d, value, 6 * n * d, now, now);
                addRow(out, e[0], e[1], now);
                if (pipeline) {
                    addRow(point, lab, e[2], e[3], step, n, d, value, now);
                    addRow(loss, lab, e[2], e[3], step, value, now);
                }
                if (i % BATCH == 0) {
                    row.executeBatch();
                    out.executeBatch();
                    if (pipeline) {
                        point.executeBatch();
                        loss.executeBatch();
                        c.commit();
                        sent.executeUpdate();
                    }
                    c.commit();
                }
            }
        }
        double rate = RAW_ROWS / ((System.nanoTime() - t0) / 1e9);
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA bench_raw CASCADE");
        }
        return rate;
    }

    /** Binds {@code values} to the statement's parameters in order and adds the row to its batch. */
    private static void addRow(PreparedStatement statement, Object... values) throws Exception {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
        statement.addBatch();
    }

    /** Streams at each rate in turn; returns the highest rate at whose end fit-service trailed by at most 2 s. */
    private double ramp(Connection c, String bootstrap, String lab, String[] rates, int seconds) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        System.out.println("second  rate/s  sent  ingest-behind  fit-behind   (events not yet stored by each)");
        double sustained = 0;
        long sent = 0;
        int second = 0;
        Stored ingest = new Stored(c, "ingest.checkpoint", lab);
        Stored fit = new Stored(c, "fit.fit_point", lab);
        CpuMeter cpu = new CpuMeter();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (String r : rates) {
                double rate = Double.parseDouble(r);
                long stepStart = System.nanoTime();
                long stepSent = 0;
                for (int s = 0; s < seconds; s++) {
                    for (int k = 0; k < rate; k++) {
                        String[] e = nextEvent(lab);
                        producer.send(new ProducerRecord<>("scalecast.checkpoints", e[0], e[1]));
                        sent++;
                        // Paced from the start of the step, so the time the counts take is caught up, not lost.
                        pace(stepStart, ++stepSent, rate);
                    }
                    System.out.printf(Locale.ROOT, "%6d %7.0f %8d %12d %11d%n", ++second, rate, sent,
                            sent - ingest.recent(), sent - fit.recent());
                }
                double offered = stepSent / ((System.nanoTime() - stepStart) / 1e9);
                long behind = sent - fit.exact();
                System.out.printf(Locale.ROOT, "  offered %.0f events/s over the step; fit-service %d behind at its"
                        + " end (counted in full)%n", offered, behind);
                System.out.println(cpu.step(stepSent));
                if (behind > 2 * rate) {
                    System.out.printf(Locale.ROOT, "the system lags at %.0f events/s%n", rate);
                    break;
                }
                sustained = offered;
            }
        }
        drain(fit, sent);
        return sustained;
    }

    /**
     * Waits (at most 5 minutes) until fit-service has stored every event sent, so that the raw rates measured after
     * the ramp do not share the machine with the backlog.
     */
    private static void drain(Stored fit, long sent) throws Exception {
        long t0 = System.nanoTime();
        while (fit.exact() < sent && System.nanoTime() - t0 < 300e9) {
            Thread.sleep(1000);
        }
        System.out.printf(Locale.ROOT, "the backlog was stored %.0f s after the ramp (%d of %d events)%n",
                (System.nanoTime() - t0) / 1e9, fit.exact(), sent);
    }

    /**
     * The rows of the lab in a table, counted every second from the highest id seen before (a full count of a table
     * of hundreds of thousands of rows twice a second took the database's time from the system it measures), and
     * in full at the end of each step. Each table has one writer, which takes ids in the order it commits.
     */
    private static final class Stored {

        private final Connection c;
        private final String table;
        private final String lab;
        private long count;
        private long lastId;

        Stored(Connection c, String table, String lab) throws Exception {
            this.c = c;
            this.table = table;
            this.lab = lab;
            // The lab is new: none of the rows so far are its own.
            try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT coalesce(max(id), 0) FROM "
                    + table)) {
                r.next();
                lastId = r.getLong(1);
            }
        }

        long recent() throws Exception {
            // "lab || ''" keeps the planner on the primary key: a lab too new for the statistics looks small, and
            // through the natural key's index the query would read every row of the lab each second.
            return read(" WHERE id > ? AND lab || '' = ?", true);
        }

        long exact() throws Exception {
            count = 0;
            return read(" WHERE lab = ?", false);
        }

        /** Adds the rows the condition selects to the count, and moves the highest id seen. */
        private long read(String where, boolean fromLastId) throws Exception {
            try (PreparedStatement s = c.prepareStatement("SELECT count(*), coalesce(max(id), 0) FROM " + table
                    + where)) {
                int i = 1;
                if (fromLastId) {
                    s.setLong(i++, lastId);
                }
                s.setString(i, lab);
                try (ResultSet r = s.executeQuery()) {
                    r.next();
                    count += r.getLong(1);
                    lastId = Math.max(lastId, r.getLong(2));
                    return count;
                }
            }
        }
    }

    /** Sleeps until {@code sent} events are due at {@code rate} per second since {@code start}. */
    private static void pace(long start, long sent, double rate) throws InterruptedException {
        long wait = start + (long) (sent / rate * 1e9) - System.nanoTime();
        if (wait > 1_000_000) {
            Thread.sleep(wait / 1_000_000);
        }
    }

    /**
     * CPU time of each part of the system between two calls, from /proc (Linux): the services by their jar, the
     * broker, every PostgreSQL process, this generator, and the machine's busy and idle time.
     */
    static final class CpuMeter {

        private static final double TICKS = 100;
        private static final String[] PARTS = {"ingest", "fit", "eval", "predict", "kafka", "postgres", "generator"};

        private Map<String, Double> last = snapshot();

        /** The CPU seconds {@code part} (or "busy" for the whole machine) used since the last call of {@link #step}. */
        double used(String part) {
            return snapshot().get(part) - last.get(part);
        }

        /** The CPU seconds of each part since the last call, and per event of the {@code events} sent meanwhile. */
        String step(double events) {
            Map<String, Double> now = snapshot();
            StringBuilder seconds = new StringBuilder("  cpu seconds in the step:");
            StringBuilder perEvent = new StringBuilder("  cpu us per event:      ");
            double parts = 0;
            for (String part : now.keySet()) {
                double used = now.get(part) - last.getOrDefault(part, 0.0);
                seconds.append(String.format(Locale.ROOT, " %s %.1f", part, used));
                if (!part.equals("idle") && !part.equals("busy")) {
                    parts += used;
                    perEvent.append(String.format(Locale.ROOT, " %s %.0f", part, 1e6 * used / events));
                }
            }
            perEvent.append(String.format(Locale.ROOT, " all parts %.0f", 1e6 * parts / events));
            last = now;
            return seconds + "\n" + perEvent;
        }

        private static Map<String, Double> snapshot() {
            Map<String, Double> out = new LinkedHashMap<>();
            for (String part : PARTS) {
                out.put(part, 0.0);
            }
            long self = ProcessHandle.current().pid();
            ProcessHandle.allProcesses().forEach(h -> {
                String part = h.pid() == self ? "generator" : part(h.info().commandLine().orElse(""));
                if (part != null) {
                    out.merge(part, seconds(h.pid()), Double::sum);
                }
            });
            long[] cpu = machine();
            out.put("busy", cpu[0] / TICKS);
            out.put("idle", cpu[1] / TICKS);
            return out;
        }

        private static String part(String command) {
            for (String service : new String[] {"ingest", "fit", "eval", "predict"}) {
                if (command.contains("/" + service + "-service/")) {
                    return service;
                }
            }
            if (command.contains("kafka.Kafka")) {
                return "kafka";
            }
            return command.contains("postgres") && !command.contains("java") ? "postgres" : null;
        }

        /** A process's user and system CPU seconds, 0 when it ended meanwhile. */
        private static double seconds(long pid) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
            } catch (Exception e) {
                return 0;
            }
        }

        /** The machine's busy (user, nice, system, irq, softirq) and idle (idle, iowait) ticks. */
        private static long[] machine() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long busy = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3])
                        + Long.parseLong(f[6]) + Long.parseLong(f[7]);
                return new long[] {busy, Long.parseLong(f[4]) + Long.parseLong(f[5])};
            } catch (Exception e) {
                return new long[] {0, 0};
            }
        }
    }
}
