package dev.weft.benchmarks;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.WeftRuntime;
import dev.weft.time.Time;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

/**
 * TIMEOUTS: 8 chains on two threads, each doing 125,000 operations one after another, every
 * operation bounded by a 5 s timeout: arm a timer, complete the operation after one hop through
 * the scheduler, disarm the timer. What a server pays for a deadline on every request, where the
 * deadline almost never passes. Weft: {@code Time.timeout} around a future that is pending once
 * (it wakes itself) on two workers; {@code CompletableFuture.orTimeout} completed from a
 * {@code ForkJoinPool(2)}; Netty's {@code EventLoop.schedule} and cancel on two NIO event loops.
 */
final class Timeouts {
    static final int CHAINS = 8;
    static final int PER_CHAIN = 125_000;
    static final long TOTAL = (long) CHAINS * PER_CHAIN;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private Timeouts() {}

    static void run() {
        Harness h = new Harness("TIMEOUTS", "timeouts/s", TOTAL, TOTAL);
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            h.measure("weft", () -> {
                List<JoinHandle<Long>> chains = new ArrayList<>();
                for (int c = 0; c < CHAINS; c++) {
                    chains.add(rt.spawn(new WeftChain()));
                }
                long sum = 0;
                for (long n : rt.blockOn(Futures.joinAll(chains))) {
                    sum += n;
                }
                return sum;
            });
        }
        ForkJoinPool fjp = new ForkJoinPool(2);
        h.measure("cf-orTimeout", () -> {
            CountDownLatch done = new CountDownLatch(CHAINS);
            CfChain[] chains = new CfChain[CHAINS];
            for (int c = 0; c < CHAINS; c++) {
                chains[c] = new CfChain(fjp, done);
                fjp.execute(chains[c]::next);
            }
            return await(done, chains);
        });
        fjp.shutdown();
        MultiThreadIoEventLoopGroup netty = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        h.measure("netty-schedule", () -> {
            CountDownLatch done = new CountDownLatch(CHAINS);
            NettyChain[] chains = new NettyChain[CHAINS];
            for (int c = 0; c < CHAINS; c++) {
                EventLoop loop = (EventLoop) netty.next();
                chains[c] = new NettyChain(loop, done);
                loop.execute(chains[c]::next);
            }
            return await(done, chains);
        });
        netty.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        h.printRatio();
    }

    /** A chain of the peers: counts its completed operations. */
    private abstract static class Chain {
        final CountDownLatch done;
        // Touched by one thread at a time, each step handed on through its executor's queue.
        int completed;

        Chain(CountDownLatch done) {
            this.done = done;
        }
    }

    private static long await(CountDownLatch done, Chain[] chains) throws InterruptedException {
        if (!done.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("a chain stalled (a timeout fired?)");
        }
        long sum = 0;
        for (Chain c : chains) {
            sum += c.completed;
        }
        return sum;
    }

    /** One Weft chain as a state machine: each operation under its own timeout. */
    static final class WeftChain implements Future<Long> {
        private Future<Integer> current;
        private long completed;

        @Override
        public Poll<Long> poll(Context cx) {
            while (completed < PER_CHAIN) {
                if (current == null) {
                    current = Time.timeout(new PendingOnce(), TIMEOUT);
                }
                Poll<Integer> p = current.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                completed += p.value();
                current = null;
            }
            return Poll.ready(completed);
        }
    }

    /** An operation that completes after one hop through the scheduler: it wakes itself once. */
    static final class PendingOnce implements Future<Integer> {
        private boolean polled;

        @Override
        public Poll<Integer> poll(Context cx) {
            if (polled) {
                return Poll.ready(1);
            }
            polled = true;
            cx.waker().wake();
            return Poll.pending();
        }
    }

    /** orTimeout's timer is scheduled on the JDK's shared delay thread and cancelled on completion. */
    static final class CfChain extends Chain {
        private final ForkJoinPool fjp;

        CfChain(ForkJoinPool fjp, CountDownLatch done) {
            super(done);
            this.fjp = fjp;
        }

        void next() {
            if (completed == PER_CHAIN) {
                done.countDown();
                return;
            }
            CompletableFuture<Integer> op = new CompletableFuture<>();
            op.orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).thenAccept(v -> {
                completed += v;
                next();
            });
            fjp.execute(() -> op.complete(1));
        }
    }

    /** The timer is scheduled and cancelled on the chain's own event loop. */
    static final class NettyChain extends Chain {
        private static final Runnable EXPIRED = () -> {
            throw new IllegalStateException("a 5 s timeout fired");
        };
        private final EventLoop loop;

        NettyChain(EventLoop loop, CountDownLatch done) {
            super(done);
            this.loop = loop;
        }

        void next() {
            if (completed == PER_CHAIN) {
                done.countDown();
                return;
            }
            ScheduledFuture<?> timer = loop.schedule(EXPIRED, TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            loop.execute(() -> {
                timer.cancel(false);
                completed++;
                next();
            });
        }
    }
}
