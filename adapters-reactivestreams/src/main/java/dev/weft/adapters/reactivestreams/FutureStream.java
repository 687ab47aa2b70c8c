package dev.weft.adapters.reactivestreams;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.stream.AsyncStream;

/** A future as a stream of at most one item: its value (none if the value is null), then the end. */
final class FutureStream<T> implements AsyncStream<T> {
    private Future<T> future;
    private boolean ended;

    FutureStream(Future<T> future) {
        this.future = future;
    }

    @Override
    public Poll<T> pollNext(Context cx) {
        if (ended) {
            throw new IllegalStateException("stream polled after it ended");
        }
        Future<T> f = future;
        if (f == null) {
            ended = true;
            return Poll.ready(null);
        }
        Poll<T> p;
        try {
            p = f.poll(cx);
        } catch (Throwable t) {
            future = null;
            ended = true;
            throw t;
        }
        if (p.isPending()) {
            return p;
        }
        future = null;
        if (p.value() == null) {
            ended = true;
        }
        return p;
    }

    @Override
    public void cancel() {
        Future<T> f = future;
        future = null;
        ended = true;
        if (f != null) {
            f.cancel();
        }
    }
}
