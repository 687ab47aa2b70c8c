package dev.weft.adapters.reactivestreams;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/** Hand-made publishers, each well-behaved or broken in one chosen way. */
final class TestPublishers {
    private TestPublishers() {}

    /**
     * Emits 0..count-1 synchronously inside request() (with the usual trampoline so a request
     * from onNext does not recurse), recording every request; `extra` more items than requested
     * makes it over-deliver.
     */
    static final class Range implements Publisher<Integer> {
        final int count;
        final int extra;
        final List<Long> requests = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong requested = new AtomicLong();
        volatile boolean cancelled;

        Range(int count, int extra) {
            this.count = count;
            this.extra = extra;
        }

        @Override
        public void subscribe(Subscriber<? super Integer> s) {
            s.onSubscribe(new Subscription() {
                private int next;
                private long demand;
                private boolean emitting;
                private boolean done;

                @Override
                public void request(long n) {
                    requests.add(n);
                    requested.addAndGet(n);
                    demand += n + (next == 0 ? extra : 0);
                    if (emitting) {
                        return;
                    }
                    emitting = true;
                    while (demand > 0 && next < count && !cancelled) {
                        demand--;
                        s.onNext(next++);
                    }
                    if (next == count && !done && !cancelled) {
                        done = true;
                        s.onComplete();
                    }
                    emitting = false;
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            });
        }
    }

    /** Calls onSubscribe and then nothing unless told. */
    static final class Manual implements Publisher<Integer> {
        volatile Subscriber<? super Integer> subscriber;
        final AtomicLong requested = new AtomicLong();
        volatile boolean cancelled;
        final boolean callOnSubscribe;

        Manual(boolean callOnSubscribe) {
            this.callOnSubscribe = callOnSubscribe;
        }

        @Override
        public void subscribe(Subscriber<? super Integer> s) {
            subscriber = s;
            if (callOnSubscribe) {
                s.onSubscribe(subscription());
            }
        }

        Subscription subscription() {
            return new Subscription() {
                @Override
                public void request(long n) {
                    requested.addAndGet(n);
                }

                @Override
                public void cancel() {
                    cancelled = true;
                }
            };
        }
    }
}
