package dev.weft.internal.scheduler;

import dev.weft.internal.task.Task;

/**
 * The global run queue: an intrusive FIFO list of tasks (through Task.queueNext) under one lock,
 * as tokio's inject queue. Tasks arrive here when spawned or woken from outside the workers, and
 * when a worker's local queue overflows (in batches, one lock for many tasks).
 */
public final class Injector {
    /*
     * Implementation notes:
     *
     * head/tail/queueNext are guarded by `this`. `length` is written under the lock and read
     * without it (volatile) so idle workers can skip the lock when the queue is empty; a stale
     * read is benign: a reader that sees 0 just before a push is covered by the unpark that
     * follows every remote push, and one that sees a positive length takes the lock and finds
     * out.
     */

    private Task<?> head;
    private Task<?> tail;
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
        task.queueNext = null;
        if (tail == null) {
            head = task;
        } else {
            tail.queueNext = task;
        }
        tail = task;
        length = length + 1;
        return true;
    }

    /** Appends a chain first..last of n tasks already linked through queueNext. */
    public synchronized boolean pushBatch(Task<?> first, Task<?> last, int n) {
        if (closed) {
            return false;
        }
        last.queueNext = null;
        if (tail == null) {
            head = first;
        } else {
            tail.queueNext = first;
        }
        tail = last;
        length = length + n;
        return true;
    }

    public Task<?> pop() {
        if (length == 0) {
            return null;
        }
        synchronized (this) {
            Task<?> t = head;
            if (t == null) {
                return null;
            }
            head = t.queueNext;
            if (head == null) {
                tail = null;
            }
            t.queueNext = null;
            length = length - 1;
            return t;
        }
    }

    /** Removes up to max tasks as a chain linked through queueNext; returns its head. */
    public synchronized Task<?> popChain(int max) {
        Task<?> first = head;
        if (first == null || max <= 0) {
            return null;
        }
        Task<?> last = first;
        int n = 1;
        while (n < max && last.queueNext != null) {
            last = last.queueNext;
            n++;
        }
        head = last.queueNext;
        if (head == null) {
            tail = null;
        }
        last.queueNext = null;
        length = length - n;
        return first;
    }

    /** Refuses further pushes and drops what is queued (the tasks are cancelled through OwnedTasks). */
    public synchronized void close() {
        closed = true;
        for (Task<?> t = head; t != null; ) {
            Task<?> next = t.queueNext;
            t.queueNext = null;
            t = next;
        }
        head = null;
        tail = null;
        length = 0;
    }
}
