package dev.weft.adapters.completablefuture;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Reading a CompletableFuture's outcome the way a Weft future reports it. */
final class Outcomes {
    private Outcomes() {}

    /** The value, or the failure unwrapped and rethrown as it was thrown (even if checked). */
    static <T> T join(CompletableFuture<T> cf) {
        try {
            return cf.join();
        } catch (CompletionException e) {
            throw sneakyThrow(unwrap(e));
        }
    }

    /**
     * The exception the user threw: CompletableFuture wraps it in CompletionException (and
     * Future.get in ExecutionException) on its way through dependent stages.
     */
    static Throwable unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @SuppressWarnings("unchecked")
    static <E extends Throwable> RuntimeException sneakyThrow(Throwable t) throws E {
        throw (E) t;
    }
}
