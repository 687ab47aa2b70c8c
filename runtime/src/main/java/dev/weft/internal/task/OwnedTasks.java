package dev.weft.internal.task;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Every live task of one runtime, so shutdown can cancel the ones nobody will wake again.
 * Sharded intrusive lists (tokio's OwnedTasks), each guarded by its own monitor.
 */
public final class OwnedTasks {
    /*
     * Implementation notes:
     *
     * A task is linked into a random shard when it is bound (spawn) and unlinked by the thread
     * that completes it. Shard locks are held for a few field writes only; with shards several
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

    public OwnedTasks(int concurrency) {
        int n = Integer.highestOneBit(Math.max(1, concurrency * 4 - 1)) << 1;
        shards = new Shard[n];
        for (int i = 0; i < n; i++) {
            shards[i] = new Shard();
        }
        mask = n - 1;
    }

    /** Links a new task; false if the runtime is shut down, in which case the caller cancels it. */
    public boolean bind(Task<?> task) {
        int i = shards.length == 1 ? 0 : ThreadLocalRandom.current().nextInt() & mask;
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

    void remove(Task<?> task) {
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

    /** Counts the live tasks; takes every shard lock, so for tests and diagnostics only. */
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
