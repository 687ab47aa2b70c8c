package dev.weft.internal.driver.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.channels.DatagramChannel;
import org.junit.jupiter.api.Test;

/**
 * The non-blocking select a busy worker runs between tasks: skipped while the runtime has no
 * sockets, never skipped while a closed socket still waits for its key to be flushed (until
 * then the JDK keeps the socket's file descriptor open).
 */
class IoDriverTest {
    @Test
    void aRuntimeWithoutSocketsHasNothingToPoll() {
        IoDriver io = new IoDriver();
        try {
            assertFalse(io.needsPolling());
            assertEquals(0, io.selectNow());
        } finally {
            io.close();
        }
    }

    @Test
    void aClosedSocketIsReleasedByTheNextNonBlockingSelect() throws Exception {
        IoDriver io = new IoDriver();
        try {
            DatagramChannel channel = DatagramChannel.open();
            io.register(channel);
            assertTrue(io.needsPolling(), "a registered channel");
            channel.close();
            io.deregistered();
            assertEquals(0, io.registeredCount());
            assertTrue(channel.isRegistered(), "the key is cancelled but not yet flushed");
            assertTrue(io.needsPolling(), "the cancelled key must still be flushed");
            io.selectNow();
            assertFalse(channel.isRegistered(), "the busy path flushed the key, releasing the socket");
            assertFalse(io.needsPolling());
        } finally {
            io.close();
        }
    }
}
