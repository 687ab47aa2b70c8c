package dev.weft.internal.scheduler.multithread;

import dev.weft.internal.scheduler.Injector;
import dev.weft.internal.task.Task;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A worker's bounded run queue: the owner pushes at the tail and pops at the head (FIFO), other
 * workers steal half from the head. tokio's algorithm (runtime/scheduler/multi_thread/queue.rs).
 */
final class LocalQueue {
    /*
     * Implementation notes:
     *
     * `head` packs two 32-bit positions: steal (high half) and real (low half). Positions grow
     * without bound and wrap as ints; slots are position & mask, and differences are taken with
     * int subtraction, which wraps correctly because capacity is far below 2^31.
     *  - real is the next slot the owner pops, or a stealer has claimed up to;
     *  - steal is where an in-progress steal started; steal == real when no steal is under way.
     * `tail` is written by the owner only (release), read by stealers (acquire).
     *
     * Protocols:
     *  1. push: the owner writes buffer[tail] (plain) then stores tail + 1 (release); a stealer
     *     reads tail (acquire) before reading slots, so it sees the task. The owner checks
     *     tail - steal < capacity, so it never overwrites a slot a stealer is still copying.
     *  2. overflow (full and no steal under way): the owner CASes head forward by half the
     *     capacity, claiming those tasks, and moves them with the new one to the injector as one
     *     array. If a steal starts first, the CAS fails and the push retries.
     *  3. pop: the owner CASes real forward by one (and steal with it when no steal is under way);
     *     the CAS fails only if a stealer moved head, and then the owner retries.
     *  4. steal (by the owner of dst, into dst): read head; give up if a steal is under way;
     *     claim n = ceil(len / 2) tasks by CASing real forward while leaving steal behind; copy
     *     the claimed slots into dst and null them; then CAS steal up to real (retrying while the
     *     owner pops concurrently, which moves real). The nulling writes happen before that
     *     release CAS and the owner reuses those slots only after reading the committed head
     *     (acquire), so the owner's later writes cannot be overwritten by a stale null.
     *  5. Slots are nulled when popped or stolen so finished tasks are not retained.
     *  6. refill (the owner, from the injector): protocol 1 for many tasks at once. The injector
     *     copies into the free slots [tail, steal + capacity), then one release store of tail
     *     publishes them all; stealers read nothing past the old tail before it.
     */

    private final Task<?>[] buffer;
    private final int mask;
    private final int capacity;

    private volatile long head;
    private volatile int tail;

    LocalQueue(int capacity) {
        if (Integer.bitCount(capacity) != 1 || capacity < 2) {
            throw new IllegalArgumentException("capacity must be a power of two >= 2 but it was " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.buffer = new Task<?>[capacity];
    }

    static long pack(int steal, int real) {
        return ((long) steal << 32) | (real & 0xFFFF_FFFFL);
    }

    static int steal(long head) {
        return (int) (head >>> 32);
    }

    static int real(long head) {
        return (int) head;
    }

    int capacity() {
        return capacity;
    }

    /** Owner only: room left before an overflow. */
    int remaining() {
        return capacity - (tail - steal((long) HEAD.getAcquire(this)));
    }

    /** Owner only. */
    boolean hasTasks() {
        return tail != real((long) HEAD.getAcquire(this));
    }

    /** Any thread: whether a stealer would find anything (racy; used for wake heuristics). */
    boolean isEmptyForStealers() {
        return (int) TAIL.getAcquire(this) == real((long) HEAD.getAcquire(this));
    }

    /**
     * Owner only: appends, moving half the queue to the injector when full (protocols 1, 2).
     * Returns true if the queue was empty before, the one push after which other workers may need
     * waking (Idle protocol 4).
     */
    boolean pushBack(Task<?> task, Injector overflow) {
        for (;;) {
            long h = (long) HEAD.getAcquire(this);
            int steal = steal(h);
            int real = real(h);
            int t = tail;
            if (t - steal < capacity) {
                buffer[t & mask] = task;
                TAIL.setRelease(this, t + 1);
                return t == real;
            }
            if (steal != real) {
                // A stealer is freeing room right now; do not wait for it.
                overflow.push(task);
                return false;
            }
            if (pushOverflow(task, real, overflow)) {
                return false;
            }
        }
    }

    /**
     * Owner only: moves up to max tasks from the injector to the tail, published by one release
     * store (protocol 1 for many tasks at once); returns how many. Never overflows: it takes at
     * most the room left, which excludes slots a stealer is still copying.
     */
    int refillFrom(Injector injector, int max) {
        int t = tail;
        int n = injector.popMany(buffer, t, Math.min(max, remaining()));
        if (n > 0) {
            TAIL.setRelease(this, t + n);
        }
        return n;
    }

    private boolean pushOverflow(Task<?> task, int real, Injector overflow) {
        int n = capacity / 2;
        if (!HEAD.compareAndSet(this, pack(real, real), pack(real + n, real + n))) {
            return false; // a stealer took some: there is room now
        }
        Task<?>[] batch = new Task<?>[n + 1];
        for (int i = 0; i < n; i++) {
            int idx = (real + i) & mask;
            batch[i] = buffer[idx];
            buffer[idx] = null;
        }
        batch[n] = task;
        overflow.pushBatch(batch);
        return true;
    }

    /** Owner only (protocol 3). */
    Task<?> pop() {
        long h = (long) HEAD.getAcquire(this);
        for (;;) {
            int steal = steal(h);
            int real = real(h);
            if (real == tail) {
                return null;
            }
            int nextReal = real + 1;
            long next = steal == real ? pack(nextReal, nextReal) : pack(steal, nextReal);
            long witness = (long) HEAD.compareAndExchange(this, h, next);
            if (witness == h) {
                int idx = real & mask;
                Task<?> task = buffer[idx];
                buffer[idx] = null;
                return task;
            }
            h = witness;
        }
    }

    /**
     * Called by dst's owner: steals half of this queue into dst and returns one of the stolen
     * tasks to run at once, or null (protocol 4).
     */
    Task<?> stealInto(LocalQueue dst) {
        int dstTail = dst.tail;
        int dstSteal = steal((long) HEAD.getAcquire(dst));
        if (dstTail - dstSteal > dst.capacity / 2) {
            return null; // dst has no room for half of a full queue
        }
        int n = stealInto2(dst, dstTail);
        if (n == 0) {
            return null;
        }
        n--;
        int idx = (dstTail + n) & dst.mask;
        Task<?> ret = dst.buffer[idx];
        dst.buffer[idx] = null;
        if (n > 0) {
            TAIL.setRelease(dst, dstTail + n);
        }
        return ret;
    }

    private int stealInto2(LocalQueue dst, int dstTail) {
        long prev = (long) HEAD.getAcquire(this);
        long next;
        int n;
        for (;;) {
            int srcSteal = steal(prev);
            int srcReal = real(prev);
            if (srcSteal != srcReal) {
                return 0; // another worker is stealing
            }
            int srcTail = (int) TAIL.getAcquire(this);
            n = srcTail - srcReal;
            n = n - n / 2;
            if (n <= 0) {
                return 0;
            }
            next = pack(srcSteal, srcReal + n);
            long witness = (long) HEAD.compareAndExchange(this, prev, next);
            if (witness == prev) {
                break;
            }
            prev = witness;
        }
        int first = steal(next);
        for (int i = 0; i < n; i++) {
            int srcIdx = (first + i) & mask;
            dst.buffer[(dstTail + i) & dst.mask] = buffer[srcIdx];
            buffer[srcIdx] = null;
        }
        prev = next;
        for (;;) {
            int real = real(prev);
            long done = pack(real, real);
            long witness = (long) HEAD.compareAndExchange(this, prev, done);
            if (witness == prev) {
                return n;
            }
            prev = witness; // the owner popped meanwhile, moving real
        }
    }

    // VarHandle mechanics
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(LocalQueue.class, "head", long.class);
            TAIL = l.findVarHandle(LocalQueue.class, "tail", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
