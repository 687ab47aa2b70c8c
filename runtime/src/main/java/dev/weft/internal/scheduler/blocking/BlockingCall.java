package dev.weft.internal.scheduler.blocking;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.internal.util.Throwables;
import java.util.concurrent.Callable;

/** The future of a blocking task: its one poll runs the callable on a pool thread. */
public final class BlockingCall<T> implements Future<T> {
    private final Callable<? extends T> work;

    public BlockingCall(Callable<? extends T> work) {
        this.work = work;
    }

    @Override
    public Poll<T> poll(Context cx) {
        try {
            return Poll.ready(work.call());
        } catch (Exception e) {
            throw Throwables.sneakyThrow(e);
        }
    }
}
