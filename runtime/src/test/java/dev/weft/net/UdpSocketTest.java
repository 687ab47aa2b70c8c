package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Poll;
import dev.weft.future.Future;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.WeftRuntime;
import dev.weft.testing.NoUndeliverableErrors;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NoUndeliverableErrors.class)
class UdpSocketTest {

    @Test
    void aDatagramSentIsReceivedWithItsSender() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            UdpSocket a = rt.blockOn(UdpSocket.bind(NetTest.ANY_LOCAL_PORT));
            UdpSocket b = rt.blockOn(UdpSocket.bind(NetTest.ANY_LOCAL_PORT));
            ByteBuffer in = ByteBuffer.allocate(64);
            // The receiver waits first (registers with the selector), then the datagram arrives.
            JoinHandle<SocketAddress> receiving = rt.spawn(b.receive(in));
            int sent = rt.blockOn(a.send(ByteBuffer.wrap("ping".getBytes(StandardCharsets.US_ASCII)), b.localAddress()));
            assertEquals(4, sent);
            assertEquals(a.localAddress(), rt.blockOn(receiving));
            in.flip();
            assertEquals("ping", StandardCharsets.US_ASCII.decode(in).toString());
            a.close();
            b.close();
        }
    }

    @Test
    void cancellingAReceiveLosesNoDatagram() {
        try (WeftRuntime rt = WeftRuntime.builder().currentThread().build()) {
            UdpSocket a = rt.blockOn(UdpSocket.bind(NetTest.ANY_LOCAL_PORT));
            UdpSocket b = rt.blockOn(UdpSocket.bind(NetTest.ANY_LOCAL_PORT));
            Future<SocketAddress> first = b.receive(ByteBuffer.allocate(8));
            assertTrue(rt.blockOn(cx -> Poll.ready(first.poll(cx))).isPending());
            first.cancel();
            rt.blockOn(a.send(ByteBuffer.wrap(new byte[] {42}), b.localAddress()));
            ByteBuffer in = ByteBuffer.allocate(8);
            rt.blockOn(b.receive(in));
            assertEquals(42, in.get(0));
            a.close();
            b.close();
        }
    }

    @Test
    void errorsNameTheAddress() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(1).build()) {
            UdpSocket a = rt.blockOn(UdpSocket.bind(NetTest.ANY_LOCAL_PORT));
            CompletionException inUse = assertThrows(CompletionException.class,
                    () -> rt.blockOn(UdpSocket.bind(a.localAddress())));
            assertInstanceOf(BindException.class, inUse.getCause());
            a.close();
            CompletionException closed = assertThrows(CompletionException.class,
                    () -> rt.blockOn(a.receive(ByteBuffer.allocate(4))));
            assertEquals("receive on " + a.localAddress() + " failed: the socket is closed", closed.getCause().getMessage());
            assertEquals("target is null", assertThrows(NullPointerException.class,
                    () -> a.send(ByteBuffer.allocate(1), (InetSocketAddress) null)).getMessage());
        }
    }
}
