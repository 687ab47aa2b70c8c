package dev.weft.net;

import dev.weft.internal.util.Throwables;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.nio.channels.ClosedChannelException;

/** Errors that name the operation and the address, keeping the JDK's exception type users catch. */
final class NetErrors {
    private NetErrors() {}

    static RuntimeException fail(String operation, SocketAddress address, IOException cause) {
        String why = cause instanceof ClosedChannelException ? "the socket is closed"
                : cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        String message = operation + " " + address + " failed: " + why;
        IOException e;
        if (cause instanceof ConnectException) {
            e = new ConnectException(message);
        } else if (cause instanceof BindException) {
            e = new BindException(message);
        } else if (cause instanceof EOFException) {
            e = new EOFException(message);
        } else {
            e = new IOException(message);
        }
        e.initCause(cause);
        throw Throwables.sneakyThrow(e);
    }

    static RuntimeException eof(String operation, SocketAddress address, int missing) {
        throw Throwables.sneakyThrow(new EOFException(operation + " " + address
                + " failed: the peer closed the stream with " + missing + " bytes still expected"));
    }
}
