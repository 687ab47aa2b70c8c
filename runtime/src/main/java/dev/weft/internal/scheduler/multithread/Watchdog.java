package dev.weft.internal.scheduler.multithread;

import dev.weft.internal.diagnostics.LongPollEvent;
import dev.weft.internal.util.Undeliverable;
import java.util.concurrent.locks.LockSupport;

/**
 * Reports task polls that run past a threshold (a blocking call on a worker): a daemon thread
 * that looks at every worker's poll start every half threshold, and reports each long poll once,
 * with the worker's stack, to the sink and as a JFR event.
 */
public final class Watchdog {
    /** Where reports go (WeftRuntime turns them into LongPoll objects). */
    public interface Sink {
        void report(String threadName, long runningForNanos, StackTraceElement[] stack);
    }

    private final long thresholdNanos;
    private final Sink sink;
    private volatile boolean stopped;
    private Thread thread;

    public Watchdog(long thresholdNanos, Sink sink) {
        this.thresholdNanos = thresholdNanos;
        this.sink = sink;
    }

    void start(Worker[] workers, String name) {
        thread = new Thread(() -> watch(workers), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void watch(Worker[] workers) {
        long[] reported = new long[workers.length]; // the poll start already reported, per worker
        while (!stopped) {
            LockSupport.parkNanos(this, Math.max(1_000_000L, thresholdNanos / 2));
            long now = System.nanoTime();
            for (int i = 0; i < workers.length; i++) {
                Worker w = workers[i];
                long start = w.pollStartNanos;
                if (start == 0 || start == reported[i] || now - start < thresholdNanos) {
                    continue;
                }
                reported[i] = start;
                StackTraceElement[] stack = w.thread.getStackTrace();
                LongPollEvent e = new LongPollEvent();
                if (e.shouldCommit()) {
                    e.workerThread = w.thread.getName();
                    e.runningFor = now - start;
                    StringBuilder top = new StringBuilder();
                    for (int f = 0; f < Math.min(5, stack.length); f++) {
                        top.append(stack[f]).append('\n');
                    }
                    e.topFrames = top.toString();
                    e.commit();
                }
                try {
                    sink.report(w.thread.getName(), now - start, stack);
                } catch (Throwable t) {
                    Undeliverable.report(t); // a broken reporter must not stop the watchdog
                }
            }
        }
    }

    void stop() {
        stopped = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
