package io.scalecast.support.worker;

import org.jboss.logging.Logger;

/**
 * A daemon thread that runs a step again and again with a pause between runs, and stops cleanly on shutdown.
 * A failing step is logged and retried after a longer pause, so a database or broker outage never kills the loop.
 */
public final class WorkerLoop {

    private static final Logger LOG = Logger.getLogger(WorkerLoop.class);
    private static final long FAILURE_PAUSE_MILLIS = 1000;

    private final String name;
    private final Runnable step;
    private final long pauseMillis;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param name the thread's name
     * @param step one unit of work; it returns when there is nothing more to do for now
     * @param pauseMillis the pause between steps
     */
    public WorkerLoop(String name, Runnable step, long pauseMillis) {
        this.name = name;
        this.step = step;
        this.pauseMillis = pauseMillis;
    }

    /** Starts the thread. */
    public synchronized void start() {
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the thread, waiting up to {@code millis} for the current step to finish. */
    public synchronized void stop(long millis) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(millis);
        }
    }

    private void loop() {
        while (running) {
            long pause = pauseMillis;
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.warnf("%s failed, retrying: %s", name, e.getMessage());
                pause = FAILURE_PAUSE_MILLIS;
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
