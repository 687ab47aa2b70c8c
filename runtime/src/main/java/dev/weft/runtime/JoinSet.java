package dev.weft.runtime;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.FutureSet;
import dev.weft.future.Poll;
import dev.weft.internal.util.Checks;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A group of tasks awaited as they finish, and a scope: closing the set aborts the tasks that
 * have not finished, so no task outlives the block that spawned it (structured concurrency).
 *
 * <pre>{@code
 * try (JoinSet<String> set = new JoinSet<>(rt)) {
 *     for (String url : urls) {
 *         set.spawn(fetch(url));
 *     }
 *     List<String> pages = rt.blockOn(set.joinAll()); // in completion order
 * } // anything still running is aborted here
 * }</pre>
 *
 * <p><strong>Thread safety:</strong> a set belongs to one owner at a time, like a future: spawn,
 * join and close from one thread or task (handing it over between threads through a
 * happens-before edge, such as blockOn).
 *
 * <p><strong>Cancellation:</strong> {@link #close()} and {@link #abortAll()} abort every member
 * that has not finished. Cancelling a future returned by {@link #joinNext()} only stops that
 * wait; the members run on.
 *
 * <p><strong>Wakeups:</strong> a pending join is woken when any member finishes, and then polls
 * only the members that finished, not all of them.
 *
 * @param <T> the type of the tasks' values
 */
public final class JoinSet<T> implements AutoCloseable {
    private final WeftRuntime runtime;
    private final FutureSet<T> members = new FutureSet<>();

    /**
     * Creates an empty set whose tasks run on {@code runtime}.
     *
     * @param runtime the runtime to spawn on
     * @throws NullPointerException "runtime is null"
     */
    public JoinSet(WeftRuntime runtime) {
        this.runtime = Checks.notNull(runtime, "runtime");
    }

    /**
     * Spawns {@code future} on the runtime as a member of this set.
     *
     * @param future the future to run
     * @param <U> the type of its value
     * @return the task's handle; its result is also delivered through this set, so await one or
     *     the other, not both
     * @throws NullPointerException "future is null"
     */
    public <U extends T> JoinHandle<U> spawn(Future<U> future) {
        JoinHandle<U> handle = runtime.spawn(future);
        members.add(new Member<>(handle));
        return handle;
    }

    /**
     * Returns the number of members not yet joined.
     *
     * @return the count
     */
    public int size() {
        return members.size();
    }

    /**
     * Tells whether every member was joined (or none was spawned).
     *
     * @return {@code true} when empty
     */
    public boolean isEmpty() {
        return members.isEmpty();
    }

    /**
     * Returns a future of the value of the next member to finish; it rethrows that member's
     * exception if it failed.
     *
     * @return the future
     * @throws NoSuchElementException (from the future's poll) "JoinSet is empty: nothing to join"
     */
    public Future<T> joinNext() {
        return new Future<>() {
            @Override
            public Poll<T> poll(Context cx) {
                Poll<FutureSet.Completion<T>> p = members.pollNext(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                FutureSet.Completion<T> c = p.value();
                if (c == null) {
                    throw new NoSuchElementException("JoinSet is empty: nothing to join");
                }
                return Poll.ready(c.get());
            }
        };
    }

    /**
     * Returns a future of every member's value in completion order. The first failure aborts the
     * members left and fails the future with that exception.
     *
     * @return the future; ready with an empty list for an empty set
     */
    public Future<List<T>> joinAll() {
        List<T> values = new ArrayList<>(members.size());
        return cx -> {
            while (!members.isEmpty()) {
                Poll<FutureSet.Completion<T>> p = members.pollNext(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                FutureSet.Completion<T> c = p.value();
                if (c.isFailure()) {
                    abortAll();
                }
                values.add(c.get());
            }
            return Poll.ready(values);
        };
    }

    /** Aborts every member that has not finished and empties the set. */
    public void abortAll() {
        members.cancelAll();
    }

    /** Aborts every member that has not finished: {@link #abortAll()}. */
    @Override
    public void close() {
        abortAll();
    }

    /** A member: awaits the handle, and aborts the task when the set cancels it. */
    private static final class Member<T> implements Future<T> {
        private final JoinHandle<T> handle;

        Member(JoinHandle<T> handle) {
            this.handle = handle;
        }

        @Override
        public Poll<T> poll(Context cx) {
            return handle.poll(cx);
        }

        @Override
        public void cancel() {
            handle.abort();
        }
    }
}
