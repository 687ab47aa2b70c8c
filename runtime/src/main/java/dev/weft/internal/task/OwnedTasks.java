package dev.weft.internal.task;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Every task of one runtime that is waiting to be woken, so shutdown can cancel the ones nobody
 * will wake again (queued tasks are reached through the queues). Sharded intrusive lists, after
 * tokio's OwnedTasks, each guarded by its own monitor.
 */
public final class OwnedTasks {
    /*
     * Implementation notes:
     *
     * A task is linked into a random shard by its runner when it first returns pending, and
     * unlinked by the thread that completes it. Shard locks are held for a few field writes only; with shards several
     * times the worker count, two workers rarely meet on one. `closed` is read and written under
     * each shard's lock in bind() and close(), so a bind either lands before a shard is closed
     * (and is then cancelled by shutdown) or sees it closed (and cancels its own task): no task
     * escapes shutdown.
     */

    private static final class Shard {
        Task<?> head;
        boolean closed;
    }

    private final Shard[] shards;
    private final int mask;

    /** @param shardCount rounded up to a power of two; 1 for a single-threaded executor */
    public OwnedTasks(int shardCount) {
        int n = shardCount <= 1 ? 1 : Integer.highestOneBit(shardCount - 1) << 1;
        shards = new Shard[n];
        for (int i = 0; i < n; i++) {
            shards[i] = new Shard();
        }
        mask = n - 1;
    }

    /** Links a task that is about to wait; false if the runtime is shut down (the caller cancels it). */
    public boolean bind(Task<?> task) {
        int i = mask == 0 ? 0 : ThreadLocalRandom.current().nextInt() & mask;
        Shard s = shards[i];
        synchronized (s) {
            if (s.closed) {
                return false;
            }
            task.ownedShard = i;
            task.ownedNext = s.head;
            if (s.head != null) {
                s.head.ownedPrev = task;
            }
            s.head = task;
        }
        return true;
    }

    public void remove(Task<?> task) {
        int i = task.ownedShard;
        if (i < 0) {
            return; // never bound (rejected at shutdown) or already taken by close()
        }
        Shard s = shards[i];
        synchronized (s) {
            if (task.ownedShard < 0) {
                return;
            }
            unlink(s, task);
        }
    }

    private static void unlink(Shard s, Task<?> task) {
        if (task.ownedPrev != null) {
            task.ownedPrev.ownedNext = task.ownedNext;
        } else {
            s.head = task.ownedNext;
        }
        if (task.ownedNext != null) {
            task.ownedNext.ownedPrev = task.ownedPrev;
        }
        task.ownedPrev = null;
        task.ownedNext = null;
        task.ownedShard = -1;
    }

    /** Refuses further binds. */
    public void close() {
        for (Shard s : shards) {
            synchronized (s) {
                s.closed = true;
            }
        }
    }

    /** Cancels every task still linked, on the calling thread (protocol 5 of Task). */
    public void cancelAll() {
        for (Shard s : shards) {
            for (;;) {
                Task<?> t;
                synchronized (s) {
                    t = s.head;
                    if (t == null) {
                        break;
                    }
                    unlink(s, t);
                }
                t.cancelForShutdown(); // outside the lock: cancel hooks are user code
            }
        }
    }

    /** Every task linked now (those that have waited at least once and not completed); for the task dump. */
    public java.util.List<Task<?>> snapshot() {
        java.util.List<Task<?>> all = new java.util.ArrayList<>();
        for (Shard s : shards) {
            synchronized (s) {
                for (Task<?> t = s.head; t != null; t = t.ownedNext) {
                    all.add(t);
                }
            }
        }
        return all;
    }

    /** Counts the waiting tasks; takes every shard lock, so for tests and diagnostics only. */
    public int size() {
        int n = 0;
        for (Shard s : shards) {
            synchronized (s) {
                for (Task<?> t = s.head; t != null; t = t.ownedNext) {
                    n++;
                }
            }
        }
        return n;
    }
}
