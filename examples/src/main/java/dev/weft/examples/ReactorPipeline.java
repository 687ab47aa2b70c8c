package dev.weft.examples;

import dev.weft.adapters.reactor.ReactorAdapters;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.net.TcpListener;
import dev.weft.net.TcpStream;
import dev.weft.runtime.WeftRuntime;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import reactor.core.publisher.Flux;

/**
 * A Reactor pipeline that calls into Weft: Flux.range fans out, at most four at a time, to Weft
 * tasks that each open a connection to a Weft echo server on 127.0.0.1, send a line and read it
 * back; Reactor collects the answers. Run it with
 * {@code java -cp examples/target/weft-examples.jar dev.weft.examples.ReactorPipeline}.
 */
public final class ReactorPipeline {
    private ReactorPipeline() {}

    public static void main(String[] args) {
        List<String> replies = run(20, System.out);
        System.out.println("reactor pipeline: " + replies.size() + " replies from the Weft echo server");
    }

    /** Runs the pipeline for {@code n} requests and returns the replies in request order. */
    static List<String> run(int n, PrintStream log) {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            TcpListener listener = rt.blockOn(TcpListener.bind(new InetSocketAddress("127.0.0.1", 0)));
            rt.spawn(EchoServer.serve(rt, listener));
            InetSocketAddress server = listener.localAddress();
            List<String> replies = Flux.range(1, n)
                    // Each request is a Weft task (a fresh one per subscription); flatMapSequential
                    // runs four at a time and keeps Reactor's order.
                    .flatMapSequential(i -> ReactorAdapters.futureToMono(() -> echoOnce(server, "request " + i), rt), 4)
                    .doOnNext(r -> log.println("  got '" + r + "'"))
                    .collectList()
                    .block();
            listener.close();
            return replies;
        }
    }

    /** Connects, sends one line, reads the same number of bytes back, closes. */
    static Future<String> echoOnce(InetSocketAddress server, String line) {
        byte[] out = line.getBytes(StandardCharsets.UTF_8);
        return Futures.flatMap(TcpStream.connect(server), conn -> {
            ByteBuffer reply = ByteBuffer.allocate(out.length);
            Future<String> exchange = Futures.flatMap(conn.writeAll(ByteBuffer.wrap(out)),
                    written -> Futures.map(conn.readExact(reply),
                            read -> new String(reply.array(), StandardCharsets.UTF_8)));
            return Futures.map(Futures.recover(exchange, e -> {
                conn.close();
                throw sneaky(e);
            }), s -> {
                conn.close();
                return s;
            });
        });
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
