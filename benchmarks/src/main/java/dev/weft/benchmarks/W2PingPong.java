package dev.weft.benchmarks;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.WeftRuntime;
import dev.weft.sync.Mpsc;
import dev.weft.sync.Notify;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.SynchronousQueue;

/**
 * W2: two tasks pass a counter through two bounded channels of capacity 1, 1,000,000 round
 * trips. Also the heap retained by 1,000,000 tasks all waiting on one Notify.
 */
final class W2PingPong {
    static final int N = 1_000_000;
    /** The ping side sums the replies, each its message + 1: 1 + 2 + ... + N. */
    static final long EXPECTED = (long) N * (N + 1) / 2;

    private W2PingPong() {}

    static void w2() throws Exception {
        Harness h = new Harness("W2", "round-trips/s", N, EXPECTED);
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            // Each side written as a Future state machine: what an async fn compiles to in Rust.
            h.measure("weft", () -> {
                Mpsc<Integer> there = Mpsc.bounded(1);
                Mpsc<Integer> back = Mpsc.bounded(1);
                JoinHandle<Void> pong = rt.spawn(new Pong(there, back));
                long sum = rt.blockOn(rt.spawn(new Ping(there, back)));
                rt.blockOn(pong);
                return sum;
            });
            // The same with flatMap chains, as most Java code would write it first.
            h.measure("weft-combinators", () -> {
                Mpsc<Integer> there = Mpsc.bounded(1);
                Mpsc<Integer> back = Mpsc.bounded(1);
                JoinHandle<Void> pong = rt.spawn(pong(there, back));
                long sum = rt.blockOn(rt.spawn(ping(there, back, 0, 0)));
                rt.blockOn(pong);
                return sum;
            });
        }
        h.measure("threads-abq1", () -> threads(new ArrayBlockingQueue<>(1), new ArrayBlockingQueue<>(1), null));
        ExecutorService vts = W1Spawn.virtualThreadExecutor();
        if (vts == null) {
            h.skip("virtual-threads-sq", "this JVM (" + Runtime.version() + ") has no virtual threads; run the jar on JDK 21+");
        } else {
            h.measure("virtual-threads-sq", () -> threads(new SynchronousQueue<>(), new SynchronousQueue<>(), vts));
            vts.shutdown();
        }
        ForkJoinPool fjp = new ForkJoinPool(2);
        h.measure("fjp-cf-hops", () -> new CfPingPong(fjp).run());
        fjp.shutdown();
        h.printRatio();
        notifyHeap();
    }

    /** Sends 0..N-1 there and sums what comes back, then closes `there`: a state machine. */
    static final class Ping implements Future<Long> {
        private final Mpsc.Sender<Integer> tx;
        private final Mpsc.Receiver<Integer> rx;
        private int i;
        private long sum;
        private boolean sent;

        Ping(Mpsc<Integer> there, Mpsc<Integer> back) {
            tx = there.sender();
            rx = back.receiver();
        }

        @Override
        public Poll<Long> poll(Context cx) {
            for (;;) {
                if (i == N) {
                    tx.close();
                    return Poll.ready(sum);
                }
                if (!sent) {
                    if (!tx.trySend(i)) { // the fast path; else wait for room as a sink
                        if (tx.pollReady(cx).isPending()) {
                            return Poll.pending();
                        }
                        tx.startSend(i);
                    }
                    sent = true;
                }
                Poll<Integer> r = rx.pollNext(cx);
                if (r.isPending()) {
                    return Poll.pending();
                }
                sum += r.value();
                i++;
                sent = false;
            }
        }
    }

    /** Replies to every message with message + 1 until `there` ends: a state machine. */
    static final class Pong implements Future<Void> {
        private final Mpsc.Sender<Integer> tx;
        private final Mpsc.Receiver<Integer> rx;
        private Integer reply;

        Pong(Mpsc<Integer> there, Mpsc<Integer> back) {
            tx = back.sender();
            rx = there.receiver();
        }

        @Override
        public Poll<Void> poll(Context cx) {
            for (;;) {
                if (reply == null) {
                    Poll<Integer> r = rx.pollNext(cx);
                    if (r.isPending()) {
                        return Poll.pending();
                    }
                    if (r.value() == null) {
                        return Poll.ready(null);
                    }
                    reply = r.value() + 1;
                }
                if (!tx.trySend(reply)) {
                    if (tx.pollReady(cx).isPending()) {
                        return Poll.pending();
                    }
                    tx.startSend(reply);
                }
                reply = null;
            }
        }
    }

    /** Sends 0..N-1 there, sums what comes back; closes `there` at the end. */
    static Future<Long> ping(Mpsc<Integer> there, Mpsc<Integer> back, int i, long sum) {
        if (i == N) {
            there.sender().close();
            return Futures.ready(sum);
        }
        return Futures.flatMap(there.sender().send(i),
                v -> Futures.flatMap(back.receiver().receive(), r -> ping(there, back, i + 1, sum + r)));
    }

    /** Replies to every message with message + 1 until `there` ends. */
    static Future<Void> pong(Mpsc<Integer> there, Mpsc<Integer> back) {
        return Futures.flatMap(there.receiver().receive(),
                v -> v == null ? Futures.ready(null) : Futures.flatMap(back.sender().send(v + 1), x -> pong(there, back)));
    }

    /** The same exchange between two threads (platform, or virtual if vts is given). */
    static long threads(BlockingQueue<Integer> there, BlockingQueue<Integer> back, ExecutorService vts) throws Exception {
        Runnable pong = () -> {
            try {
                for (int v; (v = there.take()) >= 0; ) {
                    back.put(v + 1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        java.util.concurrent.Future<?> vtPong = null;
        Thread platformPong = null;
        if (vts != null) {
            vtPong = vts.submit(pong);
        } else {
            platformPong = new Thread(pong, "w2-pong");
            platformPong.start();
        }
        java.util.concurrent.Callable<Long> ping = () -> {
            long sum = 0;
            for (int i = 0; i < N; i++) {
                there.put(i);
                sum += back.take();
            }
            there.put(-1);
            return sum;
        };
        long sum = vts != null ? vts.submit(ping).get() : ping.call();
        if (vtPong != null) {
            vtPong.get();
        } else {
            platformPong.join();
        }
        return sum;
    }

    /** Each message is a CompletableFuture.runAsync hop to the other side, on a ForkJoinPool(2). */
    static final class CfPingPong {
        private final ForkJoinPool fjp;
        private final CompletableFuture<Long> done = new CompletableFuture<>();

        CfPingPong(ForkJoinPool fjp) {
            this.fjp = fjp;
        }

        long run() {
            ping(0, 0);
            return done.join();
        }

        private void ping(int i, long sum) {
            if (i == N) {
                done.complete(sum);
                return;
            }
            CompletableFuture.runAsync(() -> pong(i, sum), fjp);
        }

        private void pong(int v, long sum) {
            int reply = v + 1;
            CompletableFuture.runAsync(() -> ping(v + 1, sum + reply), fjp);
        }
    }

    /**
     * The heap 1,000,000 tasks retain while all wait on one Notify: used heap after a full
     * collection with them all parked, minus the same before spawning (the handle array is
     * allocated before the baseline, so it is not counted).
     */
    static void notifyHeap() throws InterruptedException {
        String only = System.getProperty("only");
        if (only != null && !java.util.Arrays.asList(only.split(",")).contains("weft")) {
            return;
        }
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        double[] perTask = new double[3];
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            for (int r = 0; r < perTask.length; r++) {
                Notify notify = new Notify();
                @SuppressWarnings({"unchecked", "rawtypes"})
                JoinHandle<Void>[] handles = new JoinHandle[N];
                long before = usedAfterGc(mem);
                for (int i = 0; i < N; i++) {
                    handles[i] = rt.spawn(notify.notified());
                }
                while (notify.waiting() < N) {
                    Thread.sleep(5); // a benchmark, not a test: wait until every task has parked
                }
                long after = usedAfterGc(mem);
                perTask[r] = (after - before) / (double) N;
                notify.notifyWaiters();
                rt.blockOn(Futures.joinAll(java.util.Arrays.asList(handles)));
            }
        }
        java.util.Arrays.sort(perTask);
        System.out.printf(Locale.ROOT, "RESULT weft W2-notify-heap %.1f bytes/task median=%.1f%n", perTask[0], perTask[1]);
        System.out.printf(Locale.ROOT, "NOTE W2-notify-heap goal: under 150 bytes a task%n");
    }

    private static long usedAfterGc(MemoryMXBean mem) {
        System.gc();
        System.gc();
        return mem.getHeapMemoryUsage().getUsed();
    }
}
