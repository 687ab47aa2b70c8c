package dev.weft.adapters.reactor;

import dev.weft.adapters.reactivestreams.ReactiveStreams;
import dev.weft.adapters.reactivestreams.StreamOptions;
import dev.weft.future.Future;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.TaskLocal;
import dev.weft.runtime.WeftHooks;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.AsyncStream;
import java.util.Objects;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.Scannable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.util.context.Context;
import reactor.util.context.ContextView;

/**
 * Reactor's {@link Mono} and {@link Flux} to and from Weft futures and streams, and a Weft runtime
 * as a Reactor {@link Scheduler}.
 *
 * <pre>{@code
 * Future<User> user = ReactorAdapters.monoToFuture(userRepository.findById(id));  // await a Mono in a task
 * Mono<Order> order = ReactorAdapters.futureToMono(() -> placeOrder(cart), runtime); // a task per subscriber
 * AsyncStream<Event> events = ReactorAdapters.fluxToStream(eventFlux);             // pull with backpressure
 * Flux<Line> lines = ReactorAdapters.streamToFlux(lineStream, runtime);
 * Flux.range(0, 10).publishOn(ReactorAdapters.asScheduler(runtime));               // Weft as a Scheduler
 * }</pre>
 *
 * <p><strong>Backpressure and cancellation</strong> follow the Reactive Streams bridges of
 * {@link ReactiveStreams}: a stream made from a Flux requests a window as it is consumed;
 * a Flux made from a stream polls it only while there is demand; cancelling either side cancels
 * the other. A subscriber's cancel is never reported as an error.
 *
 * <p><strong>Context:</strong> a task made by {@link #futureToMono} sees its subscriber's Reactor
 * context through {@link #currentContext()}; what it adds with {@link #putContext} is the
 * subscriber context of the Monos it awaits with {@link #monoToFuture}.
 *
 * <p><strong>Errors nobody can receive</strong> go to Reactor's {@code Hooks.onErrorDropped} once
 * {@link #routeUndeliverableErrorsToReactor()} was called (Weft's own default is
 * {@link WeftHooks}, which prints them).
 *
 * <p><strong>Thread safety:</strong> every method is safe from any thread.
 */
public final class ReactorAdapters {
    /** The Reactor context of the subscription a task runs for (see {@link #currentContext()}). */
    static final TaskLocal<ContextView> CONTEXT = new TaskLocal<>();

    private ReactorAdapters() {}

    /**
     * The Reactor {@code ContextView} of the subscriber a task is running for: inside a future
     * made into a Mono by {@link #futureToMono}, the subscriber's context; after
     * {@link #putContext} in that task, the context with that entry. Empty elsewhere.
     *
     * @return the context visible to the code being polled on this thread
     */
    public static ContextView currentContext() {
        return CONTEXT.getOrElse(Context.empty());
    }

    /**
     * Adds an entry to the task's Reactor context, for the rest of the task: the Monos it then
     * awaits with {@link #monoToFuture} see it as their subscriber context.
     *
     * @param key the key
     * @param value the value
     * @throws IllegalStateException outside a task made by {@link #futureToMono}
     */
    public static void putContext(Object key, Object value) {
        CONTEXT.set(Context.of(CONTEXT.get()).put(key, value));
    }

    /**
     * A future of the Mono's outcome: subscribes on the first poll, requests one item, completes
     * with the value, or with {@code null} if the Mono completes empty, or fails with its error.
     * Cancelling the future cancels the subscription.
     *
     * @param mono the source
     * @param <T> the value type
     * @return the future
     * @throws NullPointerException if mono is null
     */
    public static <T> Future<T> monoToFuture(Mono<T> mono) {
        return new MonoFuture<>(Objects.requireNonNull(mono, "mono is null"));
    }

    /**
     * A cold Mono: every subscription spawns a task running a fresh future from the supplier and
     * completes with its value (empty if the value is {@code null}) or its error. Cancelling the
     * subscription aborts the task; a runtime that shuts down first fails the Mono with
     * {@code CancellationException}.
     *
     * @param futures makes the work, once per subscription
     * @param runtime where the tasks run
     * @param <T> the value type
     * @return the Mono
     * @throws NullPointerException if an argument is null
     */
    public static <T> Mono<T> futureToMono(Supplier<? extends Future<T>> futures, WeftRuntime runtime) {
        return futureToMono(futures, runtime, true);
    }

    /**
     * {@link #futureToMono(Supplier, WeftRuntime)}, choosing whether the subscriber's Reactor
     * context is made visible to the task ({@link #currentContext()}): {@code false} skips that
     * wrapper where no task reads it.
     *
     * @param futures makes the work, once per subscription
     * @param runtime where the tasks run
     * @param copyContext whether the task sees the subscriber's context
     * @param <T> the value type
     * @return the Mono
     * @throws NullPointerException if an argument is null
     */
    public static <T> Mono<T> futureToMono(Supplier<? extends Future<T>> futures, WeftRuntime runtime, boolean copyContext) {
        Objects.requireNonNull(futures, "futures is null");
        Objects.requireNonNull(runtime, "runtime is null");
        return Mono.create(sink -> {
            Future<T> made = Objects.requireNonNull(futures.get(), "the future supplier returned null");
            Future<T> work = copyContext ? CONTEXT.scope(sink.contextView(), made) : made;
            SinkTask<T> task = new SinkTask<>(work, sink);
            JoinHandle<Void> handle = runtime.spawn(task);
            sink.onCancel(() -> {
                task.subscriberCancelled = true; // before the abort: not an error
                handle.abort();
            });
        });
    }

    /**
     * Spawns the future now and returns a Mono of its outcome, replayed to every subscriber (like
     * {@code Mono.fromFuture}). The task is shared: a subscriber that cancels stops waiting, and
     * the task runs on.
     *
     * @param runtime where the task runs
     * @param future the work
     * @param <T> the value type
     * @return the Mono of the task's outcome
     * @throws NullPointerException if an argument is null
     */
    public static <T> Mono<T> spawnMono(WeftRuntime runtime, Future<T> future) {
        Objects.requireNonNull(runtime, "runtime is null");
        Objects.requireNonNull(future, "future is null");
        Sinks.One<T> outcome = Sinks.one();
        runtime.spawn(new SinkTask<>(future, new OneSink<>(outcome)));
        return outcome.asMono();
    }

    /**
     * The Flux's items as a stream. The window is the Flux's own prefetch when it declares a
     * bounded one (an operator like {@code publishOn} or {@code concatMap} that already buffers),
     * else the default ({@link StreamOptions#defaults()}). The stream subscribes as a
     * {@code CoreSubscriber}, so Reactor does not wrap it in a {@code StrictSubscriber} (two
     * atomic operations per item): prefer this to {@code ReactiveStreams.publisherToStream}.
     *
     * @param flux the source
     * @param <T> the type of the items
     * @return the stream; a Flux made by {@link #streamToFlux} and not yet subscribed gives back
     *     its original stream
     */
    public static <T> AsyncStream<T> fluxToStream(Flux<T> flux) {
        return fluxToStream(Objects.requireNonNull(flux, "flux is null"), optionsFor(flux));
    }

    /** The Flux's own bounded prefetch as the window, else the default. */
    static StreamOptions optionsFor(Flux<?> flux) {
        int prefetch = flux.getPrefetch();
        boolean bounded = prefetch > 0 && prefetch <= MAX_ADOPTED_PREFETCH;
        return bounded ? StreamOptions.prefetch(prefetch) : StreamOptions.defaults();
    }

    /** Larger declared prefetches (Integer.MAX_VALUE means unbounded) keep the default window. */
    private static final int MAX_ADOPTED_PREFETCH = 4096;

    /**
     * The Flux's items as a stream, requesting as the options say.
     *
     * @param flux the source
     * @param options the window and refill point
     * @param <T> the type of the items
     * @return the stream
     */
    @SuppressWarnings("unchecked")
    public static <T> AsyncStream<T> fluxToStream(Flux<T> flux, StreamOptions options) {
        Objects.requireNonNull(flux, "flux is null");
        // Flux.from(publisher) only wraps it: look through the wrapper for the round trip.
        Object parent = Scannable.from(flux).scanUnsafe(Scannable.Attr.PARENT);
        Publisher<T> source = parent instanceof Publisher && isPlainWrapper(flux) ? (Publisher<T>) parent : new TrustedFlux<>(flux);
        return ReactiveStreams.publisherToStream(source, options);
    }

    private static boolean isPlainWrapper(Flux<?> flux) {
        String name = flux.getClass().getName();
        return name.equals("reactor.core.publisher.FluxSource") || name.equals("reactor.core.publisher.FluxSourceFuseable");
    }

    /**
     * The stream as a Flux for one subscriber, served by a task on the runtime.
     *
     * @param stream the source
     * @param runtime where the task runs
     * @param <T> the type of the items
     * @return the Flux (Reactor's own operators apply from here)
     */
    @SuppressWarnings("unchecked")
    public static <T> Flux<T> streamToFlux(AsyncStream<T> stream, WeftRuntime runtime) {
        Publisher<T> publisher = ReactiveStreams.streamToPublisher(stream, runtime);
        return publisher instanceof TrustedFlux ? ((TrustedFlux<T>) publisher).flux : Flux.from(publisher);
    }

    /**
     * A cold Flux: every subscriber gets a fresh stream from the supplier.
     *
     * @param streams makes one stream per subscriber
     * @param runtime where the tasks run
     * @param <T> the type of the items
     * @return the Flux
     */
    public static <T> Flux<T> deferredStreamToFlux(Supplier<? extends AsyncStream<T>> streams, WeftRuntime runtime) {
        return Flux.from(ReactiveStreams.deferredStreamToPublisher(streams, runtime));
    }

    /**
     * The runtime as a Reactor {@link Scheduler}: each scheduled task is a Weft task; delays and
     * periods use the runtime's timing wheel; each {@code Worker} runs its tasks one at a time,
     * in order; disposing a task or a worker cancels what is pending on it. Disposing the
     * scheduler refuses new work and does not shut the runtime down: it belongs to its owner. A
     * Runnable that throws goes to {@code Hooks.onErrorDropped}.
     *
     * @param runtime the runtime
     * @return a new scheduler on it
     */
    public static Scheduler asScheduler(WeftRuntime runtime) {
        return new WeftScheduler(Objects.requireNonNull(runtime, "runtime is null"));
    }

    /**
     * A Reactor {@link Scheduler} as an {@link java.util.concurrent.Executor} for
     * {@link WeftRuntime.Builder#executor}: Weft tasks are then polled on the scheduler's threads,
     * inside an existing Reactor application's thread model.
     *
     * <pre>{@code
     * WeftRuntime rt = WeftRuntime.builder().executor(ReactorAdapters.asExecutor(Schedulers.parallel())).build();
     * }</pre>
     *
     * @param scheduler where task polls run; if it is disposed, tasks that wake are cancelled
     * @return the executor
     * @throws NullPointerException if scheduler is null
     */
    public static java.util.concurrent.Executor asExecutor(Scheduler scheduler) {
        Objects.requireNonNull(scheduler, "scheduler is null");
        return scheduler::schedule;
    }

    /**
     * Sends Weft's undeliverable errors (WeftHooks) to Reactor's {@code Hooks.onErrorDropped},
     * for applications that already watch Reactor's hook. Replaces any WeftHooks handler.
     */
    public static void routeUndeliverableErrorsToReactor() {
        WeftHooks.setErrorHandler(e -> Operators.onErrorDropped(e, Context.empty()));
    }

    /** A MonoSink facade over Sinks.One, for spawnMono's shared task. */
    private static final class OneSink<T> implements reactor.core.publisher.MonoSink<T> {
        private final Sinks.One<T> one;

        OneSink(Sinks.One<T> one) {
            this.one = one;
        }

        @Override
        public void success() {
            one.tryEmitEmpty();
        }

        @Override
        public void success(T value) {
            one.tryEmitValue(value);
        }

        @Override
        public void error(Throwable e) {
            one.tryEmitError(e);
        }

        @Override
        @Deprecated
        public Context currentContext() {
            return Context.empty();
        }

        @Override
        public reactor.core.publisher.MonoSink<T> onRequest(java.util.function.LongConsumer consumer) {
            return this;
        }

        @Override
        public reactor.core.publisher.MonoSink<T> onCancel(reactor.core.Disposable d) {
            return this;
        }

        @Override
        public reactor.core.publisher.MonoSink<T> onDispose(reactor.core.Disposable d) {
            return this;
        }
    }
}
