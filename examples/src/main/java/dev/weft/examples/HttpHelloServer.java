package dev.weft.examples;

import dev.weft.future.Context;
import dev.weft.future.Future;
import dev.weft.future.Poll;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.runtime.WeftRuntime;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The W4 server: HTTP/1.1 plaintext on the Selector reactor. Reads each request head to the
 * blank line, answers {@code Hello, World!}, keeps the connection alive, answers pipelined
 * requests in order, and closes a connection whose request head exceeds 8 KiB (431), so a bad
 * client cannot make it buffer without limit.
 *
 * <pre>
 * java -cp examples/target/weft-examples.jar dev.weft.examples.HttpHelloServer 8080
 * </pre>
 */
public final class HttpHelloServer {
    static final int MAX_HEAD = 8 * 1024;
    static final byte[] RESPONSE = ("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 13\r\n\r\n"
            + "Hello, World!").getBytes(StandardCharsets.US_ASCII);
    static final byte[] TOO_LARGE = ("HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Length: 0\r\n"
            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private HttpHelloServer() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        WeftRuntime rt = WeftRuntime.builder().build();
        TcpListener listener = rt.blockOn(TcpListener.bind(new InetSocketAddress("127.0.0.1", port)));
        System.out.println("listening on http://" + listener.localAddress() + "/");
        rt.blockOn(serve(rt, listener));
    }

    /** Accepts forever, one task per connection. */
    static Future<Void> serve(WeftRuntime rt, TcpListener listener) {
        return new Future<>() {
            private Future<TcpStream> accepting;

            @Override
            public Poll<Void> poll(Context cx) {
                for (;;) {
                    if (accepting == null) {
                        accepting = listener.accept();
                    }
                    Poll<TcpStream> p = accepting.poll(cx);
                    if (p.isPending()) {
                        return Poll.pending();
                    }
                    accepting = null;
                    rt.spawn(new Connection(p.value()));
                }
            }

            @Override
            public void cancel() {
                if (accepting != null) {
                    accepting.cancel();
                }
            }
        };
    }

    /** One keep-alive connection: read heads, answer each complete one, repeat. */
    static final class Connection implements Future<Void> {
        private final TcpStream stream;
        private final ByteBuffer in = ByteBuffer.allocate(MAX_HEAD);
        private int scanned; // bytes of `in` already searched for a blank line
        private Future<Integer> reading;
        private Future<Void> writing;
        private boolean closing;

        Connection(TcpStream stream) {
            this.stream = stream;
        }

        @Override
        public Poll<Void> poll(Context cx) {
            for (;;) {
                if (writing != null) {
                    if (writing.poll(cx).isPending()) {
                        return Poll.pending();
                    }
                    writing = null;
                    if (closing) {
                        stream.close();
                        return Poll.ready(null);
                    }
                }
                int complete = takeCompleteRequests();
                if (complete > 0) {
                    ByteBuffer out = ByteBuffer.allocate(RESPONSE.length * complete);
                    for (int i = 0; i < complete; i++) {
                        out.put(RESPONSE);
                    }
                    writing = stream.writeAll(out.flip());
                    continue;
                }
                if (!in.hasRemaining()) {
                    closing = true; // a head larger than MAX_HEAD: refuse it and hang up
                    writing = stream.writeAll(ByteBuffer.wrap(TOO_LARGE));
                    continue;
                }
                if (reading == null) {
                    reading = stream.read(in);
                }
                Poll<Integer> p = reading.poll(cx);
                if (p.isPending()) {
                    return Poll.pending();
                }
                reading = null;
                if (p.value() < 0) {
                    stream.close();
                    return Poll.ready(null);
                }
            }
        }

        /** Removes every complete request head from `in`; returns how many there were. */
        private int takeCompleteRequests() {
            byte[] a = in.array();
            int end = in.position();
            int consumed = 0;
            int count = 0;
            for (int i = Math.max(3, scanned); i < end; i++) {
                if (a[i] == '\n' && a[i - 1] == '\r' && a[i - 2] == '\n' && a[i - 3] == '\r' && i - 3 >= consumed) {
                    count++;
                    consumed = i + 1;
                }
            }
            if (consumed > 0) {
                System.arraycopy(a, consumed, a, 0, end - consumed);
                in.position(end - consumed);
            }
            scanned = Math.max(0, in.position() - 3);
            return count;
        }

        @Override
        public void cancel() {
            stream.close();
        }
    }
}
