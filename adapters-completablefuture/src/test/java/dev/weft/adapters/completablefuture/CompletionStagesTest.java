package dev.weft.adapters.completablefuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.WeftRuntime;
import dev.weft.testing.CountingWaker;
import dev.weft.testing.MockTask;
import dev.weft.testing.ProbeFuture;
import dev.weft.testing.NoUndeliverableErrors;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoUndeliverableErrors.class)
class CompletionStagesTest {
    private final WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build();

    @AfterEach
    void close() {
        rt.close();
    }

    static void await(CountDownLatch latch, String what) throws InterruptedException {
        ProbeFuture.await(latch, what);
    }

    static void collectUntilCleared(WeakReference<?> ref, String what) {
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
        }
        assertNull(ref.get(), what + " is still reachable");
    }

    // ---- stage -> Weft future

    @Test
    void aCompletedStageIsReadyOnTheFirstPollWithoutACallback() {
        CompletableFuture<String> cf = CompletableFuture.completedFuture("done");
        assertEquals("done", MockTask.of(CompletionStages.stageToFuture(cf)).pollReady());
        assertEquals(0, cf.getNumberOfDependents());
    }

    @Test
    void registersOneCallbackAndWakesTheLatestWaker() {
        CompletableFuture<Integer> cf = new CompletableFuture<>();
        Future<Integer> f = CompletionStages.stageToFuture(cf);
        CountingWaker first = new CountingWaker();
        CountingWaker second = new CountingWaker();
        assertTrue(f.poll(Context.of(first)).isPending());
        assertTrue(f.poll(Context.of(second)).isPending(), "a re-poll with a new waker");
        assertEquals(1, cf.getNumberOfDependents(), "one callback, however many polls");
        cf.complete(7);
        assertTrue(second.isWoken());
        assertEquals(7, f.poll(Context.of(second)).value());
        assertThrows(IllegalStateException.class, () -> f.poll(Context.of(second)));
    }

    @Test
    void failuresAreUnwrapped() {
        IOException io = new IOException("disk");
        CompletableFuture<String> direct = new CompletableFuture<>();
        direct.completeExceptionally(new CompletionException(io));
        assertSame(io, assertThrows(IOException.class, () -> MockTask.of(CompletionStages.stageToFuture(direct)).poll()));

        CompletableFuture<String> source = new CompletableFuture<>();
        CompletableFuture<String> dependent = source.thenApply(s -> s); // wraps in CompletionException
        MockTask<String> t = MockTask.of(CompletionStages.stageToFuture(dependent));
        t.pollPending();
        source.completeExceptionally(io);
        assertSame(io, assertThrows(IOException.class, t::poll));

        CompletableFuture<String> viaGet = CompletableFuture.failedFuture(new ExecutionException(io));
        assertSame(io, assertThrows(IOException.class, () -> MockTask.of(CompletionStages.stageToFuture(viaGet)).poll()));
    }

    @Test
    void cancellingTheFutureCancelsTheSourceUnlessDetached() {
        CompletableFuture<String> cf = new CompletableFuture<>();
        Future<String> f = CompletionStages.stageToFuture(cf);
        MockTask.of(f).pollPending();
        f.cancel();
        assertTrue(cf.isCancelled());

        CompletableFuture<String> shared = new CompletableFuture<>();
        Future<String> detached = CompletionStages.stageToFutureDetached(shared);
        MockTask.of(detached).pollPending();
        detached.cancel();
        assertFalse(shared.isDone(), "a detached await leaves the source running");
        shared.complete("later"); // the callback finds no waker and does nothing
    }

    @Test
    void anAbandonedAwaitKeepsNoReferenceToTheTask() {
        CompletableFuture<String> shared = new CompletableFuture<>();
        Future<String> detached = CompletionStages.stageToFutureDetached(shared);
        CountingWaker task = new CountingWaker();
        detached.poll(Context.of(task));
        WeakReference<CountingWaker> ref = new WeakReference<>(task);
        task = null;
        detached.cancel();
        collectUntilCleared(ref, "the waker of a cancelled await");
        assertFalse(shared.isDone());
    }

    @Test
    void thousandsOfAwaitsCompletedFromManyThreads() throws Exception {
        int n = 5_000;
        List<CompletableFuture<Integer>> stages = new ArrayList<>();
        List<JoinHandle<Integer>> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            CompletableFuture<Integer> cf = new CompletableFuture<>();
            stages.add(cf);
            tasks.add(rt.spawn(Futures.map(CompletionStages.stageToFuture(cf), v -> v * 2)));
        }
        List<Thread> completers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int start = t;
            Thread th = new Thread(() -> {
                for (int i = start; i < n; i += 4) {
                    stages.get(i).complete(i);
                }
            });
            completers.add(th);
            th.start();
        }
        for (Thread th : completers) {
            th.join();
        }
        long sum = 0;
        for (int v : rt.blockOn(Futures.joinAll(tasks))) {
            sum += v;
        }
        assertEquals((long) n * (n - 1), sum);
    }

    @Test
    void blockOnAStage() {
        CompletableFuture<String> cf = CompletableFuture.supplyAsync(() -> "edge");
        assertEquals("edge", CompletionStages.blockOn(rt, cf));
    }

    // ---- Weft future -> CompletableFuture

    @Test
    void theTaskStartsAtOnceAndCompletesTheCompletableFuture() throws Exception {
        CompletableFuture<Integer> cf = CompletionStages.spawnAsCompletableFuture(rt, Futures.lazy(() -> 41 + 1));
        assertEquals(42, cf.get(10, TimeUnit.SECONDS));
        assertEquals(42, CompletionStages.futureToCompletableFuture(Futures.ready(42), rt).get(10, TimeUnit.SECONDS));
    }

    @Test
    void theTasksFailureIsTheOriginalException() {
        IOException io = new IOException("boom");
        CompletableFuture<Integer> cf = CompletionStages.spawnAsCompletableFuture(rt, Futures.failed(io));
        assertSame(io, cf.handle((v, t) -> t).join());
        ExecutionException e = assertThrows(ExecutionException.class, () -> cf.get(10, TimeUnit.SECONDS));
        assertSame(io, e.getCause());
    }

    @Test
    void cancellingTheCompletableFutureWhileTheTaskWaitsAbortsIt() throws Exception {
        ProbeFuture<String> work = new ProbeFuture<>();
        CompletableFuture<String> cf = CompletionStages.spawnAsCompletableFuture(rt, work);
        await(work.polled, "the first poll");
        assertTrue(cf.cancel(true));
        await(work.cancelled, "the task's cancel");
        assertEquals(1, work.cancels.get());
    }

    @Test
    void completingOrObtrudingFromOutsideAbortsTheTask() throws Exception {
        ProbeFuture<String> completed = new ProbeFuture<>();
        CompletableFuture<String> a = CompletionStages.spawnAsCompletableFuture(rt, completed);
        await(completed.polled, "the first poll");
        a.complete("from outside");
        await(completed.cancelled, "abort after complete()");

        ProbeFuture<String> obtruded = new ProbeFuture<>();
        CompletableFuture<String> b = CompletionStages.spawnAsCompletableFuture(rt, obtruded);
        await(obtruded.polled, "the first poll");
        b.obtrudeValue("forced");
        await(obtruded.cancelled, "abort after obtrudeValue()");
        assertEquals("forced", b.join());
    }

    @Test
    void cancellingBeforeTheTaskRunsMeansItNeverPollsTheWork() throws Exception {
        try (WeftRuntime ct = WeftRuntime.builder().currentThread().build()) {
            ProbeFuture<String> work = new ProbeFuture<>();
            CompletableFuture<String> cf = CompletionStages.spawnAsCompletableFuture(ct, work);
            cf.cancel(false); // the current-thread runtime has not run anything yet
            ct.blockOn(Futures.yieldNow());
            await(work.cancelled, "the task's cancel");
            assertEquals(1, work.polled.getCount(), "never polled");
        }
    }

    @Test
    void cancellingAfterCompletionChangesNothing() throws Exception {
        AtomicInteger cancels = new AtomicInteger();
        Future<String> work = new Future<>() {
            @Override
            public Poll<String> poll(Context cx) {
                return Poll.ready("v");
            }

            @Override
            public void cancel() {
                cancels.incrementAndGet();
            }
        };
        CompletableFuture<String> cf = CompletionStages.spawnAsCompletableFuture(rt, work);
        assertEquals("v", cf.get(10, TimeUnit.SECONDS));
        assertFalse(cf.cancel(true));
        assertEquals("v", cf.join());
        assertEquals(0, cancels.get());
    }

    @Test
    void shutdownCancelsTheCompletableFutureSoNobodyWaitsForever() {
        WeftRuntime doomed = WeftRuntime.builder().workerThreads(1).build();
        CompletableFuture<String> cf = CompletionStages.spawnAsCompletableFuture(doomed, new ProbeFuture<>());
        doomed.close();
        assertThrows(CancellationException.class, () -> cf.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aFinishedTaskIsNotKeptAliveByItsCompletableFuture() throws Exception {
        Future<String> work = Futures.lazy(() -> "v");
        WeakReference<Future<String>> ref = new WeakReference<>(work);
        CompletableFuture<String> cf = CompletionStages.spawnAsCompletableFuture(rt, work);
        work = null;
        assertEquals("v", cf.get(10, TimeUnit.SECONDS));
        collectUntilCleared(ref, "the work of a finished task");
        assertEquals("v", cf.join());
    }

    // ---- JoinHandle -> CompletableFuture

    @Test
    void aJoinHandleBecomesACompletableFuture() throws Exception {
        JoinHandle<Integer> h = rt.spawn(Futures.lazy(() -> 5));
        assertEquals(5, CompletionStages.joinHandleToCompletableFuture(h).get(10, TimeUnit.SECONDS));

        ProbeFuture<Integer> work = new ProbeFuture<>();
        JoinHandle<Integer> aborted = rt.spawn(work);
        CompletableFuture<Integer> cf = CompletionStages.joinHandleToCompletableFuture(aborted);
        await(work.polled, "the first poll");
        aborted.abort();
        // An aborted task's CancellationException makes the CompletableFuture cancelled, as usual.
        assertThrows(CancellationException.class, () -> cf.get(10, TimeUnit.SECONDS));
        assertTrue(cf.isCancelled());
    }

    @Test
    void cancellingTheHandlesCompletableFutureAbortsTheTask() throws Exception {
        ProbeFuture<Integer> work = new ProbeFuture<>();
        JoinHandle<Integer> h = rt.spawn(work);
        CompletableFuture<Integer> cf = CompletionStages.joinHandleToCompletableFuture(h);
        await(work.polled, "the first poll");
        cf.cancel(false);
        await(work.cancelled, "the task's cancel");
    }

    @Test
    void badInput() {
        assertThrows(NullPointerException.class, () -> CompletionStages.stageToFuture(null));
        assertThrows(NullPointerException.class, () -> CompletionStages.stageToFutureDetached(null));
        assertThrows(NullPointerException.class, () -> CompletionStages.spawnAsCompletableFuture(null, Futures.ready(1)));
        assertThrows(NullPointerException.class, () -> CompletionStages.spawnAsCompletableFuture(rt, null));
        assertThrows(NullPointerException.class, () -> CompletionStages.joinHandleToCompletableFuture(null));
        assertThrows(NullPointerException.class, () -> CompletionStages.blockOn(rt, null));
        MockTask<Integer> t = MockTask.of(CompletionStages.stageToFuture(CompletableFuture.completedFuture(1)));
        t.pollReady();
        assertThrows(IllegalStateException.class, t::poll);
    }
}
