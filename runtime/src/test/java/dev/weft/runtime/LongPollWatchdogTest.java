package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Futures;
import dev.weft.testing.ProbeFuture;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LongPollWatchdogTest {
    /** A poll that blocks its worker until released: what the watchdog is for. */
    static void blockUntil(CountDownLatch release) {
        try {
            release.await(); // a blocking call on a worker, on purpose
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aPollThatBlocksItsWorkerIsReportedOnceWithTheWorkersStack() throws Exception {
        List<LongPoll> reports = new CopyOnWriteArrayList<>();
        CountDownLatch reported = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2)
                .longPollWatchdog(Duration.ofMillis(50), r -> {
                    reports.add(r);
                    reported.countDown();
                }).build()) {
            JoinHandle<Object> blocker = rt.spawn(Futures.lazy(() -> {
                blockUntil(release);
                return null;
            }));
            ProbeFuture.await(reported, "the long-poll report");
            release.countDown();
            rt.blockOn(blocker);
            // Short polls are never reported.
            rt.blockOn(Futures.joinAll(java.util.stream.IntStream.range(0, 100)
                    .mapToObj(i -> rt.spawn(Futures.lazy(() -> i))).toList()));
        }
        assertEquals(1, reports.size(), "one report per long poll: " + reports);
        LongPoll r = reports.get(0);
        assertTrue(r.threadName().contains("-worker-"), r.threadName());
        assertTrue(r.runningFor().toMillis() >= 50, r.toString());
        assertTrue(Arrays.stream(r.stack()).anyMatch(f -> f.getMethodName().equals("blockUntil")),
                "the stack points at the blocking call: " + r);
    }

    @Test
    void longPollsAndParksAreJfrEventsWhenEnabled() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("weft", ".jfr");
        try (jdk.jfr.Recording recording = new jdk.jfr.Recording()) {
            recording.enable("dev.weft.LongPoll");
            recording.enable("dev.weft.WorkerPark");
            recording.start();
            CountDownLatch reported = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2)
                    .longPollWatchdog(Duration.ofMillis(30), r -> reported.countDown()).build()) {
                JoinHandle<Object> blocker = rt.spawn(Futures.lazy(() -> {
                    blockUntil(release);
                    return null;
                }));
                ProbeFuture.await(reported, "the long-poll report");
                release.countDown();
                rt.blockOn(blocker);
            }
            recording.stop();
            recording.dump(file);
        }
        List<String> names = jdk.jfr.consumer.RecordingFile.readAllEvents(file).stream()
                .map(e -> e.getEventType().getName()).distinct().toList();
        java.nio.file.Files.deleteIfExists(file);
        assertTrue(names.contains("dev.weft.LongPoll"), "recorded: " + names);
        assertTrue(names.contains("dev.weft.WorkerPark"), "recorded: " + names);
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class,
                () -> WeftRuntime.builder().longPollWatchdog(Duration.ZERO, r -> {}));
        assertThrows(NullPointerException.class,
                () -> WeftRuntime.builder().longPollWatchdog(Duration.ofMillis(1), null));
    }
}
