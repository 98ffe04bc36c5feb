package io.scalecast.support.dirty;

import io.scalecast.support.worker.WorkerLoop;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The debouncer of a service's dirty families: on its own thread, every {@code poll}, asks for the families due and
 * hands each to a pool that refits several at once, never one family twice at the same time. A refit that throws
 * leaves its family dirty, so the next pass retries it once the cause (often the database) is gone.
 *
 * @param <T> the service's row
 */
public final class DebounceLoop<T extends DirtyFamily> {

    /** This process, as a refit records who fitted it (fit history, map history): process id and host. */
    public static final String INSTANCE = ManagementFactory.getRuntimeMXBean().getName();

    private static final Logger LOG = Logger.getLogger(DebounceLoop.class);

    private final Supplier<List<T>> due;
    private final Consumer<T> refit;
    private final Listener listener;
    private final WorkerLoop worker;
    private final ExecutorService pool;
    /** Families queued or being refitted, by row id. */
    private final Set<Long> inFlight = ConcurrentHashMap.newKeySet();

    /**
     * @param name the loop's thread name, and its pool threads' prefix
     * @param due the families due now (read in a transaction of its own)
     * @param refit refits one family
     * @param threads how many families are refitted at once
     */
    public DebounceLoop(String name, long pollMillis, int threads, Supplier<List<T>> due, Consumer<T> refit,
                        Listener listener) {
        this.due = due;
        this.refit = refit;
        this.listener = listener;
        this.worker = new WorkerLoop(name, this::refitDue, pollMillis);
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** What a service learns of its queue: a family handed to the pool, a pool thread taking one. */
    public interface Listener {

        /** Tells nothing. */
        Listener NONE = new Listener() {
        };

        default void queued() {
        }

        default void started() {
        }
    }

    public void start() {
        worker.start();
    }

    public void stop() throws InterruptedException {
        worker.stop(10_000);
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void refitDue() {
        for (T state : due.get()) {
            if (inFlight.add(state.id)) {
                listener.queued();
                pool.execute(() -> refit(state));
            }
        }
    }

    private void refit(T state) {
        listener.started();
        try {
            refit.accept(state);
        } catch (RuntimeException e) {
            LOG.warnf(e, "refit of %s/%s failed; it stays due", state.lab, state.family);
        } finally {
            inFlight.remove(state.id);
        }
    }
}
