package dev.weft.internal.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.weft.internal.task.Task;
import org.junit.jupiter.api.Test;

/** The injector gives back the array a burst grew, once the burst has drained. */
class InjectorTest {
    @Test
    void aDrainedBurstStartsOverWithASmallQueueAndKeepsItsOrder() {
        Injector inj = new Injector();
        Task<?>[] ts = QueuedTasks.tasks(3 * Injector.SHRINK_ABOVE);
        for (Task<?> t : ts) {
            inj.push(t);
        }
        assertEquals(ts.length, inj.highWater());
        Task<?>[] ring = new Task<?>[1024];
        int taken = 0;
        while (taken < ts.length) {
            int n = inj.popMany(ring, 0, ring.length);
            for (int i = 0; i < n; i++) {
                assertSame(ts[taken + i], ring[i], "task " + (taken + i));
            }
            taken += n;
        }
        assertEquals(0, inj.length());
        assertEquals(0, inj.highWater(), "the emptied queue let go of the grown array");
        inj.push(ts[0]); // and keeps working
        inj.pushBatch(new Task<?>[] {ts[1], ts[2]});
        assertSame(ts[0], inj.pop());
        assertSame(ts[1], inj.pop());
        assertSame(ts[2], inj.pop());
        assertNull(inj.pop());
    }

    @Test
    void aQueueThatStayedSmallKeepsItsArray() {
        Injector inj = new Injector();
        Task<?>[] ts = QueuedTasks.tasks(10);
        for (Task<?> t : ts) {
            inj.push(t);
        }
        for (Task<?> t : ts) {
            assertSame(t, inj.pop());
        }
        assertEquals(10, inj.highWater());
    }
}
