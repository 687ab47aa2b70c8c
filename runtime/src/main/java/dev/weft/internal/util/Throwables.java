package dev.weft.internal.util;

import java.util.concurrent.CompletionException;

/** Rethrowing helpers shared by futures and executors. */
public final class Throwables {
    private Throwables() {}

    /**
     * Rethrows {@code t} unchanged, checked or not. Polls cannot declare checked exceptions, yet a
     * failed future must surface its original exception to whoever awaits it.
     */
    public static RuntimeException sneakyThrow(Throwable t) {
        throw Throwables.<RuntimeException>sneaky(t);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }

    /**
     * Rethrows at a synchronous edge (blockOn): unchecked exceptions as they are, checked ones
     * wrapped in a CompletionException, as CompletableFuture.join does, so callers are never
     * handed an undeclared checked exception.
     */
    public static RuntimeException rethrowAtSyncEdge(Throwable t) {
        if (t instanceof RuntimeException) {
            throw (RuntimeException) t;
        }
        if (t instanceof Error) {
            throw (Error) t;
        }
        throw new CompletionException(t);
    }
}
