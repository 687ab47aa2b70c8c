package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Futures;
import dev.weft.testing.NoUndeliverableErrors;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoUndeliverableErrors.class)
class JoinSetTest {

    @Test
    void joinNextYieldsInCompletionOrderNotSpawnOrder() {
        try (WeftRuntime rt = WeftRuntime.builder().currentThread().build(); JoinSet<String> set = new JoinSet<>(rt)) {
            WeftRuntimeTest.Gate<String> slow = new WeftRuntimeTest.Gate<>();
            WeftRuntimeTest.Gate<String> fast = new WeftRuntimeTest.Gate<>();
            set.spawn(slow);
            set.spawn(fast);
            assertEquals(2, set.size());
            fast.open("fast");
            assertEquals("fast", rt.blockOn(set.joinNext()));
            slow.open("slow");
            assertEquals("slow", rt.blockOn(set.joinNext()));
            assertTrue(set.isEmpty());
            NoSuchElementException e = assertThrows(NoSuchElementException.class, () -> rt.blockOn(set.joinNext()));
            assertEquals("JoinSet is empty: nothing to join", e.getMessage());
        }
    }

    @Test
    void joinAllCollectsEveryValue() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build(); JoinSet<Integer> set = new JoinSet<>(rt)) {
            for (int i = 0; i < 1_000; i++) {
                int v = i;
                set.spawn(Futures.lazy(() -> v));
            }
            List<Integer> all = new ArrayList<>(rt.blockOn(set.joinAll()));
            all.sort(null);
            for (int i = 0; i < 1_000; i++) {
                assertEquals(i, all.get(i));
            }
        }
    }

    @Test
    void theFirstFailureOfJoinAllAbortsTheRest() throws Exception {
        try (WeftRuntime rt = WeftRuntime.builder().currentThread().build(); JoinSet<String> set = new JoinSet<>(rt)) {
            WeftRuntimeTest.Gate<String> waiting = new WeftRuntimeTest.Gate<>();
            JoinHandle<String> waitingHandle = set.spawn(waiting);
            IllegalStateException boom = new IllegalStateException("boom");
            set.spawn(Futures.failed(boom));
            assertSame(boom, assertThrows(IllegalStateException.class, () -> rt.blockOn(set.joinAll())));
            assertThrows(CancellationException.class, () -> rt.blockOn(waitingHandle));
            assertEquals(1, waiting.cancels.get());
        }
    }

    @Test
    void closingTheScopeAbortsUnfinishedTasksOnly() {
        try (WeftRuntime rt = WeftRuntime.builder().currentThread().build()) {
            WeftRuntimeTest.Gate<String> unfinished = new WeftRuntimeTest.Gate<>();
            JoinHandle<String> finished;
            JoinHandle<String> aborted;
            try (JoinSet<String> scope = new JoinSet<>(rt)) {
                finished = scope.spawn(Futures.ready("done"));
                aborted = scope.spawn(unfinished);
                rt.blockOn(Futures.yieldNow()); // both tasks get their first poll
            }
            assertEquals("done", rt.blockOn(finished));
            assertThrows(CancellationException.class, () -> rt.blockOn(aborted));
            assertEquals(1, unfinished.cancels.get());
        }
    }

    @Test
    void aNullRuntimeOrFutureIsRejected() {
        assertEquals("runtime is null", assertThrows(NullPointerException.class, () -> new JoinSet<String>(null)).getMessage());
        try (WeftRuntime rt = WeftRuntime.builder().currentThread().build(); JoinSet<String> set = new JoinSet<>(rt)) {
            assertEquals("future is null", assertThrows(NullPointerException.class, () -> set.spawn(null)).getMessage());
        }
    }
}
