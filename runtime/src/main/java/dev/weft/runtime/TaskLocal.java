package dev.weft.runtime;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import java.util.Objects;

/**
 * A value visible to the code a future runs while it is polled, after tokio's
 * {@code task_local!}: {@link #scope(Object, Future)} wraps a future so that every poll of it (on
 * whichever worker) sees the value through {@link #get()}, and {@link #set(Object)} inside it
 * changes the value for the rest of that scope. Adapters use it to carry a caller's context (a
 * Reactor {@code ContextView}, a trace id) into tasks.
 *
 * <pre>{@code
 * static final TaskLocal<String> REQUEST_ID = new TaskLocal<>();
 * runtime.spawn(REQUEST_ID.scope("req-42", handle()));   // inside handle(): REQUEST_ID.get()
 * }</pre>
 *
 * <p><strong>Scope:</strong> the value belongs to the wrapped future, not to a thread: it is
 * installed for the duration of each poll and removed afterwards, so nothing leaks to other tasks
 * on the same worker. Tasks spawned from inside a scope do not inherit it (wrap them too).
 *
 * <p><strong>Thread safety:</strong> {@link #get()} and {@link #set(Object)} act on the scope
 * being polled on the calling thread; a future is polled by one thread at a time, so no further
 * synchronisation is needed.
 *
 * @param <T> the type of the value
 */
public final class TaskLocal<T> {
    private final ThreadLocal<Scope<T, ?>> current = new ThreadLocal<>();

    /** Creates a task-local with no value anywhere yet. */
    public TaskLocal() {}

    /**
     * Wraps the future so that, while it is polled, this local holds {@code value} (or what the
     * future last {@link #set(Object) set}).
     *
     * @param value the value for the scope, not null
     * @param future the future that sees it
     * @param <R> the future's value type
     * @return the wrapped future; cancelling it cancels {@code future}
     * @throws NullPointerException if an argument is null
     */
    public <R> Future<R> scope(T value, Future<R> future) {
        return new Scope<>(this, Objects.requireNonNull(value, "value is null"), Objects.requireNonNull(future, "future is null"));
    }

    /**
     * The value of the scope being polled on this thread.
     *
     * @return the value
     * @throws IllegalStateException if no scope of this local is being polled here
     */
    public T get() {
        Scope<T, ?> s = current.get();
        if (s == null) {
            throw new IllegalStateException("TaskLocal.get() outside a scope of this local; wrap the future with scope()");
        }
        return s.value;
    }

    /**
     * The value of the scope being polled on this thread, or a default.
     *
     * @param otherwise returned when no scope is being polled here
     * @return the value or {@code otherwise}
     */
    public T getOrElse(T otherwise) {
        Scope<T, ?> s = current.get();
        return s == null ? otherwise : s.value;
    }

    /**
     * Replaces the value for the rest of the scope being polled on this thread.
     *
     * @param value the new value, not null
     * @throws IllegalStateException if no scope of this local is being polled here
     * @throws NullPointerException if value is null
     */
    public void set(T value) {
        Objects.requireNonNull(value, "value is null");
        Scope<T, ?> s = current.get();
        if (s == null) {
            throw new IllegalStateException("TaskLocal.set() outside a scope of this local; wrap the future with scope()");
        }
        s.value = value;
    }

    /** The wrapped future: installs itself as the current scope around each poll. */
    private static final class Scope<V, R> implements Future<R> {
        private final TaskLocal<V> local;
        private final Future<R> inner;
        V value;

        Scope(TaskLocal<V> local, V value, Future<R> inner) {
            this.local = local;
            this.value = value;
            this.inner = inner;
        }

        @Override
        public Poll<R> poll(Context cx) {
            Scope<V, ?> outer = local.current.get(); // a nested scope of the same local restores the outer one
            local.current.set(this);
            try {
                return inner.poll(cx);
            } finally {
                if (outer == null) {
                    local.current.remove();
                } else {
                    local.current.set(outer);
                }
            }
        }

        @Override
        public void cancel() {
            inner.cancel();
        }
    }
}
