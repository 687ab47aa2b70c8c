package dev.weft.runtime;

import dev.weft.future.Waker;
import dev.weft.internal.util.Undeliverable;
import dev.weft.internal.wake.Wakers;
import java.util.function.Consumer;

/**
 * The one documented place for errors that have no one to receive them, like
 * {@code RxJavaPlugins.onError} or Reactor's {@code Hooks.onErrorDropped}.
 *
 * <p>The runtime reports here: an exception thrown by a future's {@code cancel()} during abort,
 * shutdown or a combinator's cleanup; an exception thrown by a waker the runtime invoked. The
 * adapters report here errors that arrive after cancellation or after a terminal signal. A task's
 * own failure is not reported here: it is delivered to whoever awaits its {@link JoinHandle}.
 *
 * <p>By default an error is passed to the current thread's uncaught exception handler (which
 * prints it), so nothing is lost silently.
 *
 * <p><strong>Thread safety:</strong> all methods are safe from any thread; the handler may be
 * called on any thread, concurrently.
 */
public final class WeftHooks {
    private WeftHooks() {}

    /**
     * Installs the handler for undeliverable errors, replacing the previous one.
     *
     * @param handler receives each undeliverable error; {@code null} restores the default. If the
     *     handler itself throws, its exception is added as suppressed to the error, which then
     *     goes to the thread's uncaught exception handler.
     */
    public static void setErrorHandler(Consumer<? super Throwable> handler) {
        Undeliverable.setHandler(handler);
    }

    /**
     * Reports an error that cannot be delivered to its subscriber or awaiter.
     *
     * @param error the error
     * @throws NullPointerException "error is null"
     */
    public static void onUndeliverableError(Throwable error) {
        if (error == null) {
            throw new NullPointerException("error is null");
        }
        Undeliverable.report(error);
    }

    /**
     * Wakes {@code waker} the way the runtime does: if the waker throws, the error goes to the
     * handler above and this call returns normally. For adapter code that wakes a poller from a
     * foreign callback ({@code onNext}, a {@code CompletableFuture} completion), where a throw
     * would break the caller's contract (Reactive Streams rule 2.13) or strand other waiters.
     *
     * @param waker the waker to wake
     * @throws NullPointerException "waker is null"
     */
    public static void wakeOrReport(Waker waker) {
        if (waker == null) {
            throw new NullPointerException("waker is null");
        }
        Wakers.wake(waker);
    }
}
