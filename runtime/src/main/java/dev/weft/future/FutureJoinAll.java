package dev.weft.future;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Waits for every future of a list, polling only the ones that were woken, and yields their
 * values in list order; the first failure cancels the rest.
 */
final class FutureJoinAll<T> implements Future<List<T>> {
    private final FutureSet<T> set = new FutureSet<>();
    private final Object[] values;
    private boolean finished;

    FutureJoinAll(List<? extends Future<? extends T>> futures) {
        values = new Object[futures.size()];
        for (Future<? extends T> f : futures) {
            set.add(f);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public Poll<List<T>> poll(Context cx) {
        if (finished) {
            throw new IllegalStateException("future polled after it completed");
        }
        while (!set.isEmpty()) {
            Poll<FutureSet.Completion<T>> p = set.pollNext(cx);
            if (p.isPending()) {
                return Poll.pending();
            }
            FutureSet.Completion<T> c = p.value();
            if (c.isFailure()) {
                finished = true;
                set.cancelAll();
            }
            values[c.key()] = c.get();
        }
        finished = true;
        return Poll.ready((List<T>) new ArrayList<>(Arrays.asList(values)));
    }

    @Override
    public void cancel() {
        finished = true;
        set.cancelAll();
    }
}
