package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.testing.MockTask;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaskLocalTest {
    static final TaskLocal<String> ID = new TaskLocal<>();

    @Test
    void theValueIsVisibleInEveryPollOfTheScopeOnWhateverWorker() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            List<JoinHandle<String>> hs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String id = "task-" + i;
                // Yield twice: the later polls may run on another worker, and still see the value.
                Future<String> body = Futures.flatMap(Futures.yieldNow(), a -> Futures.flatMap(Futures.yieldNow(),
                        b -> Futures.lazy(ID::get)));
                hs.add(rt.spawn(ID.scope(id, body)));
            }
            List<String> seen = rt.blockOn(Futures.joinAll(hs));
            for (int i = 0; i < 200; i++) {
                assertEquals("task-" + i, seen.get(i));
            }
        }
    }

    @Test
    void setChangesTheRestOfTheScopeAndNothingLeaksOutside() {
        MockTask<String> t = MockTask.of(ID.scope("a", Futures.flatMap(Futures.lazy(() -> {
            ID.set("b");
            return null;
        }), v -> Futures.flatMap(Futures.yieldNow(), y -> Futures.lazy(ID::get)))));
        t.pollPending();
        assertEquals("fallback", ID.getOrElse("fallback"), "outside the poll there is no scope");
        assertEquals("b", t.pollReady());
        assertThrows(IllegalStateException.class, ID::get);
        assertThrows(IllegalStateException.class, () -> ID.set("x"));
    }

    @Test
    void nestedScopesRestoreTheOuterValue() {
        Future<String> inner = ID.scope("inner", Futures.lazy(ID::get));
        Future<String> outer = ID.scope("outer", Futures.flatMap(inner, in -> Futures.lazy(() -> in + "/" + ID.get())));
        assertEquals("inner/outer", MockTask.of(outer).pollReady());
    }

    @Test
    void badInput() {
        assertThrows(NullPointerException.class, () -> ID.scope(null, Futures.ready(1)));
        assertThrows(NullPointerException.class, () -> ID.scope("x", null));
    }
}
