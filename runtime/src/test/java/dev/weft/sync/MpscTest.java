package dev.weft.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Future;
import dev.weft.stream.AsyncSink;
import dev.weft.testing.MockTask;
import org.junit.jupiter.api.Test;

class MpscTest {
    @Test
    void boundedSendWaitsForRoomAndKeepsOrder() {
        Mpsc<Integer> ch = Mpsc.bounded(1);
        Mpsc.Sender<Integer> tx = ch.sender();
        MockTask.of(tx.send(1)).pollReady();
        MockTask<Void> second = MockTask.of(tx.send(2));
        second.pollPending();
        MockTask<Void> third = MockTask.of(tx.send(3));
        third.pollPending();

        MockTask<Integer> rx = MockTask.of(ch.receiver().receive());
        assertEquals(1, rx.pollReady());
        assertTrue(second.isWoken(), "taking an item admits the first waiting sender");
        assertFalse(third.isWoken());
        second.pollReady();
        assertEquals(2, MockTask.of(ch.receiver().receive()).pollReady());
        assertTrue(third.isWoken());
        third.pollReady();
        assertEquals(3, MockTask.of(ch.receiver().receive()).pollReady());
    }

    @Test
    void receiverWaitsAndIsWokenBySend() {
        Mpsc<String> ch = Mpsc.bounded(4);
        MockTask<String> rx = MockTask.of(ch.receiver().receive());
        rx.pollPending();
        assertTrue(ch.sender().trySend("a"));
        assertTrue(rx.isWoken());
        assertEquals("a", rx.pollReady());
    }

    @Test
    void trySendReportsFull() {
        Mpsc<Integer> ch = Mpsc.bounded(2);
        assertTrue(ch.sender().trySend(1));
        assertTrue(ch.sender().trySend(2));
        assertFalse(ch.sender().trySend(3));
        assertEquals(1, ch.receiver().tryReceive());
        assertTrue(ch.sender().trySend(3));
    }

    @Test
    void unboundedNeverWaits() {
        Mpsc<Integer> ch = Mpsc.unbounded();
        for (int i = 0; i < 10_000; i++) {
            MockTask.of(ch.sender().send(i)).pollReady();
        }
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, ch.receiver().tryReceive());
        }
    }

    @Test
    void endsWhenEverySenderHandleIsClosedAfterDraining() {
        Mpsc<Integer> ch = Mpsc.bounded(4);
        Mpsc.Sender<Integer> a = ch.sender();
        Mpsc.Sender<Integer> b = a.duplicate();
        a.trySend(1);
        a.close();
        a.close(); // idempotent per handle
        MockTask<Integer> rx = MockTask.of(ch.receiver().receive());
        assertEquals(1, rx.pollReady());
        MockTask<Integer> waiting = MockTask.of(ch.receiver().receive());
        waiting.pollPending();
        b.close();
        assertTrue(waiting.isWoken());
        assertNull(waiting.pollReady());
        assertNull(MockTask.of(ch.receiver().receive()).pollReady(), "receive after the end is null again");
        assertThrows(IllegalStateException.class,
                () -> ch.receiver().pollNext(dev.weft.future.Context.of(dev.weft.future.Waker.noop())),
                "the stream contract: no poll after the end");
    }

    @Test
    void receiverCloseFailsWaitingAndLaterSendsWithTheirValues() {
        Mpsc<String> ch = Mpsc.bounded(1);
        ch.sender().trySend("kept");
        MockTask<Void> waiting = MockTask.of(ch.sender().send("waiting"));
        waiting.pollPending();
        ch.receiver().close();
        assertTrue(waiting.isWoken());
        ChannelClosedException e = assertThrows(ChannelClosedException.class, waiting::poll);
        assertEquals("waiting", e.unsentValue());
        ChannelClosedException later = assertThrows(ChannelClosedException.class, () -> ch.sender().trySend("later"));
        assertEquals("later", later.unsentValue());
        assertTrue(ch.sender().isReceiverClosed());
        assertEquals("kept", ch.receiver().tryReceive(), "items sent before the close can still be received");
        assertNull(MockTask.of(ch.receiver().receive()).pollReady());
    }

    @Test
    void sendOnAClosedHandleGivesTheValueBack() {
        Mpsc<String> ch = Mpsc.bounded(1);
        Mpsc.Sender<String> extra = ch.sender().duplicate();
        extra.close();
        ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> MockTask.of(extra.send("v")).poll());
        assertEquals("v", e.unsentValue());
        assertThrows(IllegalStateException.class, extra::duplicate);
    }

    @Test
    void cancellingAWaitingSendWithdrawsItAndLetsTheNextOneIn() {
        Mpsc<Integer> ch = Mpsc.bounded(1);
        ch.sender().trySend(1);
        Future<Void> cancelled = ch.sender().send(2);
        MockTask.of(cancelled).pollPending();
        MockTask<Void> next = MockTask.of(ch.sender().send(3));
        next.pollPending();
        cancelled.cancel();
        assertEquals(1, ch.receiver().tryReceive());
        assertTrue(next.isWoken());
        next.pollReady();
        assertEquals(3, ch.receiver().tryReceive());
        assertNull(ch.receiver().tryReceive(), "the cancelled value was never sent");
    }

    @Test
    void cancellingAReceiveTakesNothing() {
        Mpsc<Integer> ch = Mpsc.bounded(1);
        Future<Integer> r = ch.receiver().receive();
        MockTask.of(r).pollPending();
        r.cancel();
        ch.sender().trySend(7);
        assertEquals(7, ch.receiver().tryReceive());
    }

    @Test
    void senderIsASinkThatReservesRoom() {
        Mpsc<Integer> ch = Mpsc.bounded(1);
        AsyncSink<Integer> sink = ch.sender();
        MockTask<Void> ready = MockTask.of(cx -> sink.pollReady(cx));
        ready.pollReady();
        assertFalse(ch.sender().trySend(9), "pollReady reserved the only slot");
        sink.startSend(1);
        assertThrows(IllegalStateException.class, () -> sink.startSend(2), "startSend needs a ready pollReady");
        MockTask<Void> waits = MockTask.of(cx -> sink.pollReady(cx));
        waits.pollPending();
        assertEquals(1, ch.receiver().tryReceive());
        assertTrue(waits.isWoken());
        waits.pollReady();
        ch.sender().close(); // releases the reservation; the receiver sees the end
        assertNull(MockTask.of(ch.receiver().receive()).pollReady());
    }

    @Test
    void aConsumerThatAlwaysFindsItemsYieldsWhenItsBudgetIsSpent() {
        Mpsc<Integer> ch = Mpsc.unbounded();
        ch.sender().trySend(1);
        MockTask<Integer> rx = MockTask.of(ch.receiver().receive());
        rx.setBudget(0);
        rx.pollPending();
        assertTrue(rx.isWoken(), "a spent budget wakes the task");
        rx.setBudget(1);
        assertEquals(1, rx.pollReady(), "and the item is still there");
    }

    @Test
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> Mpsc.bounded(0));
        Mpsc<Integer> ch = Mpsc.bounded(1);
        assertThrows(NullPointerException.class, () -> ch.sender().send(null));
        assertThrows(NullPointerException.class, () -> ch.sender().trySend(null));
        Future<Void> done = ch.sender().send(1);
        MockTask<Void> t = MockTask.of(done);
        t.pollReady();
        assertThrows(IllegalStateException.class, t::poll);
    }
}
