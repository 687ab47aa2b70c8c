package dev.weft.internal.driver.time;

import java.util.concurrent.atomic.AtomicLong;

/** The time source of a runtime: the system's monotonic clock, or a paused one tests advance. */
public abstract class Clock {
    public abstract long nanoTime();

    /** A paused clock never moves on its own, so the runtime never parks with a timeout. */
    public abstract boolean isPaused();

    public static Clock system() {
        return SystemClock.INSTANCE;
    }

    public static Paused paused() {
        return new Paused();
    }

    private static final class SystemClock extends Clock {
        static final SystemClock INSTANCE = new SystemClock();

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public boolean isPaused() {
            return false;
        }
    }

    /** Starts at 0 and moves only by advance(). */
    public static final class Paused extends Clock {
        private final AtomicLong now = new AtomicLong();

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public boolean isPaused() {
            return true;
        }

        public void advance(long nanos) {
            now.addAndGet(nanos);
        }
    }
}
