package dev.weft.net;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.internal.driver.RuntimeContext;
import dev.weft.internal.driver.io.IoDriver;
import dev.weft.internal.driver.io.IoRegistration;
import dev.weft.internal.util.Checks;
import dev.weft.stream.AsyncStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * A TCP server socket on the runtime's selector.
 *
 * <pre>{@code
 * TcpListener listener = rt.blockOn(TcpListener.bind(new InetSocketAddress("127.0.0.1", 0)));
 * Future<TcpStream> next = listener.accept();
 * }</pre>
 *
 * <p><strong>Thread safety:</strong> {@link #close()} and the address getters are safe from any
 * thread; one task at a time accepts.
 *
 * <p><strong>Cancellation:</strong> cancelling a pending {@link #accept()} drops its interest;
 * no connection is lost (an unaccepted connection waits in the backlog for the next accept).
 *
 * <p><strong>Errors:</strong> exceptions name the operation and the address, keep the JDK's type
 * ({@link java.net.BindException} for a port in use), and reach the awaiting task; a closed
 * listener fails accepts with "accept on /127.0.0.1:8080 failed: the socket is closed".
 */
public final class TcpListener extends RegisteredSocket {
    private static final int BACKLOG = 1024;

    private final ServerSocketChannel channel;
    private final InetSocketAddress local;

    private TcpListener(ServerSocketChannel channel, IoDriver io, IoRegistration registration) throws IOException {
        super(channel, io, registration);
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
    }

    /**
     * Returns a future that binds a listener to {@code address} on its first poll, in the
     * runtime that polls it (port 0 picks a free port; see {@link #localAddress()}).
     *
     * @param address where to listen
     * @return the future listener; it fails with {@link java.net.BindException} if the address
     *     is in use
     * @throws NullPointerException "address is null"
     */
    public static Future<TcpListener> bind(SocketAddress address) {
        Checks.notNull(address, "address");
        return cx -> {
            IoDriver io = RuntimeContext.require("TcpListener.bind").io;
            ServerSocketChannel ch = null;
            try {
                ch = ServerSocketChannel.open();
                ch.bind(address, BACKLOG);
                return Poll.ready(new TcpListener(ch, io, io.register(ch)));
            } catch (IOException e) {
                closeQuietly(ch);
                throw NetErrors.fail("bind to", address, e);
            }
        };
    }

    /**
     * Returns the address the listener is bound to.
     *
     * @return the local address, with the actual port
     */
    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * Returns a future of the next incoming connection.
     *
     * <p><strong>Wakeups:</strong> the waker is registered with the selector while no connection
     * is waiting, and woken when one arrives.
     *
     * @return the future connection
     */
    public Future<TcpStream> accept() {
        return new Future<>() {
            @Override
            public Poll<TcpStream> poll(Context cx) {
                return pollAccept(cx);
            }

            @Override
            public void cancel() {
                registration.stopWaiting(SelectionKey.OP_ACCEPT);
            }
        };
    }

    /**
     * Returns an endless stream of incoming connections (it fails if the listener fails).
     *
     * @return the stream
     */
    public AsyncStream<TcpStream> incoming() {
        return new AsyncStream<>() {
            @Override
            public Poll<TcpStream> pollNext(Context cx) {
                return pollAccept(cx);
            }

            @Override
            public void cancel() {
                registration.stopWaiting(SelectionKey.OP_ACCEPT);
            }
        };
    }

    private Poll<TcpStream> pollAccept(Context cx) {
        if (!cx.tryConsumeBudget()) {
            return Poll.pending();
        }
        SocketChannel ch = tryAccept();
        if (ch == null) {
            if (registration.awaitReady(SelectionKey.OP_ACCEPT, cx.waker())) {
                ch = tryAccept(); // register, then check again
            }
            if (ch == null) {
                return Poll.pending();
            }
        }
        try {
            return Poll.ready(TcpStream.wrap(ch, io));
        } catch (IOException e) {
            closeQuietly(ch);
            throw NetErrors.fail("accept on", local, e);
        }
    }

    private SocketChannel tryAccept() {
        try {
            return channel.accept();
        } catch (IOException e) {
            throw NetErrors.fail("accept on", local, e);
        }
    }

    @Override
    public String toString() {
        return "TcpListener[" + local + (isClosed() ? ", closed]" : "]");
    }
}
