package dev.weft.examples;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.JoinSet;
import dev.weft.runtime.WeftRuntime;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * Tasks on their own: spawns tasks on a Weft runtime and prints what they did.
 *
 * <p>Eight tasks count primes in ranges of different sizes, as hand-written state machines that
 * yield to the executor between chunks of work, so all eight run interleaved on two workers and
 * the JoinSet hands them back in completion order, not spawn order. A blocking call runs on the blocking pool meanwhile, one task is
 * aborted mid-way, and the runtime shuts down cleanly at the end.
 */
public final class TasksDemo {
    private TasksDemo() {}

    public static void main(String[] args) {
        run(System.out);
    }

    /** Counts primes below {@code limit}, checking 2,000 numbers per poll, then yielding. */
    static final class PrimeCount implements Future<long[]> {
        private final long limit;
        private long next = 2;
        private long count;
        private int polls;

        PrimeCount(long limit) {
            this.limit = limit;
        }

        @Override
        public Poll<long[]> poll(Context cx) {
            polls++;
            long end = Math.min(limit, next + 2_000);
            for (; next < end; next++) {
                if (isPrime(next)) {
                    count++;
                }
            }
            if (next >= limit) {
                return Poll.ready(new long[] {limit, count, polls});
            }
            cx.waker().wake(); // more to do: ask to be polled again, after the others
            return Poll.pending();
        }

        private static boolean isPrime(long n) {
            for (long d = 2; d * d <= n; d++) {
                if (n % d == 0) {
                    return false;
                }
            }
            return true;
        }
    }

    static void run(PrintStream out) {
        long started = System.nanoTime();
        out.println("Weft demo: a poll-based runtime with 2 workers");
        WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build();
        long[] limits = {400_000, 50_000, 200_000, 10_000, 300_000, 100_000, 20_000, 150_000};
        try (JoinSet<long[]> set = new JoinSet<>(rt)) {
            for (long limit : limits) {
                set.spawn(new PrimeCount(limit));
            }
            out.printf("spawned %d prime-counting tasks that yield every 2,000 numbers; in completion order:%n", limits.length);

            JoinHandle<String> blocking = rt.spawnBlocking(() -> {
                Thread.sleep(20); // a blocking call, kept off the workers
                return Thread.currentThread().getName();
            });
            JoinHandle<long[]> doomed = rt.spawn(new PrimeCount(50_000_000));

            while (!set.isEmpty()) {
                long[] r = rt.blockOn(set.joinNext());
                out.printf("  primes below %,9d: %,6d  (%d polls)%n", r[0], r[1], r[2]);
            }
            out.printf("blocking call ran on thread %s%n", rt.blockOn(blocking));

            doomed.abort();
            try {
                rt.blockOn(doomed);
            } catch (java.util.concurrent.CancellationException e) {
                out.printf("aborted a long task: its handle says \"%s\"%n", e.getMessage());
            }

            // Structured fan-out: a JoinSet as a scope, joined in completion order.
            List<Integer> squares = rt.blockOn(Futures.joinAll(List.of(
                    rt.spawn(Futures.lazy(() -> 1)), rt.spawn(Futures.lazy(() -> 4)), rt.spawn(Futures.lazy(() -> 9)))));
            out.printf("joinAll of three tasks: %s%n", squares);
        }
        boolean clean = rt.shutdown(Duration.ofSeconds(5));
        out.printf("shutdown %s in %.1f ms total%n", clean ? "clean: every runtime thread ended" : "TIMED OUT",
                (System.nanoTime() - started) / 1e6);
    }
}
