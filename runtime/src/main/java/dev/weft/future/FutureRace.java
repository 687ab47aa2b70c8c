package dev.weft.future;

import java.util.List;

/** The first of several futures to finish, value or failure, wins; the losers are cancelled. */
final class FutureRace<T> implements Future<T> {
    private final FutureSet<T> set = new FutureSet<>();
    private boolean finished;

    FutureRace(List<? extends Future<? extends T>> futures) {
        for (Future<? extends T> f : futures) {
            set.add(f);
        }
    }

    @Override
    public Poll<T> poll(Context cx) {
        if (finished) {
            throw new IllegalStateException("future polled after it completed");
        }
        Poll<FutureSet.Completion<T>> p = set.pollNext(cx);
        if (p.isPending()) {
            return Poll.pending();
        }
        finished = true;
        set.cancelAll();
        return Poll.ready(p.value().get());
    }

    @Override
    public void cancel() {
        finished = true;
        set.cancelAll();
    }
}
