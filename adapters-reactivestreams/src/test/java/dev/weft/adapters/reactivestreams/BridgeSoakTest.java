package dev.weft.adapters.reactivestreams;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.AsyncStream;
import dev.weft.stream.Streams;
import java.util.Iterator;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;

/** Issue 10: 100,000,000 items through both bridges in constant memory. */
class BridgeSoakTest {
    static final long N = 100_000_000L;

    static long usedAfterGc() {
        System.gc();
        System.gc();
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void aHundredMillionItemsThroughPublisherAndStreamBridgesInConstantMemory() {
        long[] heapAt = new long[2];
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            Iterable<Long> numbers = () -> new Iterator<>() {
                private long next;

                @Override
                public boolean hasNext() {
                    return next < N;
                }

                @Override
                public Long next() {
                    return next++;
                }
            };
            // stream -> publisher -> stream, consumed by a fold that samples the heap twice.
            Publisher<Long> published = ReactiveStreams.deferredStreamToPublisher(() -> Streams.fromIterable(numbers), rt);
            AsyncStream<Long> back = Streams.map(ReactiveStreams.publisherToStream(published), v -> {
                if (v == 10_000_000L) {
                    heapAt[0] = usedAfterGc();
                } else if (v == 90_000_000L) {
                    heapAt[1] = usedAfterGc();
                }
                return v;
            });
            long count = rt.blockOn(Streams.fold(back, 0L, (n, v) -> n + 1));
            assertEquals(N, count);
        }
        long growth = heapAt[1] - heapAt[0];
        System.out.printf("bridge soak: %d items; heap after GC at item 10M: %d KiB, at item 90M: %d KiB%n",
                N, heapAt[0] >> 10, heapAt[1] >> 10);
        assertTrue(growth < 16L << 20, "heap grew by " + (growth >> 20) + " MiB between item 10M and 90M");
    }
}
