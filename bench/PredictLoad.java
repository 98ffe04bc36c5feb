import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Closed-loop HTTP load: CLIENTS threads each send GET requests back to back to one URL for SECONDS seconds (after
 * a warm-up of the same length), then prints requests per second and latency percentiles. Args: seconds, clients,
 * label, url. Any non-200 answer aborts the run, so a broken endpoint cannot look fast.
 */
public class PredictLoad {

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(args[0]);
        int clients = Integer.parseInt(args[1]);
        String label = args[2];
        URI uri = URI.create(args[3]);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        run(http, uri, clients, seconds);
        long[] latencies = run(http, uri, clients, seconds);
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "%s %.1f %.3f %.3f %.3f%n", label, latencies.length / (double) seconds,
                percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 0.999));
    }

    /** Latencies in nanoseconds of every request completed in the window. */
    private static long[] run(HttpClient http, URI uri, int clients, int seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + System.getenv("SCALECAST_API_KEY")).GET().build();
        List<Future<long[]>> futures = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                long[] own = new long[1 << 16];
                int n = 0;
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new IllegalStateException(uri + " answered " + response.statusCode() + ": "
                                + response.body());
                    }
                    if (n == own.length) {
                        own = Arrays.copyOf(own, n * 2);
                    }
                    own[n++] = System.nanoTime() - t0;
                }
                return Arrays.copyOf(own, n);
            }));
        }
        List<long[]> parts = new ArrayList<>();
        for (Future<long[]> f : futures) {
            parts.add(f.get());
        }
        pool.shutdown();
        return parts.stream().flatMapToLong(Arrays::stream).toArray();
    }

    /** The q-quantile in milliseconds of sorted latencies. */
    private static double percentile(long[] sorted, double q) {
        int i = Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
