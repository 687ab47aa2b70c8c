package dev.weft.benchmarks;

import dev.weft.adapters.completablefuture.CompletionStages;
import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.runtime.WeftRuntime;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.function.IntFunction;

/**
 * Issue 5's benchmark: a task awaits 1,000,000 CompletionStages one after another and sums their
 * values, against a CompletableFuture.thenCompose chain doing the same. STAGES-done uses stages
 * that are already complete; STAGES-later uses stages completed by a ForkJoinPool(2) thread
 * (supplyAsync), created as the loop reaches them.
 */
final class StagesAwait {
    static final int N = 1_000_000;
    static final long EXPECTED = (long) N * (N - 1) / 2;

    private StagesAwait() {}

    static void run(String workload) {
        ForkJoinPool fjp = new ForkJoinPool(2);
        IntFunction<CompletableFuture<Integer>> source = workload.equals("STAGES-done")
                ? CompletableFuture::completedFuture
                : i -> CompletableFuture.supplyAsync(() -> i, fjp);
        Harness h = new Harness(workload, "awaits/s", N, EXPECTED);
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            h.measure("weft", () -> rt.blockOn(rt.spawn(new AwaitLoop(source))));
            h.measure("weft-combinators", () -> rt.blockOn(rt.spawn(awaitLoop(source, 0, 0))));
        }
        h.measure("cf-thenCompose", () -> {
            CompletableFuture<Long> chain = CompletableFuture.completedFuture(0L);
            for (int i = 0; i < N; i++) {
                int k = i;
                chain = chain.thenCompose(sum -> source.apply(k).thenApply(v -> sum + v));
            }
            return chain.join();
        });
        fjp.shutdown();
        h.printRatio();
    }

    /** The loop as a state machine: one task, one stage awaited at a time. */
    static final class AwaitLoop implements Future<Long> {
        private final IntFunction<CompletableFuture<Integer>> source;
        private Future<Integer> current;
        private int i;
        private long sum;

        AwaitLoop(IntFunction<CompletableFuture<Integer>> source) {
            this.source = source;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            for (;;) {
                if (i == N) {
                    return Poll.ready(sum);
                }
                if (current == null) {
                    current = CompletionStages.stageToFuture(source.apply(i));
                }
                Poll<Integer> p = current.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                sum += p.value();
                current = null;
                i++;
            }
        }
    }

    /** The same loop as a flatMap recursion (stack-safe in Weft). */
    static Future<Long> awaitLoop(IntFunction<CompletableFuture<Integer>> source, int i, long sum) {
        if (i == N) {
            return Futures.ready(sum);
        }
        return Futures.flatMap(CompletionStages.stageToFuture(source.apply(i)), v -> awaitLoop(source, i + 1, sum + v));
    }
}
