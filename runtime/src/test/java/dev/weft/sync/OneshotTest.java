package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testing.MockTask;
import org.junit.jupiter.api.Test;

class OneshotTest {
    @Test
    void receiverWaitsForTheValue() {
        Oneshot<String> o = Oneshot.create();
        MockTask<String> rx = MockTask.of(o.receiver());
        rx.pollPending();
        o.send("v");
        assertTrue(rx.isWoken());
        assertEquals("v", rx.pollReady());
        assertThrows(IllegalStateException.class, rx::poll);
    }

    @Test
    void valueSentBeforeTheFirstPollIsReadyAtOnce() {
        Oneshot<Integer> o = Oneshot.create();
        o.send(1);
        assertEquals(1, MockTask.of(o.receiver()).pollReady());
        assertTrue(o.isClosed());
    }

    @Test
    void closedSenderFailsTheReceiverClearly() {
        Oneshot<Integer> o = Oneshot.create();
        MockTask<Integer> rx = MockTask.of(o.receiver());
        rx.pollPending();
        o.close();
        assertTrue(rx.isWoken());
        ChannelClosedException e = assertThrows(ChannelClosedException.class, rx::poll);
        assertEquals("the oneshot's sender closed it without sending", e.getMessage());
    }

    @Test
    void cancelledReceiverGivesTheValueBackToTheSender() {
        Oneshot<String> o = Oneshot.create();
        o.receiver().cancel();
        assertTrue(o.isClosed());
        ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> o.send("v"));
        assertEquals("v", e.unsentValue());
    }

    @Test
    void badInput() {
        Oneshot<String> o = Oneshot.create();
        assertThrows(NullPointerException.class, () -> o.send(null));
        assertFalse(o.isClosed());
        o.send("once");
        assertThrows(IllegalStateException.class, () -> o.send("twice"));
    }
}
