package dev.weft.benchmarks;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.WeftRuntime;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * W1: spawn 1,000,000 tasks on a 2-worker runtime, each returns its index; await all in order;
 * sum. W1s: the same on a single-thread executor, spawner and tasks on the one thread.
 */
final class W1Spawn {
    static final int N = 1_000_000;
    static final long EXPECTED = (long) N * (N - 1) / 2;

    private W1Spawn() {}

    /** The root task: spawns every task in its first poll, then awaits the handles in order. */
    static final class SpawnAndSum implements Future<Long> {
        private final WeftRuntime rt;
        private JoinHandle<Integer>[] handles;
        private int next;
        private long sum;

        SpawnAndSum(WeftRuntime rt) {
            this.rt = rt;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public Poll<Long> poll(Context cx) {
            if (handles == null) {
                handles = new JoinHandle[N];
                for (int i = 0; i < N; i++) {
                    handles[i] = rt.spawn(new Index(i));
                }
            }
            while (next < N) {
                Poll<Integer> p = handles[next].poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                sum += p.value();
                handles[next++] = null;
            }
            return Poll.ready(sum);
        }
    }

    /** A task that returns its index. */
    static final class Index implements Future<Integer> {
        private final int i;

        Index(int i) {
            this.i = i;
        }

        @Override
        public Poll<Integer> poll(Context cx) {
            return Poll.ready(i);
        }
    }

    static void w1() {
        Harness h = new Harness("W1", "tasks/s", N, EXPECTED);
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            h.measure("weft", () -> rt.blockOn(rt.spawn(new SpawnAndSum(rt))));
        }
        ForkJoinPool fjp = new ForkJoinPool(2);
        h.measure("fjp-cf", () -> fjpSpawnAndSum(fjp));
        fjp.shutdown();
        MultiThreadIoEventLoopGroup netty = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        h.measure("netty-nio", () -> {
            @SuppressWarnings({"unchecked", "rawtypes"})
            io.netty.util.concurrent.Future<Integer>[] fs = new io.netty.util.concurrent.Future[N];
            for (int i = 0; i < N; i++) {
                int v = i;
                EventExecutor e = netty.next();
                fs[i] = e.submit(() -> v);
            }
            long s = 0;
            for (int i = 0; i < N; i++) {
                s += fs[i].syncUninterruptibly().getNow();
                fs[i] = null;
            }
            return s;
        });
        netty.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        ExecutorService vts = virtualThreadExecutor();
        if (vts == null) {
            h.skip("virtual-threads", "this JVM (" + Runtime.version() + ") has no virtual threads; run the jar on JDK 21+");
        } else {
            h.measure("virtual-threads", () -> {
                @SuppressWarnings({"unchecked", "rawtypes"})
                java.util.concurrent.Future<Integer>[] fs = new java.util.concurrent.Future[N];
                for (int i = 0; i < N; i++) {
                    int v = i;
                    fs[i] = vts.submit((Callable<Integer>) () -> v);
                }
                long s = 0;
                for (int i = 0; i < N; i++) {
                    s += fs[i].get();
                    fs[i] = null;
                }
                return s;
            });
            vts.shutdown();
        }
        h.printRatio();
    }

    static void w1s() {
        Harness h = new Harness("W1s", "tasks/s", N, EXPECTED);
        try (WeftRuntime rt = WeftRuntime.builder().currentThread().build()) {
            h.measure("weft", () -> rt.blockOn(new SpawnAndSum(rt)));
        }
        ForkJoinPool fjp = new ForkJoinPool(1);
        h.measure("fjp1-cf", () -> fjpSpawnAndSum(fjp));
        fjp.shutdown();
        h.printRatio();
    }

    /** W1 for ForkJoinPool: the spawner runs inside the pool, so submissions take the local-queue path. */
    static long fjpSpawnAndSum(ForkJoinPool fjp) throws Exception {
        return fjp.submit(() -> {
            @SuppressWarnings({"unchecked", "rawtypes"})
            CompletableFuture<Integer>[] fs = new CompletableFuture[N];
            for (int i = 0; i < N; i++) {
                int v = i;
                fs[i] = CompletableFuture.supplyAsync(() -> v, fjp);
            }
            long s = 0;
            for (int i = 0; i < N; i++) {
                s += fs[i].join();
                fs[i] = null;
            }
            return s;
        }).get();
    }

    /** Executors.newVirtualThreadPerTaskExecutor() where the JVM has it (21+), else null. */
    static ExecutorService virtualThreadExecutor() {
        try {
            return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
