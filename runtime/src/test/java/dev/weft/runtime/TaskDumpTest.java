package dev.weft.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Futures;
import dev.weft.sync.Notify;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TaskDumpTest {
    @Test
    void theDumpListsWaitingTasksWithNameStateTimeAndSpawnSite() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).recordSpawnSites().build()) {
            Notify gate = new Notify();
            List<JoinHandle<Void>> handles = new java.util.ArrayList<>();
            for (int i = 0; i < 5; i++) {
                handles.add(rt.spawn("order-" + i, gate.notified()));
            }
            handles.add(rt.spawn(gate.notified())); // unnamed
            while (gate.waiting() < 6) {
                rt.blockOn(Futures.yieldNow()); // not a sleep: let the tasks reach their wait
            }
            List<TaskInfo> dump = rt.dumpTasks();
            assertEquals(6, dump.size(), dump.toString());
            List<TaskInfo> named = dump.stream().filter(t -> t.name().startsWith("order-")).collect(Collectors.toList());
            assertEquals(5, named.size());
            for (TaskInfo t : named) {
                assertEquals("waiting", t.state(), t.toString());
                assertTrue(t.sinceLastPoll().isPresent(), t.toString());
                assertTrue(t.spawnedAt().orElseThrow()[0].getMethodName().contains("theDumpLists"),
                        "the spawn site is this test: " + t);
            }
            TaskInfo unnamed = dump.stream().filter(t -> t.name().equals("unnamed")).findFirst().orElseThrow();
            assertTrue(unnamed.sinceLastPoll().isEmpty());
            gate.notifyWaiters();
            rt.blockOn(Futures.joinAll(handles));
            // A task leaves the registry as it completes; one caught in that instant says so.
            assertTrue(rt.dumpTasks().stream().allMatch(t -> t.state().equals("finishing")),
                    "finished tasks leave the dump: " + rt.dumpTasks());
            assertThrows(NullPointerException.class, () -> rt.spawn(null, Futures.ready(1)));
        }
    }
}
