package dev.weft.adapters.rxjava;

import dev.weft.adapters.reactivestreams.ReactiveStreams;
import dev.weft.adapters.reactivestreams.StreamOptions;
import dev.weft.future.Future;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.WeftHooks;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.AsyncStream;
import io.reactivex.rxjava3.core.Completable;
import io.reactivex.rxjava3.core.Flowable;
import io.reactivex.rxjava3.core.Maybe;
import io.reactivex.rxjava3.core.Observable;
import io.reactivex.rxjava3.core.Scheduler;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.plugins.RxJavaPlugins;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * RxJava 3's {@link Single}, {@link Maybe}, {@link Completable}, {@link Flowable} and
 * {@link Observable} to and from Weft futures and streams, and schedulers both ways.
 *
 * <pre>{@code
 * Future<User> user = RxJavaAdapters.singleToFuture(api.user(id));
 * Future<Optional<User>> cached = RxJavaAdapters.maybeToFuture(cache.get(id));   // empty is Optional.empty()
 * Single<Order> order = RxJavaAdapters.futureToSingle(() -> placeOrder(cart), runtime); // a task per subscriber
 * AsyncStream<Event> events = RxJavaAdapters.flowableToStream(eventFlowable);
 * AsyncStream<Click> clicks = RxJavaAdapters.observableToStream(clickObservable, ObservableOverflow.latest());
 * }</pre>
 *
 * <p><strong>Cancellation, both ways:</strong> cancelling a Weft future or stream made here
 * disposes (cancels) the RxJava source; disposing a subscription to an RxJava type made here
 * aborts the task behind it. Neither is ever reported as an error.
 *
 * <p><strong>Backpressure:</strong> Flowables ride the Reactive Streams bridges of
 * {@link ReactiveStreams}; an {@link Observable} has none, so reading one needs an explicit
 * {@link ObservableOverflow} and never blocks the emitting thread.
 *
 * <p><strong>Errors nobody can receive</strong> go to {@link RxJavaPlugins#onError}, as RxJava's
 * own; {@link #routeUndeliverableErrorsToRxJava()} sends Weft's (WeftHooks) there too.
 *
 * <p><strong>Thread safety:</strong> every method is safe from any thread.
 */
public final class RxJavaAdapters {
    private RxJavaAdapters() {}

    /**
     * A future of the Single's value; subscribes on the first poll, disposes on cancel.
     *
     * @param single the source
     * @param <T> the value type
     * @return the future
     */
    public static <T> Future<T> singleToFuture(Single<T> single) {
        Objects.requireNonNull(single, "single is null");
        return new RxFuture<T, T>(single::subscribe, false);
    }

    /**
     * A future of the Maybe's outcome: {@code Optional.of(value)}, or {@code Optional.empty()}
     * when it completes empty (a distinct outcome, not an error).
     *
     * @param maybe the source
     * @param <T> the value type
     * @return the future
     */
    public static <T> Future<Optional<T>> maybeToFuture(Maybe<T> maybe) {
        Objects.requireNonNull(maybe, "maybe is null");
        return new RxFuture<T, Optional<T>>(maybe::subscribe, true);
    }

    /**
     * A future that completes ({@code null}) when the Completable does.
     *
     * @param completable the source
     * @return the future
     */
    public static Future<Void> completableToFuture(Completable completable) {
        Objects.requireNonNull(completable, "completable is null");
        return new RxFuture<Void, Void>(completable::subscribe, false);
    }

    /**
     * A cold Single: each subscription spawns a task running a fresh future; its value is the
     * Single's ({@code null} fails it with {@link NoSuchElementException}); disposing aborts the
     * task; a runtime that shuts down first fails it with {@code CancellationException}.
     *
     * @param futures makes the work, once per subscription
     * @param runtime where the tasks run
     * @param <T> the value type
     * @return the Single
     */
    public static <T> Single<T> futureToSingle(Supplier<? extends Future<T>> futures, WeftRuntime runtime) {
        Objects.requireNonNull(futures, "futures is null");
        Objects.requireNonNull(runtime, "runtime is null");
        return Single.create(emitter -> {
            EmitterTask<T> task = new EmitterTask<>(made(futures), EmitterTask.outcome(v -> {
                if (v == null) {
                    emitter.tryOnError(new NoSuchElementException("the future completed with null, but a Single needs a value"));
                } else {
                    emitter.onSuccess(v);
                }
            }, emitter::tryOnError));
            link(emitter::setCancellable, task, runtime.spawn(task));
        });
    }

    /**
     * A cold Maybe: like {@link #futureToSingle}, but a {@code null} value completes it empty.
     *
     * @param futures makes the work, once per subscription
     * @param runtime where the tasks run
     * @param <T> the value type
     * @return the Maybe
     */
    public static <T> Maybe<T> futureToMaybe(Supplier<? extends Future<T>> futures, WeftRuntime runtime) {
        Objects.requireNonNull(futures, "futures is null");
        Objects.requireNonNull(runtime, "runtime is null");
        return Maybe.create(emitter -> {
            EmitterTask<T> task = new EmitterTask<>(made(futures), EmitterTask.outcome(v -> {
                if (v == null) {
                    emitter.onComplete();
                } else {
                    emitter.onSuccess(v);
                }
            }, emitter::tryOnError));
            link(emitter::setCancellable, task, runtime.spawn(task));
        });
    }

    /**
     * A cold Completable: like {@link #futureToSingle}, completing when the future does,
     * whatever its value.
     *
     * @param futures makes the work, once per subscription
     * @param runtime where the tasks run
     * @return the Completable
     */
    public static Completable futureToCompletable(Supplier<? extends Future<?>> futures, WeftRuntime runtime) {
        Objects.requireNonNull(futures, "futures is null");
        Objects.requireNonNull(runtime, "runtime is null");
        return Completable.create(emitter -> {
            @SuppressWarnings("unchecked")
            Future<Object> work = (Future<Object>) made(futures);
            EmitterTask<Object> task = new EmitterTask<>(work, EmitterTask.outcome(v -> emitter.onComplete(), emitter::tryOnError));
            link(emitter::setCancellable, task, runtime.spawn(task));
        });
    }

    private static <F extends Future<?>> F made(Supplier<? extends F> futures) {
        return Objects.requireNonNull(futures.get(), "the future supplier returned null");
    }

    private static void link(java.util.function.Consumer<io.reactivex.rxjava3.functions.Cancellable> setCancellable,
            EmitterTask<?> task, JoinHandle<Void> handle) {
        setCancellable.accept(() -> {
            task.disposedBySubscriber = true; // before the abort: a dispose is not an error
            handle.abort();
        });
    }

    /**
     * The Flowable's items as a stream, with the default window. The stream subscribes as a
     * {@code FlowableSubscriber}, so RxJava does not wrap it in a {@code StrictSubscriber}:
     * prefer this to {@code ReactiveStreams.publisherToStream}.
     *
     * @param flowable the source
     * @param <T> the type of the items
     * @return the stream; a Flowable made by {@link #streamToFlowable} and not yet subscribed gives
     *     back its original stream
     */
    public static <T> AsyncStream<T> flowableToStream(Flowable<T> flowable) {
        return flowableToStream(flowable, StreamOptions.defaults());
    }

    /**
     * The Flowable's items as a stream, requesting as the options say.
     *
     * @param flowable the source
     * @param options the window and refill point
     * @param <T> the type of the items
     * @return the stream
     */
    public static <T> AsyncStream<T> flowableToStream(Flowable<T> flowable, StreamOptions options) {
        Objects.requireNonNull(flowable, "flowable is null");
        org.reactivestreams.Publisher<T> source = flowable instanceof StreamFlowable
                ? ((StreamFlowable<T>) flowable).source : new TrustedFlowable<>(flowable);
        return ReactiveStreams.publisherToStream(source, options);
    }

    /**
     * The stream as a Flowable for one subscriber, served by a task on the runtime.
     *
     * @param stream the source
     * @param runtime where the task runs
     * @param <T> the type of the items
     * @return the Flowable
     */
    @SuppressWarnings("unchecked")
    public static <T> Flowable<T> streamToFlowable(AsyncStream<T> stream, WeftRuntime runtime) {
        org.reactivestreams.Publisher<T> publisher = ReactiveStreams.streamToPublisher(stream, runtime);
        return publisher instanceof TrustedFlowable ? ((TrustedFlowable<T>) publisher).flowable : new StreamFlowable<>(publisher);
    }

    /**
     * A cold Flowable: every subscriber gets a fresh stream from the supplier.
     *
     * @param streams makes one stream per subscriber
     * @param runtime where the tasks run
     * @param <T> the type of the items
     * @return the Flowable
     */
    public static <T> Flowable<T> deferredStreamToFlowable(Supplier<? extends AsyncStream<T>> streams, WeftRuntime runtime) {
        return new StreamFlowable<>(ReactiveStreams.deferredStreamToPublisher(streams, runtime));
    }

    /**
     * The Observable's items as a stream. An Observable cannot be asked to slow down, so the
     * overflow strategy says what happens to items the stream has not read yet; the emitting
     * thread is never blocked. The stream pulls one item at a time from the strategy's buffer, so
     * at most the strategy's bound plus one item are held.
     *
     * @param observable the source
     * @param overflow what to do with items that arrive faster than they are read
     * @param <T> the type of the items
     * @return the stream; cancelling it disposes the Observable
     */
    public static <T> AsyncStream<T> observableToStream(Observable<T> observable, ObservableOverflow overflow) {
        Objects.requireNonNull(observable, "observable is null");
        Objects.requireNonNull(overflow, "overflow is null");
        return ReactiveStreams.publisherToStream(new TrustedFlowable<>(overflow.apply(observable)), StreamOptions.strictPull());
    }

    /**
     * The stream as an Observable: the stream is read as fast as it produces (an Observable
     * cannot ask for less), by a task on the runtime.
     *
     * @param stream the source
     * @param runtime where the task runs
     * @param <T> the type of the items
     * @return the Observable, for one observer
     */
    public static <T> Observable<T> streamToObservable(AsyncStream<T> stream, WeftRuntime runtime) {
        return streamToFlowable(stream, runtime).toObservable();
    }

    /**
     * The runtime as an RxJava {@link Scheduler}: direct work is a task each, delays run on the
     * timing wheel, a Worker runs its tasks one at a time in order, and disposing a task or a
     * worker cancels what is pending on it.
     *
     * @param runtime the runtime
     * @return the scheduler
     */
    public static Scheduler asScheduler(WeftRuntime runtime) {
        return new WeftRxScheduler(Objects.requireNonNull(runtime, "runtime is null"));
    }

    /**
     * An RxJava {@link Scheduler} as an {@link Executor} for {@link WeftRuntime.Builder#executor},
     * so Weft tasks are polled on the scheduler's threads.
     *
     * @param scheduler where task polls run
     * @return the executor
     */
    public static Executor asExecutor(Scheduler scheduler) {
        Objects.requireNonNull(scheduler, "scheduler is null");
        return scheduler::scheduleDirect;
    }

    /** Sends Weft's undeliverable errors (WeftHooks) to {@link RxJavaPlugins#onError}. */
    public static void routeUndeliverableErrorsToRxJava() {
        WeftHooks.setErrorHandler(RxJavaPlugins::onError);
    }
}
