package dev.weft.tck;

import dev.weft.future.Future;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.AsyncStream;
import dev.weft.stream.Streams;
import dev.weft.sync.Oneshot;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The sources and runtimes the verifications share. */
final class Sources {
    private Sources() {}

    /** 0, 1, ..., n - 1, lazily: the TCK asks for up to Long.MAX_VALUE - 1 elements. */
    static AsyncStream<Long> range(long n) {
        return Streams.fromIterable(rangeIterable(n));
    }

    /** The same numbers as a lazy Iterable, for foreign publishers. */
    static Iterable<Long> rangeIterable(long n) {
        return () -> new Iterator<Long>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < n;
            }

            @Override
            public Long next() {
                if (next >= n) {
                    throw new NoSuchElementException();
                }
                return next++;
            }
        };
    }

    static WeftRuntime multiThread() {
        return WeftRuntime.builder().workerThreads(2).threadNamePrefix("tck-weft").build();
    }

    /**
     * A current-thread runtime driven by one thread that sits in blockOn until close(): the
     * current-thread executor runs tasks only inside blockOn.
     */
    static final class DrivenCurrentThread implements AutoCloseable {
        final WeftRuntime runtime = WeftRuntime.builder().currentThread().build();
        private final Oneshot<Boolean> stop = Oneshot.create();
        private final CountDownLatch stopped = new CountDownLatch(1);

        DrivenCurrentThread() {
            Future<Boolean> untilStopped = stop.receiver();
            Thread driver = new Thread(() -> {
                try {
                    runtime.blockOn(untilStopped);
                } finally {
                    stopped.countDown();
                }
            }, "tck-current-thread-driver");
            driver.setDaemon(true);
            driver.start();
        }

        @Override
        public void close() {
            stop.send(true);
            try {
                stopped.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            runtime.close();
        }
    }

    /**
     * A publisher in error state for the TCK: it cannot make its stream, so it refuses every
     * subscriber with onSubscribe then onError (rule 1.9) without waiting for demand. (A stream
     * that fails when polled is polled only once the subscriber requests, as backpressure
     * requires, so it would not serve here.)
     */
    static <T> org.reactivestreams.Publisher<T> failed(WeftRuntime runtime) {
        return dev.weft.adapters.reactivestreams.ReactiveStreams.deferredStreamToPublisher(() -> {
            throw new IllegalStateException("no stream can be made");
        }, runtime);
    }
}
