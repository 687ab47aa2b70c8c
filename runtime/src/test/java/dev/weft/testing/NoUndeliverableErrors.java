package dev.weft.testing;

import dev.weft.runtime.WeftHooks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test that sends an error to WeftHooks it did not expect (RxJava's
 * SuppressUndeliverableRule). Tests that expect errors collect them with {@link #take()}.
 */
public final class NoUndeliverableErrors implements BeforeEachCallback, AfterEachCallback {
    private static final List<Throwable> ERRORS = new ArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) {
        synchronized (ERRORS) {
            ERRORS.clear();
        }
        WeftHooks.setErrorHandler(e -> {
            synchronized (ERRORS) {
                ERRORS.add(e);
            }
        });
    }

    @Override
    public void afterEach(ExtensionContext context) {
        WeftHooks.setErrorHandler(null);
        List<Throwable> left = take();
        if (!left.isEmpty()) {
            AssertionError e = new AssertionError(left.size() + " unexpected undeliverable error(s)");
            left.forEach(e::addSuppressed);
            throw e;
        }
    }

    /** Returns and clears the errors reported so far in this test. */
    public static List<Throwable> take() {
        synchronized (ERRORS) {
            List<Throwable> copy = new ArrayList<>(ERRORS);
            ERRORS.clear();
            return copy;
        }
    }
}
