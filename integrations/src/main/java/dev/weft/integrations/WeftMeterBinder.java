package dev.weft.integrations;

import dev.weft.runtime.RuntimeMetrics;
import dev.weft.runtime.WeftRuntime;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Publishes a runtime's {@link WeftRuntime#metrics()} to Micrometer: counters
 * {@code weft.tasks.spawned}, {@code weft.polls}, {@code weft.steals}, {@code weft.parks}, and
 * gauges {@code weft.tasks.waiting}, {@code weft.tasks.queued}, {@code weft.timers},
 * {@code weft.sockets}, all tagged {@code runtime=<name>}.
 *
 * <pre>{@code
 * new WeftMeterBinder(runtime, "orders").bindTo(registry);
 * }</pre>
 *
 * <p>Each read takes a fresh snapshot, so a scrape costs a few reads of counters and queue
 * lengths. Needs {@code io.micrometer:micrometer-core} on the class path (an optional dependency
 * of this module).
 */
public final class WeftMeterBinder implements MeterBinder {
    private final WeftRuntime runtime;
    private final Tags tags;

    /**
     * Creates the binder.
     *
     * @param runtime the runtime to observe
     * @param name the value of the {@code runtime} tag
     * @throws NullPointerException if an argument is null
     */
    public WeftMeterBinder(WeftRuntime runtime, String name) {
        this.runtime = Objects.requireNonNull(runtime, "runtime is null");
        this.tags = Tags.of(Tag.of("runtime", Objects.requireNonNull(name, "name is null")));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "weft.tasks.spawned", "Tasks spawned", m -> m.tasksSpawned());
        counter(registry, "weft.polls", "Task polls", m -> m.polls());
        counter(registry, "weft.steals", "Tasks stolen from another worker's queue", m -> m.steals());
        counter(registry, "weft.parks", "Times a worker slept for want of work", m -> m.parks());
        gauge(registry, "weft.tasks.waiting", "Tasks waiting for a wake", m -> m.tasksWaiting());
        gauge(registry, "weft.tasks.queued", "Tasks queued to be polled", m -> m.tasksQueued());
        gauge(registry, "weft.timers", "Timers on the timing wheel", m -> m.timers());
        gauge(registry, "weft.sockets", "Sockets registered with the selector", m -> m.registeredSockets());
    }

    private void counter(MeterRegistry registry, String name, String help, ToDoubleFunction<RuntimeMetrics> read) {
        FunctionCounter.builder(name, runtime, rt -> read.applyAsDouble(rt.metrics()))
                .description(help).tags(tags).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String help, ToDoubleFunction<RuntimeMetrics> read) {
        Gauge.builder(name, runtime, rt -> read.applyAsDouble(rt.metrics()))
                .description(help).tags(tags).register(registry);
    }
}
