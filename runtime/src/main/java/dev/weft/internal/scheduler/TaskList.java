package dev.weft.internal.scheduler;

import dev.weft.internal.task.Task;

/**
 * An intrusive FIFO of tasks linked through Task.queueNext: no allocation per entry and no
 * array to regrow. Not thread-safe; a task is in at most one list at a time (it is queued only
 * on its idle -> notified transition).
 */
public final class TaskList {
    private Task<?> head;
    private Task<?> tail;
    private int size;

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return head == null;
    }

    public void addLast(Task<?> task) {
        task.queueNext = null;
        if (tail == null) {
            head = task;
        } else {
            tail.queueNext = task;
        }
        tail = task;
        size++;
    }

    /** Appends a chain first..last of n tasks already linked through queueNext. */
    public void addChain(Task<?> first, Task<?> last, int n) {
        last.queueNext = null;
        if (tail == null) {
            head = first;
        } else {
            tail.queueNext = first;
        }
        tail = last;
        size += n;
    }

    public Task<?> pollFirst() {
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

    /** Removes up to max tasks as a chain linked through queueNext; returns its head. */
    public Task<?> pollChain(int max) {
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
        size -= n;
        return first;
    }

    /** Unlinks every task (so none is retained) and empties the list. */
    public void clear() {
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
