package io.scalecast.fit.service;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Threads that fit at a lower operating-system priority (a higher nice value, Linux): when the machine is full, the
 * consumers that store the stream come first and the refits use what is left, instead of taking a processor whatever
 * the load (docs/benchmarks.md, load). Where the priority cannot be lowered the threads run as usual.
 */
public final class LowPriorityThreads {

    private static final Logger LOG = Logger.getLogger(LowPriorityThreads.class);
    private static final AtomicBoolean WARNED = new AtomicBoolean();

    private LowPriorityThreads() {
    }

    /** A pool whose workers run at {@code nice}; parallel streams of a task run in it run there too. */
    public static ForkJoinPool forkJoinPool(String name, int parallelism, int nice) {
        AtomicInteger count = new AtomicInteger();
        return new ForkJoinPool(parallelism, pool -> {
            ForkJoinWorkerThread t = new ForkJoinWorkerThread(pool) {
                @Override
                protected void onStart() {
                    super.onStart();
                    lowerCurrent(nice);
                }
            };
            t.setName(name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    /** Sets the calling thread's nice value to {@code nice} (0 leaves it); logs once when it cannot. */
    public static void lowerCurrent(int nice) {
        // A thread started by a lowered thread inherits its nice value: nothing left to do (and renice's -n is
        // relative in some versions, where a second call would lower it twice).
        if (nice <= 0 || currentNice() >= nice) {
            return;
        }
        try {
            // The thread's own id: /proc/thread-self links to <pid>/task/<tid>.
            Path self = Files.readSymbolicLink(Path.of("/proc/thread-self"));
            String tid = self.getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(nice), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(5, TimeUnit.SECONDS) || renice.exitValue() != 0) {
                warnOnce("renice exited with " + (renice.isAlive() ? "a timeout" : renice.exitValue()));
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            warnOnce(e.toString());
        }
    }

    /** The calling thread's nice value (Linux), or 0 when it cannot be read. */
    static int currentNice() {
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/stat"));
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        } catch (Exception e) {
            return 0;
        }
    }

    private static void warnOnce(String why) {
        if (WARNED.compareAndSet(false, true)) {
            LOG.infof("refits run at the usual priority, as it cannot be lowered here (%s)", why);
        }
    }
}
