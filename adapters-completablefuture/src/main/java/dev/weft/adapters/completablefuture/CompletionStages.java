package dev.weft.adapters.completablefuture;

import dev.weft.future.Future;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.WeftRuntime;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@link CompletionStage} and {@link CompletableFuture} to and from Weft: await a stage inside a
 * task, and hand a task to code that wants a {@code CompletableFuture}.
 *
 * <pre>{@code
 * HttpClient http = HttpClient.newHttpClient();
 * Future<String> body = Futures.map(
 *         CompletionStages.stageToFuture(http.sendAsync(request, BodyHandlers.ofString())),
 *         HttpResponse::body);
 * CompletableFuture<String> forLegacyCode = CompletionStages.spawnAsCompletableFuture(runtime, body);
 * }</pre>
 *
 * <p><strong>Errors:</strong> a stage that fails makes the Weft future throw the original
 * exception: {@code CompletionException} and {@code ExecutionException} wrappers are removed. In
 * the other direction the {@code CompletableFuture} completes exceptionally with the exception the
 * task threw, unwrapped.
 *
 * <p><strong>Cancellation, both ways:</strong> cancelling the Weft future of a stage cancels the
 * source {@code CompletableFuture} ({@link #stageToFuture}) or leaves it running
 * ({@link #stageToFutureDetached}); either way the abandoned await keeps no reference to the task.
 * Completing, failing or cancelling a {@code CompletableFuture} made here from outside
 * ({@code complete}, {@code obtrudeValue}, {@code cancel}...) aborts the task behind it.
 *
 * <p><strong>Thread safety:</strong> every method is safe from any thread. The futures returned
 * are polled by one task at a time, as every future.
 */
public final class CompletionStages {
    private CompletionStages() {}

    /**
     * A future of the stage's outcome. If the stage is a {@code CompletableFuture} that is
     * already complete, the first poll returns it without registering anything; otherwise the
     * first pending poll registers one callback, and later polls (with the same or a new waker)
     * only update the waker. Cancelling the future cancels the source with
     * {@code toCompletableFuture().cancel(false)}.
     *
     * @param stage the stage to await
     * @param <T> the value type
     * @return the future; it fails with the stage's exception, unwrapped
     * @throws NullPointerException if stage is null
     */
    public static <T> Future<T> stageToFuture(CompletionStage<T> stage) {
        return new StageFuture<>(Objects.requireNonNull(stage, "stage is null"), true);
    }

    /**
     * Like {@link #stageToFuture}, but cancelling the future only stops waiting: the source
     * stage runs on (for work shared with other consumers).
     *
     * @param stage the stage to await
     * @param <T> the value type
     * @return the future
     * @throws NullPointerException if stage is null
     */
    public static <T> Future<T> stageToFutureDetached(CompletionStage<T> stage) {
        return new StageFuture<>(Objects.requireNonNull(stage, "stage is null"), false);
    }

    /**
     * Spawns the future as a task now and returns a {@code CompletableFuture} of its outcome.
     * The task's failure completes it exceptionally with the original exception; an abort (or
     * the runtime's shutdown) cancels it. Completing, failing or cancelling it from outside aborts
     * the task.
     *
     * @param runtime the runtime to spawn on
     * @param future the work
     * @param <T> the value type
     * @return the {@code CompletableFuture} of the task
     * @throws NullPointerException if an argument is null
     */
    public static <T> CompletableFuture<T> spawnAsCompletableFuture(WeftRuntime runtime, Future<T> future) {
        Objects.requireNonNull(runtime, "runtime is null");
        Objects.requireNonNull(future, "future is null");
        CompletableFuture<T> target = new CompletableFuture<>();
        JoinHandle<Void> task = runtime.spawn(new TaskCompletableFuture<>(future, target));
        return TaskCompletableFuture.link(target, task);
    }

    /**
     * The same as {@link #spawnAsCompletableFuture(WeftRuntime, Future)}, with the arguments in
     * conversion order.
     *
     * @param future the work
     * @param runtime the runtime to spawn on
     * @param <T> the value type
     * @return the {@code CompletableFuture} of the task
     * @throws NullPointerException if an argument is null
     */
    public static <T> CompletableFuture<T> futureToCompletableFuture(Future<T> future, WeftRuntime runtime) {
        return spawnAsCompletableFuture(runtime, future);
    }

    /**
     * A {@code CompletableFuture} of a task already spawned. It completes when the task does,
     * with the task's value or exception ({@code CancellationException} if it was aborted).
     * Completing or cancelling it from outside aborts the task.
     *
     * @param handle the task's handle; it must not be awaited elsewhere (a handle has one joiner)
     * @param <T> the value type
     * @return the {@code CompletableFuture} of the task
     * @throws NullPointerException if handle is null
     */
    public static <T> CompletableFuture<T> joinHandleToCompletableFuture(JoinHandle<T> handle) {
        HandleCompletableFuture<T> cf = new HandleCompletableFuture<>(Objects.requireNonNull(handle, "handle is null"));
        cf.wake(); // the first poll registers the handle's waker
        return cf;
    }

    /**
     * Runs the runtime until the stage completes, for synchronous edges (a {@code main}, a test,
     * a blocking API). The same rules as {@link WeftRuntime#blockOn} apply: not on a runtime
     * thread.
     *
     * @param runtime the runtime whose timers and I/O the wait may need
     * @param stage the stage to await
     * @param <T> the value type
     * @return the stage's value
     * @throws NullPointerException if an argument is null
     */
    public static <T> T blockOn(WeftRuntime runtime, CompletionStage<T> stage) {
        Objects.requireNonNull(runtime, "runtime is null");
        return runtime.blockOn(stageToFuture(stage));
    }
}
