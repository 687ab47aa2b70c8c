package dev.weft.internal.scheduler.currentthread;

import dev.weft.internal.task.Task;

/**
 * The current-thread executor's run queue: an intrusive FIFO of tasks linked through
 * Task.queueNext, so no allocation per entry and no array to regrow (W1s queues a million).
 * Not thread-safe: only the core's holder touches it. A task is in at most one queue at a time
 * (it is queued only on its idle -> notified transition).
 */
final class TaskList {
    private Task<?> head;
    private Task<?> tail;
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return head == null;
    }

    void addLast(Task<?> task) {
        task.queueNext = null;
        if (tail == null) {
            head = task;
        } else {
            tail.queueNext = task;
        }
        tail = task;
        size++;
    }

    Task<?> pollFirst() {
        Task<?> t = head;
        if (t == null) {
            return null;
        }
        head = t.queueNext;
        if (head == null) {
            tail = null;
        }
        t.queueNext = null;
        size--;
        return t;
    }

    /** Unlinks every task (so none is retained) and empties the list. */
    void clear() {
        for (Task<?> t = head; t != null; ) {
            Task<?> next = t.queueNext;
            t.queueNext = null;
            t = next;
        }
        head = null;
        tail = null;
        size = 0;
    }
}
