package dev.weft.internal.driver.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.testing.CountingWaker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.nio.channels.SelectionKey;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How interest follows the tasks that wait (IoRegistration protocols 1 and 2), driven by hand
 * with non-blocking selects on a pipe: a reader that is woken keeps its read interest for its
 * next wait, so a connection answering request after request changes no interest; readiness that
 * no task waits for drops the interest at once, so unread data cannot make every select return.
 */
class IoRegistrationTest {
    private IoDriver io;
    private Pipe pipe;
    private IoRegistration source;

    @BeforeEach
    void open() throws IOException {
        io = new IoDriver();
        pipe = Pipe.open();
        pipe.sink().configureBlocking(false);
        source = io.register(pipe.source());
    }

    @AfterEach
    void close() throws IOException {
        pipe.sink().close();
        pipe.source().close();
        io.close();
    }

    @Test
    void aWokenReaderKeepsItsInterestAndItsNextWaitNeedsNoRetry() throws IOException {
        CountingWaker reader = new CountingWaker();
        assertTrue(source.awaitReady(SelectionKey.OP_READ, reader), "the first wait arms the interest, so it must retry");
        assertEquals(0, io.selectNow(), "nothing written yet");

        send(1);
        assertEquals(1, io.selectNow());
        assertEquals(1, reader.count(), "the data woke the waiting reader");
        assertEquals(SelectionKey.OP_READ, source.armedInterest(), "the interest stays armed for the next wait");

        drain();
        assertFalse(source.awaitReady(SelectionKey.OP_READ, reader), "armed already: the selector reports what comes next");
        send(1);
        assertEquals(1, io.selectNow());
        assertEquals(2, reader.count(), "the second wait was woken without re-arming");
    }

    @Test
    void readinessNobodyWaitsForDropsTheInterestSoTheSelectorDoesNotSpin() throws IOException {
        CountingWaker reader = new CountingWaker();
        source.awaitReady(SelectionKey.OP_READ, reader);
        send(1);
        io.selectNow();
        assertEquals(1, reader.count());

        send(1); // more data while the reader runs and waits for nothing
        assertEquals(1, io.selectNow(), "reported once");
        assertEquals(0, source.armedInterest(), "no task waits: the interest is dropped");
        assertEquals(1, reader.count(), "no wake without a waiter");
        assertEquals(0, io.selectNow(), "the unread data no longer makes the selector return");

        assertTrue(source.awaitReady(SelectionKey.OP_READ, reader), "the next wait arms again and retries");
        assertEquals(1, io.selectNow());
        assertEquals(2, reader.count(), "the data still there wakes it after re-arming");
    }

    @Test
    void writeInterestIsDroppedAsSoonAsItFires() throws IOException {
        IoRegistration sink = io.register(pipe.sink());
        CountingWaker writer = new CountingWaker();
        assertTrue(sink.awaitReady(SelectionKey.OP_WRITE, writer));
        assertEquals(1, io.selectNow(), "an empty pipe is writable");
        assertEquals(1, writer.count());
        assertEquals(0, sink.armedInterest(), "a writable socket stays writable: keeping the interest would spin");
        assertTrue(sink.awaitReady(SelectionKey.OP_WRITE, writer), "so every write wait arms and retries");
    }

    @Test
    void aWaitOnAChannelClosedWhileArmedRetriesToSeeTheClose() throws IOException {
        CountingWaker reader = new CountingWaker();
        source.awaitReady(SelectionKey.OP_READ, reader);
        pipe.source().close();
        assertTrue(source.awaitReady(SelectionKey.OP_READ, reader),
                "the selector will report nothing more for a closed channel: the caller must retry");
    }

    @Test
    void aReadThatEmptiedTheSocketIsTrustedUntilTheSelectorReportsMore() throws IOException {
        CountingWaker reader = new CountingWaker();
        assertFalse(source.readStillDrained(), "nothing is known before the first read");
        int seen = source.readReports();
        source.readDrained(seen); // a read came back short
        assertTrue(source.readStillDrained(), "the next read may skip its attempt");

        source.awaitReady(SelectionKey.OP_READ, reader);
        send(1);
        assertEquals(1, io.selectNow());
        assertEquals(seen + 1, source.readReports());
        assertFalse(source.readStillDrained(), "the selector reported data since: the next read must try");

        source.readDrained(seen); // a note taken before that report is stale
        assertFalse(source.readStillDrained(), "a report after the noted count outweighs the note");
    }

    /**
     * Races protocols 1, 2 and 5 many times: a reader that attempts, waits and retries as IoOp
     * does (each read has room for two bytes and gets one, so each is short and the next skips
     * its attempt), a busy selecting thread, and a writer that sends one byte at a random moment
     * after the reader has taken the last one. A lost wake leaves the reader waiting for a byte
     * that is there, and the bounded wait fails the test.
     */
    @Test
    void noWakeIsLostWhenDataRacesTheWaitAndTheDispatch() throws Exception {
        int rounds = 20_000;
        Semaphore taken = new Semaphore(0);
        AtomicBoolean done = new AtomicBoolean();
        Thread selecting = new Thread(() -> {
            while (!done.get()) {
                io.selectNow();
            }
        }, "test-selector");
        Thread writer = new Thread(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            try {
                for (int i = 0; i < rounds; i++) {
                    for (int spin = random.nextInt(200); spin > 0; spin--) {
                        Thread.onSpinWait(); // a random moment in the reader's attempt-wait-retry
                    }
                    send(1);
                    if (!taken.tryAcquire(10, TimeUnit.SECONDS)) {
                        return; // the reader failed and says why
                    }
                }
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        }, "test-writer");
        selecting.start();
        writer.start();
        try {
            CountingWaker reader = new CountingWaker();
            for (int i = 0; i < rounds; i++) {
                for (;;) {
                    reader.reset();
                    // IoOp's read: skip the attempt after a short one (protocol 5), else try.
                    if (!source.readStillDrained() && attemptShortRead()) {
                        break;
                    }
                    if (source.awaitReady(SelectionKey.OP_READ, reader) && attemptShortRead()) {
                        break;
                    }
                    assertTrue(reader.awaitWoken(10, TimeUnit.SECONDS),
                            "round " + i + ": the byte sent never woke the reader");
                }
                taken.release();
            }
        } finally {
            done.set(true);
            selecting.join(10_000);
            writer.join(10_000);
        }
        assertFalse(selecting.isAlive() || writer.isAlive(), "the test's threads ended");
    }

    /** One read as IoOp makes it: true if it got data; notes a read that emptied the pipe. */
    private boolean attemptShortRead() throws IOException {
        int seen = source.readReports();
        int n = pipe.source().read(ByteBuffer.allocate(2));
        if (n < 2) {
            source.readDrained(seen);
        }
        return n > 0;
    }

    private void send(int bytes) throws IOException {
        assertEquals(bytes, pipe.sink().write(ByteBuffer.allocate(bytes)));
    }

    private void drain() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64);
        while (pipe.source().read(b) > 0) {
            b.clear();
        }
    }
}
