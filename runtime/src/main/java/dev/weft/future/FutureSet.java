package dev.weft.future;

import dev.weft.internal.util.Checks;
import dev.weft.internal.util.Throwables;
import dev.weft.internal.util.Undeliverable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

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
     * Each member is an Entry that is its own Context and Waker, and its own node in the ready
     * queue, so membership allocates one object and a wake allocates nothing. Entry.queued is 1
     * while the entry sits in the ready queue (or after it completed); a wake CASes it 0 -> 1 and
     * enqueues the entry, so an entry is in the queue at most once. The poller resets queued to 0
     * before polling the entry, so a wake during that poll enqueues it again: no wake is lost.
     * The ready queue is the only structure shared with other threads; the live list
     * (prev/next) and the counters are touched by the owning task alone.
     *
     * The ready queue is Vyukov's intrusive MPSC queue: producers swap themselves in as `tail`
     * (getAndSet) and then link the previous tail to themselves (volatile write); the owner pops
     * from `head`. Between those two producer steps the queue looks empty past the previous
     * node; popReady() then returns null, which is benign: that producer wakes the owner right
     * after linking, so the owner polls again and finds the entry.
     *
     * pollNext registers the owner's waker only when it finds the ready queue empty, and then
     * checks the queue again (register, then check), so a wake that enqueues after that check
     * still wakes the owner (AtomicWaker orders the two). While there is work, no registration.
     *
     * New members go on `fresh`, a plain list of the owner's (add() is owner-only), and are
     * polled from there first: adding a member costs no atomic operation. add() wakes the owner
     * only if its last pollNext returned pending, since then nothing else would poll the set.
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
    /** The ready queue's sentinel; `head` is the owner's end, `tail` the producers'. */
    private final Entry<T> stub = new Entry<>(this, -1, null);
    private Entry<T> head = stub;
    private volatile Entry<T> tail = stub;
    private Entry<T> liveHead;
    /** Members added but never polled, oldest first (owner-only, linked through nextReady). */
    private Entry<T> freshHead;
    private Entry<T> freshTail;
    /** The last pollNext returned pending: the owner waits for a wake (owner-only). */
    private boolean ownerWaiting;
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
        e.next = liveHead;
        if (liveHead != null) {
            liveHead.prev = e;
        }
        liveHead = e;
        live++;
        if (freshTail == null) {
            freshHead = e;
        } else {
            freshTail.nextReady = e;
        }
        freshTail = e;
        if (ownerWaiting) {
            ownerWaiting = false;
            owner.wake();
        }
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
        polling = cx;
        budgetSpent = false;
        ownerWaiting = false;
        try {
            for (int budget = live; budget > 0; budget--) {
                Entry<T> e = nextToPoll();
                if (e == null) {
                    owner.register(cx.waker());
                    e = popReady(); // register, then check again
                    if (e == null) {
                        ownerWaiting = true;
                        return Poll.pending();
                    }
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
                            ownerWaiting = true;
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
            // Every member got one poll. If more were woken meanwhile, yield so the executor stays
            // fair; if none was, wait as any pending poll does (register, then check again).
            if (!hasReady()) {
                owner.register(cx.waker());
                if (!hasReady()) {
                    ownerWaiting = true;
                    return Poll.pending();
                }
            }
            cx.waker().wake();
            ownerWaiting = true;
            return Poll.pending();
        } finally {
            polling = null;
        }
    }

    /** Cancels every member that has not completed, and empties the set. */
    public void cancelAll() {
        Entry<T> e = liveHead;
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
        freshHead = null;
        freshTail = null;
        while (popReady() != null) {
            // drop stale wakes: their entries are removed
        }
    }

    /** Fresh members first, then woken ones. */
    private Entry<T> nextToPoll() {
        Entry<T> e = freshHead;
        if (e != null) {
            freshHead = e.nextReady;
            if (freshHead == null) {
                freshTail = null;
            }
            e.nextReady = null;
            return e;
        }
        return popReady();
    }

    /**
     * Whether a member waits to be polled: a fresh one, or one in the ready queue (whose head is
     * the stub only when everything pushed was taken). Owner only. A push that is half done
     * reads as empty; its producer wakes the owner right after linking.
     */
    private boolean hasReady() {
        return freshHead != null || head != stub || stub.nextReady != null;
    }

    /** Any thread (protocol above). */
    void pushReady(Entry<T> e) {
        NEXT_READY.setRelease(e, null);
        @SuppressWarnings("unchecked")
        Entry<T> prev = (Entry<T>) TAIL.getAndSet(this, e);
        prev.nextReady = e; // volatile: publishes e to the owner
    }

    /** Owner only; null when empty (or a push is half done, see the notes). */
    private Entry<T> popReady() {
        Entry<T> h = head;
        Entry<T> next = h.nextReady;
        if (h == stub) {
            if (next == null) {
                return null;
            }
            head = next;
            h = next;
            next = next.nextReady;
        }
        if (next != null) {
            head = next;
            return h;
        }
        if (h != tail) {
            return null; // a producer is between its two steps
        }
        pushReady(stub);
        next = h.nextReady;
        if (next != null) {
            head = next;
            return h;
        }
        return null;
    }

    private void remove(Entry<T> e) {
        e.future = null;
        e.queued = 1; // completed: later wakes need not enqueue it
        if (e.prev != null) {
            e.prev.next = e.next;
        } else {
            liveHead = e.next;
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
        /** The ready queue's link. */
        volatile Entry<T> nextReady;
        /** 1 while the entry is in the ready queue or completed; a wake enqueues on 0 -> 1. */
        volatile int queued;

        Entry(FutureSet<T> set, int key, Future<? extends T> future) {
            this.set = set;
            this.key = key;
            this.future = future;
            // Plainly, as Task's state: a volatile initializer is a fence per member. Other
            // threads reach the entry only as the waker the owner's poll hands its member,
            // which publishes this store with it.
            QUEUED.set(this, 1);
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
                set.pushReady(this);
                set.owner.wake();
            }
        }
    }

    // VarHandle mechanics
    private static final VarHandle QUEUED;
    private static final VarHandle NEXT_READY;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            QUEUED = l.findVarHandle(Entry.class, "queued", int.class);
            NEXT_READY = l.findVarHandle(Entry.class, "nextReady", Entry.class);
            TAIL = l.findVarHandle(FutureSet.class, "tail", Entry.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
