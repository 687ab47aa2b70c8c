package dev.weft.internal.driver;

import dev.weft.internal.driver.io.IoDriver;
import dev.weft.internal.driver.time.TimeDriver;

/**
 * What resources (timers, sockets) need of the runtime they run in, and which runtime the current
 * thread belongs to: its worker threads say so by type, a thread inside blockOn through a
 * ThreadLocal.
 */
public final class RuntimeContext {
    /**
     * Threads that belong to a runtime: current() finds it there. The blocking pool's threads are
     * members that may block (blockOn is allowed there, as tokio allows it in spawn_blocking).
     */
    public interface Member {
        RuntimeContext runtimeContext();
    }

    /** Threads that run a runtime's tasks: members that must never block. */
    public interface Owner extends Member {
    }

    private static final ThreadLocal<RuntimeContext> ENTERED = new ThreadLocal<>();

    /** The public runtime object (WeftRuntime), typed loosely to keep this layer below it. */
    public final Object facade;
    public final TimeDriver time;
    public final IoDriver io;

    public RuntimeContext(Object facade, TimeDriver time, IoDriver io) {
        this.facade = facade;
        this.time = time;
        this.io = io;
    }

    /** The context of the current thread's runtime, or null. */
    public static RuntimeContext current() {
        Thread t = Thread.currentThread();
        if (t instanceof Member) {
            return ((Member) t).runtimeContext();
        }
        return ENTERED.get();
    }

    /** The current context, or an IllegalStateException naming what needed it. */
    public static RuntimeContext require(String what) {
        RuntimeContext cx = current();
        if (cx == null) {
            throw new IllegalStateException(what + " was polled outside a Weft runtime on thread '"
                    + Thread.currentThread().getName() + "': poll it from a task or inside blockOn");
        }
        return cx;
    }

    /** True while the current thread is inside some blockOn. */
    public static boolean isEntered() {
        return ENTERED.get() != null;
    }

    public static RuntimeContext enter(RuntimeContext cx) {
        RuntimeContext prev = ENTERED.get();
        ENTERED.set(cx);
        return prev;
    }

    public static void exit(RuntimeContext prev) {
        if (prev == null) {
            ENTERED.remove();
        } else {
            ENTERED.set(prev);
        }
    }
}
