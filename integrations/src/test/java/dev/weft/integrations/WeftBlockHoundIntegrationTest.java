package dev.weft.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Futures;
import dev.weft.runtime.WeftRuntime;
import dev.weft.sync.Mpsc;
import dev.weft.time.Time;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.blockhound.BlockingOperationError;

class WeftBlockHoundIntegrationTest {
    @BeforeAll
    static void install() {
        BlockHound.install(); // finds WeftBlockHoundIntegration through the ServiceLoader
    }

    @Test
    void aBlockingCallInsideATaskIsCaught() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            BlockingOperationError e = assertThrows(BlockingOperationError.class, () -> rt.blockOn(rt.spawn(Futures.lazy(() -> {
                try {
                    Thread.sleep(1); // a blocking call on a worker
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
                return null;
            }))));
            assertTrue(e.getMessage().contains("sleep"), e.getMessage());
        }
    }

    @Test
    void theRuntimesOwnWaitsAndTheBlockingPoolAreAllowed() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            // Timers, idle parking, channels across tasks, and blocking work on the blocking pool.
            Mpsc<Integer> ch = Mpsc.bounded(1);
            rt.spawn(Futures.flatMap(Time.sleep(Duration.ofMillis(20)), v -> ch.sender().send(7)));
            assertEquals(7, rt.blockOn(rt.spawn(ch.receiver().receive())));
            assertEquals("slept", rt.blockOn(rt.spawnBlocking(() -> {
                Thread.sleep(1);
                return "slept";
            })));
        }
    }
}
