package dev.weft.runtime;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;

/** A named task's future: records its name, spawn site and when its last poll ended, for the dump. */
final class NamedFuture<T> implements Future<T> {
    final String name;
    final StackTraceElement[] spawnedAt; // null unless the runtime records spawn sites
    private final Future<T> inner;
    volatile long lastPollEndNanos = System.nanoTime();

    NamedFuture(String name, Future<T> inner, StackTraceElement[] spawnedAt) {
        this.name = name;
        this.inner = inner;
        this.spawnedAt = spawnedAt;
    }

    @Override
    public Poll<T> poll(Context cx) {
        try {
            return inner.poll(cx);
        } finally {
            lastPollEndNanos = System.nanoTime();
        }
    }

    @Override
    public void cancel() {
        inner.cancel();
    }
}
