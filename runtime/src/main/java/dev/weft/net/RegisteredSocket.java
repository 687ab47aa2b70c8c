package dev.weft.net;

import dev.weft.internal.driver.io.IoDriver;
import dev.weft.internal.driver.io.IoRegistration;
import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.SelectableChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/** What every socket type shares: its channel's registration with the selector, and closing. */
abstract class RegisteredSocket implements AutoCloseable {
    final IoDriver io;
    final IoRegistration registration;
    private final SelectableChannel channel;
    private final AtomicBoolean closed = new AtomicBoolean();

    RegisteredSocket(SelectableChannel channel, IoDriver io, IoRegistration registration) {
        this.channel = channel;
        this.io = io;
        this.registration = registration;
    }

    /**
     * Closes the socket and wakes pending operations, which then fail with "... failed: the
     * socket is closed". Idempotent; safe from any thread.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(channel);
            registration.wakeAll();
            io.deregistered();
        }
    }

    /**
     * Tells whether {@link #close()} was called.
     *
     * @return true once closed
     */
    public boolean isClosed() {
        return closed.get();
    }

    static void closeQuietly(Channel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // Closing after a failure: the first error is the one the caller sees.
            }
        }
    }
}
