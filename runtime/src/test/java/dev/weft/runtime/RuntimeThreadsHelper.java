package dev.weft.runtime;

import dev.weft.future.Context;
import dev.weft.future.Poll;
import dev.weft.future.Waker;

/** Reads a finished handle's outcome on the test thread, without a runtime. */
final class RuntimeThreadsHelper {
    private RuntimeThreadsHelper() {}

    static <T> T joinNow(JoinHandle<T> handle) {
        Poll<T> p = handle.poll(Context.of(Waker.noop()));
        if (p.isPending()) {
            throw new AssertionError("the handle is not finished");
        }
        return p.value();
    }
}
