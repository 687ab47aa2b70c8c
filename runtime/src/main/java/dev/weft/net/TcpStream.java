package dev.weft.net;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.internal.driver.RuntimeContext;
import dev.weft.internal.driver.io.IoDriver;
import dev.weft.internal.driver.io.IoRegistration;
import dev.weft.internal.util.Checks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * A TCP connection on the runtime's selector: reads and writes are futures that wait for
 * readiness without a thread.
 *
 * <pre>{@code
 * TcpStream s = rt.blockOn(TcpStream.connect(new InetSocketAddress("127.0.0.1", port)));
 * rt.blockOn(s.writeAll(ByteBuffer.wrap("ping".getBytes(US_ASCII))));
 * }</pre>
 *
 * <p><strong>Thread safety:</strong> one task may read while another writes; two concurrent reads
 * (or writes) are a caller bug. {@link #close()} and {@link #shutdownOutput()} are safe from any
 * thread.
 *
 * <p><strong>Cancellation:</strong> cancelling a pending read or write drops its interest; no
 * data is lost (bytes not yet read stay in the socket; a cancelled {@code writeAll} may have
 * written a prefix, which the buffer's position shows).
 *
 * <p><strong>Errors:</strong> exceptions name the operation and the peer's address and keep the
 * JDK's type ({@link java.net.ConnectException} for a refused connect,
 * {@link java.io.EOFException} when {@link #readExact(ByteBuffer)} meets the end of the stream);
 * operations on a closed stream fail with "... failed: the socket is closed".
 */
public final class TcpStream extends RegisteredSocket {
    private final SocketChannel channel;
    private final InetSocketAddress remote;
    private final InetSocketAddress local;

    private TcpStream(SocketChannel channel, IoDriver io, IoRegistration registration) throws IOException {
        super(channel, io, registration);
        this.channel = channel;
        this.remote = (InetSocketAddress) channel.getRemoteAddress();
        this.local = (InetSocketAddress) channel.getLocalAddress();
    }

    static TcpStream wrap(SocketChannel ch, IoDriver io) throws IOException {
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return new TcpStream(ch, io, io.register(ch));
    }

    /**
     * Returns a future that connects to {@code address} (started on its first poll).
     *
     * <p><strong>Cancellation:</strong> cancelling a pending connect closes the half-open socket.
     *
     * @param address the peer
     * @return the future stream; it fails with {@link java.net.ConnectException} if refused
     * @throws NullPointerException "address is null"
     */
    public static Future<TcpStream> connect(SocketAddress address) {
        Checks.notNull(address, "address");
        return new Future<>() {
            private SocketChannel ch;
            private IoRegistration reg;
            private IoDriver io;

            @Override
            public Poll<TcpStream> poll(Context cx) {
                try {
                    if (ch == null) {
                        io = RuntimeContext.require("TcpStream.connect").io;
                        ch = SocketChannel.open();
                        reg = io.register(ch);
                        if (ch.connect(address)) {
                            return done();
                        }
                    }
                    if (ch.finishConnect()) {
                        return done();
                    }
                    boolean retry = reg.awaitReady(SelectionKey.OP_CONNECT, cx.waker());
                    return retry && ch.finishConnect() ? done() : Poll.pending();
                } catch (IOException e) {
                    cancel();
                    throw NetErrors.fail("connect to", address, e);
                }
            }

            private Poll<TcpStream> done() throws IOException {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                TcpStream s = new TcpStream(ch, io, reg);
                ch = null; // the stream owns it now
                return Poll.ready(s);
            }

            @Override
            public void cancel() {
                if (ch != null) {
                    closeQuietly(ch);
                    io.deregistered();
                    ch = null;
                }
            }
        };
    }

    /**
     * Returns the peer's address.
     *
     * @return the remote address
     */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    /**
     * Returns this end's address.
     *
     * @return the local address
     */
    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * Returns a future that reads what is available into {@code dst}, waiting until at least one
     * byte is.
     *
     * @param dst the buffer to fill from its position
     * @return the future count of bytes read: -1 at the end of the stream, 0 only if {@code dst}
     *     has no room
     * @throws NullPointerException "dst is null"
     */
    public Future<Integer> read(ByteBuffer dst) {
        Checks.notNull(dst, "dst");
        return new IoOp<>(registration, SelectionKey.OP_READ, "read from", remote) {
            @Override
            Object attempt() throws IOException {
                if (!dst.hasRemaining()) {
                    return 0;
                }
                int room = dst.remaining();
                int n = channel.read(dst);
                if (n > 0 && n < room) {
                    drained(); // the socket had less than we could take: it is empty now
                }
                return n == 0 ? null : n;
            }
        };
    }

    /**
     * Returns a future that fills all of {@code dst}'s remaining space.
     *
     * @param dst the buffer to fill
     * @return the future; it fails with {@link java.io.EOFException} naming the missing byte
     *     count if the stream ends first
     * @throws NullPointerException "dst is null"
     */
    public Future<Void> readExact(ByteBuffer dst) {
        Checks.notNull(dst, "dst");
        return new IoOp<>(registration, SelectionKey.OP_READ, "read from", remote) {
            @Override
            Object attempt() throws IOException {
                while (dst.hasRemaining()) {
                    int n = channel.read(dst);
                    if (n < 0) {
                        throw NetErrors.eof("readExact from", remote, dst.remaining());
                    }
                    if (n == 0) {
                        return null;
                    }
                }
                return IoOp.DONE;
            }
        };
    }

    /**
     * Returns a future that writes what the socket accepts now from {@code src}, waiting until it
     * accepts at least one byte.
     *
     * @param src the bytes to write, from its position
     * @return the future count of bytes written
     * @throws NullPointerException "src is null"
     */
    public Future<Integer> write(ByteBuffer src) {
        Checks.notNull(src, "src");
        return new IoOp<>(registration, SelectionKey.OP_WRITE, "write to", remote) {
            @Override
            Object attempt() throws IOException {
                if (!src.hasRemaining()) {
                    return 0;
                }
                int n = channel.write(src);
                return n == 0 ? null : n;
            }
        };
    }

    /**
     * Returns a future that writes all of {@code src}, over as many write-readiness rounds as
     * the peer's pace needs.
     *
     * @param src the bytes to write
     * @return the future
     * @throws NullPointerException "src is null"
     */
    public Future<Void> writeAll(ByteBuffer src) {
        Checks.notNull(src, "src");
        return new IoOp<>(registration, SelectionKey.OP_WRITE, "write to", remote) {
            @Override
            Object attempt() throws IOException {
                while (src.hasRemaining()) {
                    if (channel.write(src) == 0) {
                        return null;
                    }
                }
                return IoOp.DONE;
            }
        };
    }

    /**
     * Half-closes the connection: the peer reads the end of the stream; this end can still read.
     *
     * @throws java.io.IOException "shutdownOutput of /127.0.0.1:5000 failed: ..." if the socket
     *     is closed
     */
    public void shutdownOutput() throws IOException {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            throw NetErrors.fail("shutdownOutput of", remote, e);
        }
    }

    @Override
    public String toString() {
        return "TcpStream[" + local + " -> " + remote + (isClosed() ? ", closed]" : "]");
    }
}
