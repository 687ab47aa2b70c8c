package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.future.Poll;
import dev.weft.internal.driver.RuntimeContext;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.WeftRuntime;
import dev.weft.testing.NoUndeliverableErrors;
import dev.weft.time.Time;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@ExtendWith(NoUndeliverableErrors.class)
class NetTest {
    static final InetSocketAddress ANY_LOCAL_PORT = new InetSocketAddress("127.0.0.1", 0);

    static Stream<Arguments> flavours() {
        return Stream.of(
                Arguments.of("multi-thread", (Supplier<WeftRuntime>) () -> WeftRuntime.builder().workerThreads(2).build()),
                Arguments.of("current-thread", (Supplier<WeftRuntime>) () -> WeftRuntime.builder().currentThread().build()));
    }

    /** Echoes until the peer half-closes, then closes: a hand-written state machine. */
    static final class Echo implements Future<Long> {
        private final TcpStream s;
        private final ByteBuffer buf = ByteBuffer.allocate(8192);
        private Future<Integer> reading;
        private Future<Void> writing;
        private long echoed;

        Echo(TcpStream s) {
            this.s = s;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            for (;;) {
                if (writing != null) {
                    if (writing.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    writing = null;
                    buf.clear();
                }
                if (reading == null) {
                    reading = s.read(buf);
                }
                Poll<Integer> p = reading.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                reading = null;
                if (p.value() < 0) {
                    s.close();
                    return Poll.ready(echoed);
                }
                echoed += p.value();
                buf.flip();
                writing = s.writeAll(buf);
            }
        }
    }

    /** Reads until the end of the stream. */
    static final class ReadToEnd implements Future<byte[]> {
        private final TcpStream s;
        private final ByteBuffer buf = ByteBuffer.allocate(8192);
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private Future<Integer> reading;

        ReadToEnd(TcpStream s) {
            this.s = s;
        }

        @Override
        public Poll<byte[]> poll(Context cx) {
            for (;;) {
                if (reading == null) {
                    buf.clear();
                    reading = s.read(buf);
                }
                Poll<Integer> p = reading.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                reading = null;
                if (p.value() < 0) {
                    return Poll.ready(out.toByteArray());
                }
                out.write(buf.array(), 0, p.value());
            }
        }
    }

    /** Accepts `count` connections and spawns an Echo for each. */
    static Future<Void> serve(WeftRuntime rt, TcpListener l, int count) {
        return serve(rt, l, count, new ArrayList<>());
    }

    /** Accepts `count` connections, each echoed by its own task, whose handles go to `handlers`. */
    static Future<Void> serve(WeftRuntime rt, TcpListener l, int count, List<JoinHandle<Long>> handlers) {
        int[] accepted = new int[1];
        @SuppressWarnings({"unchecked", "rawtypes"})
        Future<TcpStream>[] next = new Future[1];
        return cx -> {
            while (accepted[0] < count) {
                if (next[0] == null) {
                    next[0] = l.accept();
                }
                Poll<TcpStream> p = next[0].poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                next[0] = null;
                accepted[0]++;
                handlers.add(rt.spawn(new Echo(p.value())));
            }
            return Poll.ready(null);
        };
    }

    /**
     * Connects, sends `data` and half-closes while reading everything back concurrently (a
     * client that read only after writing would deadlock against an echo server once the data
     * exceeds the socket buffers).
     */
    static Future<byte[]> roundTrip(InetSocketAddress server, byte[] data) {
        return Futures.flatMap(TcpStream.connect(server), s -> {
            Future<Void> send = Futures.map(s.writeAll(ByteBuffer.wrap(data)), v -> {
                try {
                    s.shutdownOutput();
                } catch (IOException e) {
                    throw new AssertionError(e);
                }
                return null;
            });
            return Futures.join(send, new ReadToEnd(s), (v, bytes) -> {
                s.close();
                return bytes;
            });
        });
    }

    /** A client connected to `l` and the server side of that connection: {client, server}. */
    static TcpStream[] connectedPair(WeftRuntime rt, TcpListener l) {
        JoinHandle<TcpStream> accepted = rt.spawn(l.accept());
        TcpStream client = rt.blockOn(TcpStream.connect(l.localAddress()));
        return new TcpStream[] {client, rt.blockOn(accepted)};
    }

    /**
     * Each read here has room for more than arrives, so each is short and the next one waits
     * without trying (IoRegistration protocol 5); the rounds alternate between a read that waits
     * before the bytes are sent and bytes that are already there when the read starts, the case
     * the skipped try must not strand. A stranded read fails on the timeout.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void readsAfterShortReadsGetBytesSentBeforeOrAfterThem(String name, Supplier<WeftRuntime> make) {
        try (WeftRuntime rt = make.get()) {
            TcpListener l = rt.blockOn(TcpListener.bind(ANY_LOCAL_PORT));
            TcpStream[] pair = connectedPair(rt, l);
            TcpStream client = pair[0];
            TcpStream server = pair[1];
            ByteBuffer in = ByteBuffer.allocate(64);
            for (int i = 0; i < 500; i++) {
                byte[] msg = {(byte) i, (byte) (i >> 8), 7};
                in.clear();
                if (i % 2 == 0) {
                    JoinHandle<Integer> read = rt.spawn(Time.timeout(client.read(in), Duration.ofSeconds(10)));
                    rt.blockOn(server.writeAll(ByteBuffer.wrap(msg)));
                    assertEquals(3, rt.blockOn(read), "round " + i);
                } else {
                    rt.blockOn(server.writeAll(ByteBuffer.wrap(msg)));
                    assertEquals(3, rt.blockOn(Time.timeout(client.read(in), Duration.ofSeconds(10))), "round " + i);
                }
                assertArrayEquals(msg, Arrays.copyOf(in.array(), 3), "round " + i);
            }
            client.close();
            server.close();
            l.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("flavours")
    void echoRoundTripsAndHalfClose(String name, Supplier<WeftRuntime> make) {
        try (WeftRuntime rt = make.get()) {
            TcpListener l = rt.blockOn(TcpListener.bind(ANY_LOCAL_PORT));
            JoinHandle<Void> server = rt.spawn(serve(rt, l, 3));
            for (int i = 0; i < 3; i++) {
                byte[] msg = ("hello " + i).getBytes(StandardCharsets.US_ASCII);
                // The client half-closes; the server still answers, then closes: half-close works.
                assertArrayEquals(msg, rt.blockOn(roundTrip(l.localAddress(), msg)));
            }
            rt.blockOn(server);
            l.close();
        }
    }

    @Test
    void aThousandConcurrentConnections() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            TcpListener l = rt.blockOn(TcpListener.bind(ANY_LOCAL_PORT));
            List<JoinHandle<Long>> handlers = new ArrayList<>(); // filled by the server task only
            JoinHandle<Void> server = rt.spawn(serve(rt, l, 1_000, handlers));
            List<JoinHandle<byte[]>> clients = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                byte[] msg = ("client " + i + " says hi").getBytes(StandardCharsets.US_ASCII);
                clients.add(rt.spawn(roundTrip(l.localAddress(), msg)));
            }
            List<byte[]> replies = rt.blockOn(Futures.joinAll(clients));
            for (int i = 0; i < 1_000; i++) {
                assertEquals("client " + i + " says hi", new String(replies.get(i), StandardCharsets.US_ASCII));
            }
            rt.blockOn(server); // after this, `handlers` is complete and no longer written
            // A client sees EOF when its echo task half-closes, which can be before that task
            // closes its socket: wait for every echo task before counting registrations.
            rt.blockOn(Futures.joinAll(new ArrayList<>(handlers)));
            l.close();
            assertEquals(0, rt.blockOn(Futures.lazy(() -> RuntimeContext.current().io.registeredCount())),
                    "every socket deregistered");
        }
    }

    @Test
    void largeWritesTakeSeveralWriteReadinessRounds() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            TcpListener l = rt.blockOn(TcpListener.bind(ANY_LOCAL_PORT));
            rt.spawn(serve(rt, l, 1));
            byte[] data = new byte[16 << 20]; // far more than the socket buffers hold
            new Random(7).nextBytes(data);
            assertArrayEquals(data, rt.blockOn(roundTrip(l.localAddress(), data)));
            l.close();
        }
    }

    @Test
    void aTimeoutAroundAReadCancelsItAndTheStreamStaysUsable() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            TcpListener l = rt.blockOn(TcpListener.bind(ANY_LOCAL_PORT));
            TcpStream[] pair = connectedPair(rt, l);
            TcpStream client = pair[0];
            TcpStream server = pair[1];
            ByteBuffer buf = ByteBuffer.allocate(16);
            CompletionException e = assertThrows(CompletionException.class,
                    () -> rt.blockOn(Time.timeout(client.read(buf), Duration.ofMillis(50))));
            assertInstanceOf(TimeoutException.class, e.getCause());
            rt.blockOn(server.writeAll(ByteBuffer.wrap(new byte[] {1, 2, 3})));
            rt.blockOn(client.readExact(ByteBuffer.wrap(new byte[3]).clear()));
            server.close();
            client.close();
            l.close();
        }
    }

    @Test
    void cancellingAReadInTheMiddleLosesNoData() throws Exception {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            TcpListener l = rt.blockOn(TcpListener.bind(ANY_LOCAL_PORT));
            TcpStream[] pair = connectedPair(rt, l);
            TcpStream client = pair[0];
            TcpStream server = pair[1];
            Future<Integer> read = client.read(ByteBuffer.allocate(4));
            // One poll: nothing to read, so the read registers with the selector and waits...
            assertTrue(rt.blockOn(cx -> Poll.ready(read.poll(cx))).isPending());
            read.cancel(); // ...and is cancelled in the middle
            // A task aborted while waiting in a read is cancelled the same way.
            JoinHandle<Integer> reader = rt.spawn(client.read(ByteBuffer.allocate(4)));
            reader.abort();
            assertThrows(CancellationException.class, () -> rt.blockOn(reader));
            rt.blockOn(server.writeAll(ByteBuffer.wrap("data".getBytes(StandardCharsets.US_ASCII))));
            ByteBuffer again = ByteBuffer.allocate(4);
            rt.blockOn(client.readExact(again));
            assertEquals("data", new String(again.array(), StandardCharsets.US_ASCII));
            server.close();
            client.close();
            l.close();
        }
    }

    @Test
    void connectRefusedNamesTheAddress() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(1).build()) {
            // A bound but not listening socket holds a port nobody accepts on, and which the
            // client cannot pick as its own local port (TCP self-connect on a freed port).
            try (SocketChannel holder = SocketChannel.open()) {
                holder.bind(ANY_LOCAL_PORT);
                InetSocketAddress gone = (InetSocketAddress) holder.getLocalAddress();
                CompletionException e = assertThrows(CompletionException.class, () -> rt.blockOn(TcpStream.connect(gone)));
                assertInstanceOf(ConnectException.class, e.getCause());
                assertTrue(e.getCause().getMessage().startsWith("connect to " + gone + " failed"), e.getCause().getMessage());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void aPortInUseIsABindException() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(1).build()) {
            TcpListener l = rt.blockOn(TcpListener.bind(ANY_LOCAL_PORT));
            CompletionException e = assertThrows(CompletionException.class,
                    () -> rt.blockOn(TcpListener.bind(l.localAddress())));
            assertInstanceOf(BindException.class, e.getCause());
            assertTrue(e.getCause().getMessage().startsWith("bind to " + l.localAddress() + " failed"), e.getCause().getMessage());
            l.close();
        }
    }

    @Test
    void endOfStreamInTheMiddleOfReadExactIsAnEofException() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(1).build()) {
            TcpListener l = rt.blockOn(TcpListener.bind(ANY_LOCAL_PORT));
            TcpStream[] pair = connectedPair(rt, l);
            TcpStream client = pair[0];
            TcpStream server = pair[1];
            rt.blockOn(server.writeAll(ByteBuffer.wrap(new byte[] {1, 2})));
            server.close();
            CompletionException e = assertThrows(CompletionException.class,
                    () -> rt.blockOn(client.readExact(ByteBuffer.allocate(5))));
            assertInstanceOf(EOFException.class, e.getCause());
            assertTrue(e.getCause().getMessage().contains("3 bytes still expected"), e.getCause().getMessage());
            client.close();
            l.close();
        }
    }

    @Test
    void aPeerResetAndAClosedSocketFailClearly() throws Exception {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(1).build()) {
            TcpListener l = rt.blockOn(TcpListener.bind(ANY_LOCAL_PORT));
            JoinHandle<TcpStream> accepted = rt.spawn(l.accept());
            // A plain JDK client that resets the connection (linger 0, then close).
            SocketChannel raw = SocketChannel.open(l.localAddress());
            TcpStream server = rt.blockOn(accepted);
            raw.setOption(StandardSocketOptions.SO_LINGER, 0);
            raw.close();
            CompletionException reset = assertThrows(CompletionException.class, () -> {
                ByteBuffer b = ByteBuffer.allocate(8);
                while (true) {
                    rt.blockOn(server.writeAll(ByteBuffer.wrap(new byte[64 << 10]))); // until the reset is seen
                    b.clear();
                }
            });
            assertInstanceOf(IOException.class, reset.getCause());
            assertTrue(reset.getCause().getMessage().startsWith("write to " + server.remoteAddress() + " failed"),
                    reset.getCause().getMessage());
            server.close();
            CompletionException closed = assertThrows(CompletionException.class,
                    () -> rt.blockOn(server.read(ByteBuffer.allocate(8))));
            assertTrue(closed.getCause().getMessage().endsWith("failed: the socket is closed"), closed.getCause().getMessage());
            l.close();
        }
    }

    @Test
    void pollingANetworkFutureOutsideARuntimeFailsClearly() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> dev.weft.testing.MockTask.of(TcpListener.bind(ANY_LOCAL_PORT)).poll());
        assertTrue(e.getMessage().startsWith("TcpListener.bind was polled outside a Weft runtime"), e.getMessage());
        assertEquals("address is null", assertThrows(NullPointerException.class, () -> TcpStream.connect(null)).getMessage());
    }
}
