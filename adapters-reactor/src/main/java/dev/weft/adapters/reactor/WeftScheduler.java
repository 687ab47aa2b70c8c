package dev.weft.adapters.reactor;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.Streams;
import dev.weft.time.Time;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.Exceptions;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;

/**
 * A Weft runtime as a Reactor Scheduler: each scheduled Runnable is a task; delays and periods
 * run on the runtime's timing wheel; a Worker runs its Runnables one at a time, in order.
 */
final class WeftScheduler implements Scheduler {
    private final WeftRuntime runtime;
    private volatile boolean disposed;

    WeftScheduler(WeftRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Disposable schedule(Runnable task) {
        checkOpen();
        return new TaskDisposable(runtime.spawn(new RunOnce(task)));
    }

    @Override
    public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
        checkOpen();
        return new TaskDisposable(runtime.spawn(delayed(task, delay, unit)));
    }

    @Override
    public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
        checkOpen();
        return new TaskDisposable(runtime.spawn(periodic(task, initialDelay, period, unit)));
    }

    @Override
    public Worker createWorker() {
        checkOpen();
        return new SerialWorker();
    }

    /** Stops accepting work. The runtime belongs to its owner and keeps running. */
    @Override
    public void dispose() {
        disposed = true;
    }

    @Override
    public boolean isDisposed() {
        return disposed;
    }

    private void checkOpen() {
        if (disposed) {
            throw Exceptions.failWithRejected("this Weft scheduler was disposed");
        }
    }

    static Future<Void> delayed(Runnable task, long delay, TimeUnit unit) {
        Duration d = Duration.ofNanos(unit.toNanos(Math.max(0, delay)));
        return Futures.flatMap(Time.sleep(d), v -> new RunOnce(task));
    }

    static Future<Void> periodic(Runnable task, long initialDelay, long period, TimeUnit unit) {
        if (period <= 0) {
            throw new IllegalArgumentException("period > 0 required but it was " + period + " " + unit);
        }
        Duration first = Duration.ofNanos(unit.toNanos(Math.max(0, initialDelay)));
        Duration every = Duration.ofNanos(unit.toNanos(period));
        // Interval's first tick is immediate; missed ticks are skipped, not bunched.
        return Futures.flatMap(Time.sleep(first), v -> Streams.forEach(Time.interval(every), tick -> runGuarded(task)));
    }

    static void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (Throwable t) {
            // A scheduled task has nobody to report to: Reactor's dropped-error hook, as its own
            // schedulers do.
            Operators.onErrorDropped(t, reactor.util.context.Context.empty());
        }
    }

    /** Runs one Runnable and completes. */
    static final class RunOnce implements Future<Void> {
        private Runnable task;

        RunOnce(Runnable task) {
            this.task = task;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            Runnable t = task;
            task = null;
            if (t != null) {
                runGuarded(t);
            }
            return Poll.ready(null);
        }

        @Override
        public void cancel() {
            task = null;
        }
    }

    /** Disposing aborts the task (a no-op once it finished). */
    static final class TaskDisposable implements Disposable {
        private final JoinHandle<Void> handle;

        TaskDisposable(JoinHandle<Void> handle) {
            this.handle = handle;
        }

        @Override
        public void dispose() {
            handle.abort();
        }

        @Override
        public boolean isDisposed() {
            return handle.isFinished();
        }
    }

    /**
     * Runs its Runnables one at a time in the order scheduled (Reactor's Worker contract), on a
     * SerialExecutor. Delayed and periodic work sleeps on the timing wheel, then joins the queue.
     * Disposing drops what is queued and aborts what sleeps.
     */
    final class SerialWorker implements Worker {
        private final dev.weft.runtime.SerialExecutor serial =
                new dev.weft.runtime.SerialExecutor(runtime, t -> Operators.onErrorDropped(t, reactor.util.context.Context.empty()));
        private final Disposable.Composite timed = Disposables.composite();

        @Override
        public Disposable schedule(Runnable task) {
            checkWorkerOpen();
            Item item = new Item(task);
            serial.execute(item);
            return item;
        }

        @Override
        public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
            checkWorkerOpen();
            Item item = new Item(task);
            TaskDisposable sleeper = new TaskDisposable(runtime.spawn(
                    Futures.map(Time.sleep(Duration.ofNanos(unit.toNanos(Math.max(0, delay)))), v -> enqueue(item))));
            timed.add(sleeper);
            return Disposables.composite(item, sleeper);
        }

        @Override
        public Disposable schedulePeriodically(Runnable task, long initialDelay, long period, TimeUnit unit) {
            checkWorkerOpen();
            // Each tick queues the Runnable behind the worker's other work, keeping it serial.
            TaskDisposable ticker = new TaskDisposable(runtime.spawn(
                    periodic(() -> enqueue(new Item(task)), initialDelay, period, unit)));
            timed.add(ticker);
            return ticker;
        }

        private void checkWorkerOpen() {
            if (serial.isClosed() || disposed) {
                throw Exceptions.failWithRejected("this Weft scheduler worker was disposed");
            }
        }

        private Void enqueue(Item item) {
            if (!serial.isClosed()) {
                try {
                    serial.execute(item);
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // Disposed while the timer fired: the work is dropped, as disposal promises.
                }
            }
            return null;
        }

        @Override
        public void dispose() {
            serial.close();
            timed.dispose();
        }

        @Override
        public boolean isDisposed() {
            return serial.isClosed();
        }
    }

    /** One queued Runnable; disposing it before it runs skips it. */
    static final class Item implements Disposable, Runnable {
        private volatile Runnable task;

        Item(Runnable task) {
            this.task = task;
        }

        @Override
        public void run() {
            Runnable t = task;
            task = null;
            if (t != null) {
                runGuarded(t);
            }
        }

        @Override
        public void dispose() {
            task = null;
        }

        @Override
        public boolean isDisposed() {
            return task == null;
        }
    }
}
