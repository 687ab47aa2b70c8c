package dev.weft.net;

import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.internal.driver.RuntimeContext;
import dev.weft.internal.driver.io.IoDriver;
import dev.weft.internal.driver.io.IoRegistration;
import dev.weft.internal.util.Checks;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;

/**
 * A UDP socket on the runtime's selector.
 *
 * <p><strong>Thread safety:</strong> one task may receive while another sends; {@link #close()}
 * is safe from any thread.
 *
 * <p><strong>Cancellation:</strong> cancelling a pending send or receive drops its interest; a
 * datagram not yet received stays queued in the socket.
 *
 * <p><strong>Errors:</strong> as for {@link TcpStream}: the operation and the address are named,
 * and a closed socket fails with "... failed: the socket is closed".
 */
public final class UdpSocket extends RegisteredSocket {
    private final DatagramChannel channel;
    private final InetSocketAddress local;

    private UdpSocket(DatagramChannel channel, IoDriver io, IoRegistration registration) throws IOException {
        super(channel, io, registration);
        this.channel = channel;
        this.local = (InetSocketAddress) channel.getLocalAddress();
    }

    /**
     * Returns a future that binds a UDP socket to {@code address} on its first poll.
     *
     * @param address where to bind (port 0 picks a free port)
     * @return the future socket; it fails with {@link java.net.BindException} if the address is
     *     in use
     * @throws NullPointerException "address is null"
     */
    public static Future<UdpSocket> bind(SocketAddress address) {
        Checks.notNull(address, "address");
        return cx -> {
            IoDriver io = RuntimeContext.require("UdpSocket.bind").io;
            DatagramChannel ch = null;
            try {
                ch = DatagramChannel.open();
                ch.bind(address);
                return Poll.ready(new UdpSocket(ch, io, io.register(ch)));
            } catch (IOException e) {
                closeQuietly(ch);
                throw NetErrors.fail("bind to", address, e);
            }
        };
    }

    /**
     * Returns the address the socket is bound to.
     *
     * @return the local address, with the actual port
     */
    public InetSocketAddress localAddress() {
        return local;
    }

    /**
     * Returns a future that sends {@code src}'s remaining bytes as one datagram to {@code target},
     * waiting while the socket's send buffer is full.
     *
     * @param src the datagram
     * @param target where to send it
     * @return the future count of bytes sent
     * @throws NullPointerException "src is null" or "target is null"
     */
    public Future<Integer> send(ByteBuffer src, SocketAddress target) {
        Checks.notNull(src, "src");
        Checks.notNull(target, "target");
        return new IoOp<>(registration, SelectionKey.OP_WRITE, "send to", target) {
            @Override
            Object attempt() throws IOException {
                int n = channel.send(src, target);
                return n == 0 && src.hasRemaining() ? null : n;
            }
        };
    }

    /**
     * Returns a future that receives one datagram into {@code dst} (a datagram longer than the
     * space left is truncated, as with {@link DatagramChannel#receive(ByteBuffer)}).
     *
     * @param dst the buffer to fill
     * @return the future sender's address
     * @throws NullPointerException "dst is null"
     */
    public Future<SocketAddress> receive(ByteBuffer dst) {
        Checks.notNull(dst, "dst");
        return new IoOp<>(registration, SelectionKey.OP_READ, "receive on", local) {
            @Override
            Object attempt() throws IOException {
                return channel.receive(dst);
            }
        };
    }

    @Override
    public String toString() {
        return "UdpSocket[" + local + (isClosed() ? ", closed]" : "]");
    }
}
