package io.scalecast.cli;

import java.io.PrintStream;
import java.util.Locale;

/** A progress bar on stderr: rows done of the file's, the share, and the rate since the import began. */
final class Progress {

    private static final int WIDTH = 30;

    private final PrintStream err;
    private final String name;
    private final long total;
    private final long from;
    private final long started = System.nanoTime();

    Progress(PrintStream err, String name, long total, long from) {
        this.err = err;
        this.name = name;
        this.total = total;
        this.from = from;
        if (from > 0) {
            err.printf(Locale.ROOT, "%s: resuming after row %,d of %,d%n", name, from, total);
        }
    }

    /** Redraws the bar at {@code row}. */
    void at(long row) {
        double share = total == 0 ? 1 : (double) row / total;
        int filled = (int) Math.round(share * WIDTH);
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        err.printf(Locale.ROOT, "\r%s [%s%s] %3.0f%% %,d/%,d rows, %,.0f rows/s", name, "#".repeat(filled),
                "-".repeat(WIDTH - filled), share * 100, row, total, (row - from) / seconds);
        err.flush();
    }

    /** Ends the bar's line. */
    void done() {
        at(total);
        err.println();
    }
}
