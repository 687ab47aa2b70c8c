package dev.weft.adapters.reactivestreams;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import java.util.NoSuchElementException;
import org.reactivestreams.Publisher;

/** first, single and last of a publisher, read through a PublisherStream sized for each. */
final class PublisherFuture<T> implements Future<T> {
    enum Mode {
        FIRST, SINGLE, LAST
    }

    private final Mode mode;
    private PublisherStream<T> stream;
    private T kept;

    PublisherFuture(Publisher<? extends T> source, Mode mode) {
        this.mode = mode;
        // first: request 1 and cancel after it; single: request 2, enough to see a second item.
        StreamOptions options = mode == Mode.FIRST ? StreamOptions.strictPull()
                : mode == Mode.SINGLE ? StreamOptions.prefetch(2).refillAfter(2) : StreamOptions.defaults();
        this.stream = new PublisherStream<>(source, options);
    }

    @Override
    public Poll<T> poll(Context cx) {
        PublisherStream<T> s = stream;
        if (s == null) {
            throw new IllegalStateException("future polled after it completed");
        }
        for (;;) {
            Poll<T> p;
            try {
                p = s.pollNext(cx);
            } catch (Throwable t) {
                stream = null;
                throw t;
            }
            if (p.isPending()) {
                return Poll.pending();
            }
            T item = p.value();
            if (item == null) {
                stream = null;
                if (kept == null) {
                    throw new NoSuchElementException("the publisher completed without an item");
                }
                T v = kept;
                kept = null;
                return Poll.ready(v);
            }
            switch (mode) {
                case FIRST:
                    stream = null;
                    s.cancel();
                    return Poll.ready(item);
                case SINGLE:
                    if (kept != null) {
                        stream = null;
                        kept = null;
                        s.cancel();
                        throw new IllegalArgumentException("the publisher signalled more than one item where a single one was expected");
                    }
                    kept = item;
                    break;
                default:
                    kept = item;
                    if (!cx.tryConsumeBudget()) {
                        return Poll.pending();
                    }
            }
        }
    }

    @Override
    public void cancel() {
        PublisherStream<T> s = stream;
        stream = null;
        kept = null;
        if (s != null) {
            s.cancel();
        }
    }
}
