package dev.weft.future;

import dev.weft.internal.util.Throwables;
import java.util.Arrays;
import java.util.function.Function;

/**
 * map, flatMap and recover as one stack-safe state machine.
 *
 * <p>A chain is the future it currently waits on plus a stack of steps to apply to its outcome.
 * Chains absorb chains: when the future being waited on is itself a FutureChain (a left-nested
 * {@code map(map(map(f)))} built in a loop, or a flatMap that returns another chain, as a
 * recursive loop does) its steps are moved onto this stack and its inner future becomes the one
 * waited on. So a chain of any depth is polled by one loop, never by recursion.
 */
final class FutureChain<T> implements Future<T> {
    static final int MAP = 0;
    static final int FLAT_MAP = 1;
    static final int RECOVER = 2;

    private Future<?> current;
    /** Steps; the top (index size - 1) applies first. Entries alternate kind, function. */
    private Object[] steps;
    private int size;
    private boolean done;

    FutureChain(Future<?> source, int kind, Function<?, ?> fn) {
        this.current = source;
        this.steps = new Object[4];
        steps[0] = kind;
        steps[1] = fn;
        size = 2;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Poll<T> poll(Context cx) {
        if (done) {
            throw new IllegalStateException("future polled after it completed");
        }
        for (;;) {
            Future<?> c = current;
            if (c instanceof FutureChain) {
                absorb((FutureChain<?>) c);
                continue;
            }
            Object value = null;
            Throwable failure = null;
            try {
                Poll<?> p = c.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                value = p.value();
            } catch (Throwable t) {
                failure = t;
            }
            current = null;
            // Apply steps until one hands back a future to wait on, or none is left.
            for (;;) {
                if (size == 0) {
                    done = true;
                    steps = null;
                    if (failure != null) {
                        throw Throwables.sneakyThrow(failure);
                    }
                    return Poll.ready((T) value);
                }
                Function<Object, Object> fn = (Function<Object, Object>) steps[--size];
                int kind = (Integer) steps[--size];
                steps[size] = null;
                steps[size + 1] = null;
                if (failure != null) {
                    if (kind != RECOVER) {
                        continue;
                    }
                    try {
                        value = fn.apply(failure);
                        failure = null;
                    } catch (Throwable t) {
                        failure = t;
                    }
                } else if (kind == MAP) {
                    try {
                        value = fn.apply(value);
                    } catch (Throwable t) {
                        failure = t;
                    }
                } else if (kind == FLAT_MAP) {
                    try {
                        Object next = fn.apply(value);
                        if (next == null) {
                            throw new NullPointerException("flatMap mapper returned null instead of a future");
                        }
                        current = (Future<?>) next;
                        break;
                    } catch (Throwable t) {
                        failure = t;
                    }
                }
                // RECOVER with no failure passes the value through.
            }
        }
    }

    /** Moves the inner chain's steps on top of ours; they apply first, being nearer the source. */
    private void absorb(FutureChain<?> inner) {
        if (inner.done || inner.steps == null) {
            throw new IllegalStateException("a future that already completed was chained again");
        }
        int need = size + inner.size;
        if (need > steps.length) {
            steps = Arrays.copyOf(steps, Math.max(need, steps.length * 2));
        }
        System.arraycopy(inner.steps, 0, steps, size, inner.size);
        size = need;
        current = inner.current;
        // The inner chain now lives in this one; polling it separately would be a bug.
        inner.steps = null;
        inner.current = null;
        inner.done = true;
    }

    @Override
    public void cancel() {
        Future<?> c = current;
        current = null;
        steps = null;
        size = 0;
        done = true;
        if (c != null) {
            c.cancel();
        }
    }
}
