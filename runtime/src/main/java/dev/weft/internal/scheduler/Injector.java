package dev.weft.internal.scheduler;

import dev.weft.internal.task.Task;

/**
 * The global run queue: an intrusive FIFO of tasks under one lock, as tokio's inject queue. Tasks
 * arrive here when spawned or woken from outside the workers, and when a worker's local queue
 * overflows (in batches, one lock for many tasks).
 */
public final class Injector {
    /*
     * Implementation notes:
     *
     * `tasks` and `closed` are guarded by `this`. `length` mirrors tasks.size(): written under the
     * lock, read without it (volatile) so idle workers can skip the lock when the queue is empty.
     * A stale read is benign: a reader that sees 0 just before a push is covered by the unpark
     * that follows every remote push, and one that sees a positive length takes the lock and
     * finds out.
     */

    private final TaskList tasks = new TaskList();
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
        tasks.addLast(task);
        length = tasks.size();
        return true;
    }

    /** Appends a chain first..last of n tasks already linked through queueNext. */
    public synchronized boolean pushBatch(Task<?> first, Task<?> last, int n) {
        if (closed) {
            return false;
        }
        tasks.addChain(first, last, n);
        length = tasks.size();
        return true;
    }

    public Task<?> pop() {
        if (length == 0) {
            return null;
        }
        synchronized (this) {
            Task<?> t = tasks.pollFirst();
            length = tasks.size();
            return t;
        }
    }

    /** Removes up to max tasks as a chain linked through queueNext; returns its head. */
    public synchronized Task<?> popChain(int max) {
        Task<?> first = tasks.pollChain(max);
        length = tasks.size();
        return first;
    }

    /** Refuses further pushes and returns what was queued, as a chain through queueNext, to cancel. */
    public synchronized Task<?> close() {
        closed = true;
        Task<?> chain = tasks.pollChain(Integer.MAX_VALUE);
        length = 0;
        return chain;
    }
}
