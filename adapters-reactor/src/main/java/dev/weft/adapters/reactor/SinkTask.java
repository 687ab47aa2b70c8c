package dev.weft.adapters.reactor;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import java.util.concurrent.CancellationException;
import reactor.core.publisher.MonoSink;

/**
 * The task behind ReactorAdapters.futureToMono: polls the future and completes the MonoSink;
 * if aborted by anything other than the subscriber's cancel (the runtime shutting down), it
 * fails the sink so the subscriber does not wait forever. A subscriber's cancel is never turned
 * into an error.
 */
final class SinkTask<T> implements Future<Void> {
    private final Future<T> inner;
    private final MonoSink<T> sink;
    volatile boolean subscriberCancelled;
    private boolean finished;

    SinkTask(Future<T> inner, MonoSink<T> sink) {
        this.inner = inner;
        this.sink = sink;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        Poll<T> p;
        try {
            p = inner.poll(cx);
        } catch (Throwable t) {
            finished = true;
            sink.error(t);
            return Poll.ready(null);
        }
        if (p.isPending()) {
            return Poll.pending();
        }
        finished = true;
        T v = p.value();
        if (v == null) {
            sink.success();
        } else {
            sink.success(v);
        }
        return Poll.ready(null);
    }

    @Override
    public void cancel() {
        if (finished) {
            return;
        }
        finished = true;
        inner.cancel();
        if (!subscriberCancelled) {
            sink.error(new CancellationException("the Weft runtime running this Mono's task shut down"));
        }
    }
}
