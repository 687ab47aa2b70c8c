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
    /*
     * The step to apply first is kept in fields, the rest in an array stack allocated only when
     * chains are absorbed, so the common one-step map costs no array. topFn is null only when no
     * step is left (then size is 0 too).
     */
    private int topKind;
    private Function<?, ?> topFn;
    /** The later steps; the top (index size - 1) applies next. Entries alternate kind, function. */
    private Object[] steps;
    private int size;
    private boolean done;

    FutureChain(Future<?> source, int kind, Function<?, ?> fn) {
        this.current = source;
        this.topKind = kind;
        this.topFn = fn;
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
                Function<Object, Object> fn = (Function<Object, Object>) topFn;
                if (fn == null) {
                    done = true;
                    steps = null;
                    if (failure != null) {
                        throw Throwables.sneakyThrow(failure);
                    }
                    return Poll.ready((T) value);
                }
                int kind = topKind;
                popTop();
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

    /** Moves the next step from the array into the top fields, or clears them if none is left. */
    private void popTop() {
        if (size == 0) {
            topFn = null;
            return;
        }
        Object[] st = steps;
        topFn = (Function<?, ?>) st[--size];
        topKind = (Integer) st[--size];
        st[size] = null;
        st[size + 1] = null;
    }

    /** Moves the inner chain's steps on top of ours; they apply first, being nearer the source. */
    private void absorb(FutureChain<?> inner) {
        if (inner.done) {
            throw new IllegalStateException("a future that already completed was chained again");
        }
        if (inner.topFn == null) { // polled before and waiting on its last flatMap's future
            current = inner.current;
            inner.current = null;
            inner.done = true;
            return;
        }
        // Our top goes below the inner steps; the inner top becomes ours.
        int need = size + 2 + inner.size;
        if (steps == null || need > steps.length) {
            steps = steps == null ? new Object[Math.max(need, 8)]
                    : Arrays.copyOf(steps, Math.max(need, steps.length * 2));
        }
        if (topFn != null) {
            steps[size++] = topKind;
            steps[size++] = topFn;
        }
        if (inner.size > 0) {
            System.arraycopy(inner.steps, 0, steps, size, inner.size);
            size += inner.size;
        }
        topKind = inner.topKind;
        topFn = inner.topFn;
        current = inner.current;
        // The inner chain now lives in this one; polling it separately would be a bug.
        inner.steps = null;
        inner.topFn = null;
        inner.size = 0;
        inner.current = null;
        inner.done = true;
    }

    @Override
    public void cancel() {
        Future<?> c = current;
        current = null;
        topFn = null;
        steps = null;
        size = 0;
        done = true;
        if (c != null) {
            c.cancel();
        }
    }
}
