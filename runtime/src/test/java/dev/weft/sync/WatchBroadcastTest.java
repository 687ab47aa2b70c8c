package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Future;
import dev.weft.testing.MockTask;
import org.junit.jupiter.api.Test;

class WatchBroadcastTest {
    @Test
    void watchReceiversSeeTheLatestValueOnce() {
        Watch<String> w = Watch.create("v1");
        Watch.Receiver<String> rx = w.subscribe();
        MockTask<String> changed = MockTask.of(rx.changed());
        changed.pollPending();
        w.send("v2");
        w.send("v3");
        assertTrue(changed.isWoken());
        assertEquals("v3", changed.pollReady(), "two sends between polls are one change");
        MockTask.of(rx.changed()).pollPending();
        assertEquals("v3", rx.get());
        assertEquals("v3", w.get());
    }

    @Test
    void closedWatchEndsAfterTheLastValue() {
        Watch<Integer> w = Watch.create(0);
        Watch.Receiver<Integer> rx = w.subscribe();
        w.send(1);
        w.close();
        assertEquals(1, MockTask.of(rx.changed()).pollReady());
        assertNull(MockTask.of(rx.changed()).pollReady());
        ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> w.send(2));
        assertEquals(2, (Integer) e.unsentValue());
        assertThrows(NullPointerException.class, () -> Watch.create(null));
    }

    @Test
    void cancelledChangedLeavesTheQueue() {
        Watch<Integer> w = Watch.create(0);
        Watch.Receiver<Integer> rx = w.subscribe();
        Future<Integer> f = rx.changed();
        MockTask<Integer> t = MockTask.of(f);
        t.pollPending();
        f.cancel();
        w.send(1);
        assertTrue(!t.isWoken(), "a cancelled wait is not woken");
        assertEquals(1, MockTask.of(rx.changed()).pollReady(), "the change is still there");
    }

    @Test
    void broadcastDeliversEveryValueToEveryReceiver() {
        Broadcast<Integer> b = Broadcast.create(4);
        Broadcast.Receiver<Integer> r1 = b.subscribe();
        Broadcast.Receiver<Integer> r2 = b.subscribe();
        MockTask<Integer> waiting = MockTask.of(r1.receive());
        waiting.pollPending();
        assertEquals(2, b.send(1));
        assertTrue(waiting.isWoken());
        assertEquals(1, waiting.pollReady());
        assertEquals(1, MockTask.of(r2.receive()).pollReady());
    }

    @Test
    void laggingReceiverIsToldHowManyItMissedThenContinues() {
        Broadcast<Integer> b = Broadcast.create(2);
        Broadcast.Receiver<Integer> r = b.subscribe();
        for (int i = 0; i < 5; i++) {
            b.send(i);
        }
        LaggedException e = assertThrows(LaggedException.class, () -> MockTask.of(r.receive()).poll());
        assertEquals(3, e.missed());
        assertEquals(3, MockTask.of(r.receive()).pollReady());
        assertEquals(4, MockTask.of(r.receive()).pollReady());
        b.close();
        assertNull(MockTask.of(r.receive()).pollReady());
    }

    @Test
    void sendWithoutReceiversGivesTheValueBack() {
        Broadcast<String> b = Broadcast.create(1);
        ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> b.send("lost?"));
        assertEquals("lost?", e.unsentValue());
        Broadcast.Receiver<String> r = b.subscribe();
        r.close();
        assertEquals(0, b.receiverCount());
        assertThrows(IllegalArgumentException.class, () -> Broadcast.create(0));
        assertThrows(NullPointerException.class, () -> b.send(null));
    }
}
