package dev.weft.adapters.rxjava;

import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.WeftRuntime;
import dev.weft.time.Time;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.disposables.CompositeDisposable;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A Weft runtime as an RxJava Scheduler: direct work is a task each; delays run on the timing
 * wheel; a Worker runs its Runnables one at a time, in order (RxJava's Worker contract), drained
 * by one task at a time. A Runnable that throws goes to RxJavaPlugins.onError, as with RxJava's
 * own schedulers.
 */
final class WeftRxScheduler extends Scheduler {
    private final WeftRuntime runtime;

    WeftRxScheduler(WeftRuntime runtime) {
        this.runtime = runtime;
    }

    @Override
    public Worker createWorker() {
        return new SerialWorker();
    }

    @Override
    public Disposable scheduleDirect(Runnable run, long delay, TimeUnit unit) {
        Runnable r = RxJavaPlugins.onSchedule(run);
        Future<Void> work = delay <= 0 ? Futures.lazy(() -> runGuarded(r))
                : Futures.flatMap(Time.sleep(Duration.ofNanos(unit.toNanos(delay))), v -> Futures.lazy(() -> runGuarded(r)));
        JoinHandle<Void> h = runtime.spawn(work);
        return Disposable.fromRunnable(h::abort);
    }

    static Void runGuarded(Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            RxJavaPlugins.onError(t);
        }
        return null;
    }

    /** Serial, in-order (RxJava's Worker contract), on a SerialExecutor; delays sleep on the wheel. */
    final class SerialWorker extends Worker {
        private final dev.weft.runtime.SerialExecutor serial = new dev.weft.runtime.SerialExecutor(runtime, RxJavaPlugins::onError);
        private final CompositeDisposable timed = new CompositeDisposable();

        @Override
        public Disposable schedule(Runnable run, long delay, TimeUnit unit) {
            if (serial.isClosed()) {
                return Disposable.disposed();
            }
            Item item = new Item(RxJavaPlugins.onSchedule(run));
            if (delay <= 0) {
                enqueue(item);
                return item;
            }
            JoinHandle<Void> sleeper = runtime.spawn(Futures.map(
                    Time.sleep(Duration.ofNanos(unit.toNanos(delay))), v -> enqueue(item)));
            Disposable d = Disposable.fromRunnable(sleeper::abort);
            timed.add(d);
            return new CompositeDisposable(item, d);
        }

        private Void enqueue(Item item) {
            try {
                serial.execute(item);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // Disposed meanwhile: the work is dropped, as disposal promises.
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
