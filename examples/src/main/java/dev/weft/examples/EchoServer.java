package dev.weft.examples;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.AsyncStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;

/**
 * A TCP echo server: one task per connection, each a small hand-written state machine that reads
 * what arrives and writes it back until the client closes its side.
 *
 * <pre>
 * java -cp examples/target/weft-examples.jar dev.weft.examples.EchoServer 7000
 * </pre>
 */
public final class EchoServer {
    private EchoServer() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 7000;
        WeftRuntime rt = WeftRuntime.builder().build();
        TcpListener listener = rt.blockOn(TcpListener.bind(new InetSocketAddress("127.0.0.1", port)));
        System.out.println("echoing on " + listener.localAddress());
        rt.blockOn(serve(rt, listener));
    }

    /** Accepts forever; each connection becomes a task. */
    static Future<Void> serve(WeftRuntime rt, TcpListener listener) {
        AsyncStream<TcpStream> incoming = listener.incoming();
        return cx -> {
            for (;;) {
                Poll<TcpStream> p = incoming.pollNext(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                rt.spawn(new Echo(p.value()));
            }
        };
    }

    /** Reads, writes back, repeats; closes when the client half-closes. Returns bytes echoed. */
    static final class Echo implements Future<Long> {
        private final TcpStream stream;
        private final ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        private Future<Integer> reading;
        private Future<Void> writing;
        private long echoed;

        Echo(TcpStream stream) {
            this.stream = stream;
        }

        @Override
        public Poll<Long> poll(Context cx) {
            for (;;) {
                if (writing != null) {
                    if (writing.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    writing = null;
                    buffer.clear();
                }
                if (reading == null) {
                    reading = stream.read(buffer);
                }
                Poll<Integer> p = reading.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                reading = null;
                if (p.value() < 0) {
                    stream.close();
                    return Poll.ready(echoed);
                }
                echoed += p.value();
                writing = stream.writeAll(buffer.flip());
            }
        }

        @Override
        public void cancel() {
            stream.close();
        }
    }
}
