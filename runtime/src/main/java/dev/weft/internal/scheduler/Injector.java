package dev.weft.internal.scheduler;

import dev.weft.internal.task.Task;
import java.util.ArrayDeque;

/**
 * The global run queue, as tokio's inject queue: tasks spawned or woken from outside the workers,
 * and the overflow of full local queues. A FIFO of entries under one lock, where an entry is one
 * task or a batch (an array moved out of a full local queue in one step).
 */
public final class Injector {
    /*
     * Implementation notes:
     *
     * Batches are arrays rather than intrusive chains because the worker that takes them is
     * usually not the one that filled them: walking a chain costs one cross-core cache miss per
     * task, serialized behind the lock, while copying an array of references lets the misses
     * overlap (and leaves the tasks untouched until they run). This was 20% of W1's profile.
     *
     * A burst (a million spawns from outside the runtime) grows `entries` to a million slots, and
     * ArrayDeque never shrinks: that 4-8 MB array would stay for the runtime's life. So when the
     * queue empties after holding more than SHRINK_ABOVE entries, it starts over with a new deque.
     *
     * `entries`, `highWater`, `headBatchStart` and `closed` are guarded by `this`. `length` is
     * the number of tasks: written under the lock, read without it (volatile) so idle workers
     * skip the lock when the queue is empty. A stale read is benign: a reader that sees 0 just before a push is
     * covered by the unpark that follows every push here (fenced path, Idle protocol 1), and one
     * that sees a positive length takes the lock and finds out.
     */

    /** Entries held at once above which an emptied queue gives its array back (4 KB of slots). */
    static final int SHRINK_ABOVE = 1024;

    private ArrayDeque<Object> entries = new ArrayDeque<>();
    /** The most entries held at once since `entries` was created. */
    private int highWater;
    /** How much of the batch at the head of `entries` was already taken. */
    private int headBatchStart;
    private volatile int length;
    private boolean closed;

    public boolean isEmpty() {
        return length == 0;
    }

    public int length() {
        return length;
    }

    /** Appends one task; false if the queue is closed (the runtime is shut down). */
    public synchronized boolean push(Task<?> task) {
        if (closed) {
            return false;
        }
        entries.addLast(task);
        length = length + 1;
        highWater = Math.max(highWater, entries.size());
        return true;
    }

    /** Appends a batch (every slot filled); the array now belongs to the queue. */
    public synchronized boolean pushBatch(Task<?>[] batch) {
        if (closed) {
            return false;
        }
        entries.addLast(batch);
        length = length + batch.length;
        highWater = Math.max(highWater, entries.size());
        return true;
    }

    public Task<?> pop() {
        if (length == 0) {
            return null;
        }
        synchronized (this) {
            return popLocked();
        }
    }

    private Task<?> popLocked() {
        Object e = entries.peekFirst();
        if (e == null) {
            return null;
        }
        length = length - 1;
        if (e instanceof Task) {
            removeHead();
            return (Task<?>) e;
        }
        Task<?>[] batch = (Task<?>[]) e;
        Task<?> t = batch[headBatchStart];
        batch[headBatchStart++] = null;
        if (headBatchStart == batch.length) {
            removeHead();
            headBatchStart = 0;
        }
        return t;
    }

    /**
     * Moves up to max tasks, oldest first, into the ring `out` (a power-of-two length) from slot
     * `start & (out.length - 1)` on, wrapping at its end; returns how many. The caller owns those
     * slots and publishes them afterwards. Batches move with System.arraycopy, so the collector's
     * card marking is paid once per copied range instead of once per task.
     */
    public int popMany(Task<?>[] out, int start, int max) {
        if (length == 0 || max <= 0) {
            return 0;
        }
        int mask = out.length - 1;
        synchronized (this) {
            int n = 0;
            while (n < max) {
                Object e = entries.peekFirst();
                if (e == null) {
                    break;
                }
                int slot = (start + n) & mask;
                if (e instanceof Task) {
                    removeHead();
                    out[slot] = (Task<?>) e;
                    n++;
                    continue;
                }
                Task<?>[] batch = (Task<?>[]) e;
                // Up to the end of the batch, of the request, and of the ring before it wraps.
                int take = Math.min(Math.min(max - n, batch.length - headBatchStart), out.length - slot);
                System.arraycopy(batch, headBatchStart, out, slot, take);
                java.util.Arrays.fill(batch, headBatchStart, headBatchStart + take, null);
                n += take;
                headBatchStart += take;
                if (headBatchStart == batch.length) {
                    removeHead();
                    headBatchStart = 0;
                }
            }
            length = length - n;
            return n;
        }
    }

    /** Drops the head entry; an emptied queue that grew large starts over small. Lock held. */
    private void removeHead() {
        entries.pollFirst();
        if (entries.isEmpty() && highWater > SHRINK_ABOVE) {
            entries = new ArrayDeque<>();
            highWater = 0;
        }
    }

    /** For tests: the most entries held at once since the queue last started over. */
    synchronized int highWater() {
        return highWater;
    }

    /** Refuses further pushes and hands back what was queued, oldest first, to be cancelled. */
    public synchronized java.util.List<Task<?>> close() {
        closed = true;
        java.util.List<Task<?>> left = new java.util.ArrayList<>(length);
        for (Task<?> t = popLocked(); t != null; t = popLocked()) {
            left.add(t);
        }
        length = 0;
        return left;
    }
}
