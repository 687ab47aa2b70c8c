package dev.weft.future;

import dev.weft.internal.util.Checks;
import dev.weft.internal.util.Throwables;
import dev.weft.internal.util.Undeliverable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Many futures polled as one, yielding each result as it completes, and polling only the members
 * that were woken (futures-rs's {@code FuturesUnordered}).
 *
 * <p>A member is polled for the first time by the first {@link #pollNext(Context)} after it was
 * added; after that, only when its own waker fires. Polling a set of {@code n} futures where one
 * is woken therefore costs one member poll, not {@code n}.
 *
 * <pre>{@code
 * FutureSet<String> set = new FutureSet<>();
 * set.add(fetch("a"));
 * set.add(fetch("b"));
 * // inside some future's poll:
 * Poll<FutureSet.Completion<String>> next = set.pollNext(cx);
 * }</pre>
 *
 * <p><strong>Thread safety:</strong> {@code add}, {@code pollNext} and {@code cancelAll} are called
 * by the one task that owns the set; members' wakers may fire on any thread.
 *
 * <p><strong>Wakeups:</strong> a pending {@code pollNext} registers {@code cx.waker()}, which any
 * member's wake then wakes. To stay fair, one call polls each member at most once; if more are
 * woken, it wakes its own task and returns pending.
 *
 * <p><strong>Cancellation:</strong> {@link #cancelAll()} cancels every member that has not
 * completed.
 *
 * @param <T> the type of the members' values
 */
public final class FutureSet<T> {
    /*
     * Implementation notes:
     *
     * Each member is an Entry that is its own Context and Waker, so membership allocates one
     * object. Entry.queued is 1 while the entry sits in `ready` (or after it completed); a wake
     * CASes it 0 -> 1 and enqueues the entry, so an entry is in `ready` at most once. The poller
     * resets queued to 0 before polling the entry, so a wake during that poll enqueues it again:
     * no wake is lost. The ready queue is the only structure shared with other threads; the live
     * list (prev/next) and the counters are touched by the owning task alone.
     *
     * pollNext registers the owner's waker before draining, so a wake that enqueues after the
     * drain found `ready` empty still wakes the owner (AtomicWaker orders the two).
     */

    /** One finished member: its key and its value, or the exception its poll threw. */
    public static final class Completion<T> {
        private final int key;
        private final T value;
        private final Throwable failure;

        Completion(int key, T value, Throwable failure) {
            this.key = key;
            this.value = value;
            this.failure = failure;
        }

        /**
         * Returns the key {@link FutureSet#add(Future)} returned for this member.
         *
         * @return the key
         */
        public int key() {
            return key;
        }

        /**
         * Tells whether the member's poll threw.
         *
         * @return {@code true} when the member failed
         */
        public boolean isFailure() {
            return failure != null;
        }

        /**
         * Returns the exception the member threw.
         *
         * @return the failure, or {@code null} if the member succeeded
         */
        public Throwable failure() {
            return failure;
        }

        /**
         * Returns the member's value, or rethrows its failure unchanged.
         *
         * @return the value, possibly {@code null}
         */
        public T get() {
            if (failure != null) {
                throw Throwables.sneakyThrow(failure);
            }
            return value;
        }
    }

    private final AtomicWaker owner = new AtomicWaker();
    private final ConcurrentLinkedQueue<Entry<T>> ready = new ConcurrentLinkedQueue<>();
    private Entry<T> head;
    private int live;
    private int nextKey;
    private Context polling;
    /** Set by a member whose budget check failed during this pollNext: stop polling members. */
    private boolean budgetSpent;

    /** Creates an empty set. */
    public FutureSet() {}

    /**
     * Adds a member, to be polled by the next {@link #pollNext(Context)}.
     *
     * @param future the member
     * @return the member's key: 0 for the first member added, then 1, 2, ...
     * @throws NullPointerException "future is null"
     */
    public int add(Future<? extends T> future) {
        Checks.notNull(future, "future");
        Entry<T> e = new Entry<>(this, nextKey++, future);
        e.next = head;
        if (head != null) {
            head.prev = e;
        }
        head = e;
        live++;
        ready.offer(e);
        owner.wake();
        return e.key;
    }

    /**
     * Returns the number of members that have not completed.
     *
     * @return the count
     */
    public int size() {
        return live;
    }

    /**
     * Tells whether every member completed (or none was added).
     *
     * @return {@code true} when no member is left
     */
    public boolean isEmpty() {
        return live == 0;
    }

    /**
     * Polls the woken members until one completes.
     *
     * @param cx the context of the owning task
     * @return ready with the next completion; ready with {@code null} when the set is empty; or
     *     pending
     */
    public Poll<Completion<T>> pollNext(Context cx) {
        if (live == 0) {
            return Poll.ready(null);
        }
        owner.register(cx.waker());
        polling = cx;
        budgetSpent = false;
        try {
            for (int budget = live; budget > 0; budget--) {
                Entry<T> e = ready.poll();
                if (e == null) {
                    return Poll.pending();
                }
                Future<? extends T> f = e.future;
                if (f == null) {
                    continue; // a wake that raced the member's completion
                }
                QUEUED.setVolatile(e, 0);
                Completion<T> done;
                try {
                    Poll<? extends T> p = f.poll(e);
                    if (p.isPending()) {
                        if (budgetSpent) {
                            // The owner's budget is gone and it was woken: every further member
                            // would fail the same check, so yield now rather than poll them all.
                            return Poll.pending();
                        }
                        continue;
                    }
                    done = new Completion<>(e.key, p.value(), null);
                } catch (Throwable t) {
                    done = new Completion<>(e.key, null, t);
                }
                remove(e);
                return Poll.ready(done);
            }
            // Every member got one poll and more are woken: yield so the executor stays fair.
            cx.waker().wake();
            return Poll.pending();
        } finally {
            polling = null;
        }
    }

    /** Cancels every member that has not completed, and empties the set. */
    public void cancelAll() {
        Entry<T> e = head;
        while (e != null) {
            Entry<T> next = e.next;
            Future<? extends T> f = e.future;
            remove(e);
            try {
                f.cancel();
            } catch (Throwable t) {
                Undeliverable.report(t);
            }
            e = next;
        }
        ready.clear();
    }

    private void remove(Entry<T> e) {
        e.future = null;
        e.queued = 1; // completed: later wakes need not enqueue it
        if (e.prev != null) {
            e.prev.next = e.next;
        } else {
            head = e.next;
        }
        if (e.next != null) {
            e.next.prev = e.prev;
        }
        e.prev = null;
        e.next = null;
        live--;
    }

    private static final class Entry<T> implements Context, Waker {
        final FutureSet<T> set;
        final int key;
        Future<? extends T> future;
        Entry<T> prev;
        Entry<T> next;
        /** 1 while the entry is in the ready queue or completed; a wake enqueues on 0 -> 1. */
        volatile int queued = 1;

        Entry(FutureSet<T> set, int key, Future<? extends T> future) {
            this.set = set;
            this.key = key;
            this.future = future;
        }

        @Override
        public Waker waker() {
            return this;
        }

        @Override
        public boolean tryConsumeBudget() {
            // Called during this entry's poll, on the owner's thread, so `polling` is current.
            Context cx = set.polling;
            if (cx == null || cx.tryConsumeBudget()) {
                return true;
            }
            // The owner was woken, but the member returns pending on our word: queue it again,
            // or it would never be polled.
            set.budgetSpent = true;
            wake();
            return false;
        }

        @Override
        public void wake() {
            if ((int) QUEUED.compareAndExchange(this, 0, 1) == 0) {
                set.ready.offer(this);
                set.owner.wake();
            }
        }
    }

    // VarHandle mechanics
    private static final VarHandle QUEUED;

    static {
        try {
            QUEUED = MethodHandles.lookup().findVarHandle(Entry.class, "queued", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
