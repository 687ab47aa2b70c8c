package dev.weft.stream;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;

/** AsyncSink.send: one ready-then-startSend round. */
final class SinkSend<T> implements Future<Void> {
    private final AsyncSink<T> sink;
    private T item;

    SinkSend(AsyncSink<T> sink, T item) {
        this.sink = sink;
        this.item = item;
    }

    @Override
    public Poll<Void> poll(Context cx) {
        T it = item;
        if (it == null) {
            throw new IllegalStateException("future polled after it completed");
        }
        if (sink.pollReady(cx).isPending()) {
            return Poll.pending();
        }
        item = null;
        sink.startSend(it);
        return Poll.ready(null);
    }

    @Override
    public void cancel() {
        item = null;
    }
}
