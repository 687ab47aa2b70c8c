package dev.weft.internal.util;

import java.util.function.Consumer;

/**
 * The one place errors go that have no one to receive them: a cancel hook that threw, a waker
 * that threw while the runtime delivered a wake. The public face is dev.weft.runtime.WeftHooks.
 */
public final class Undeliverable {
    private static volatile Consumer<? super Throwable> handler;

    private Undeliverable() {}

    public static void setHandler(Consumer<? super Throwable> h) {
        handler = h;
    }

    public static void report(Throwable error) {
        Consumer<? super Throwable> h = handler;
        if (h != null) {
            try {
                h.accept(error);
                return;
            } catch (Throwable handlerFailure) {
                // A broken handler must not hide the original error: fall through to the thread's.
                error.addSuppressed(handlerFailure);
            }
        }
        Thread t = Thread.currentThread();
        t.getUncaughtExceptionHandler().uncaughtException(t, error);
    }
}
