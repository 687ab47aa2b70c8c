package dev.weft.examples;

import dev.weft.adapters.completablefuture.CompletionStages;
import dev.weft.adapters.reactor.ReactorAdapters;
import dev.weft.adapters.rxjava.RxJavaAdapters;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.net.TcpListener;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.WeftRuntime;
import dev.weft.stream.Streams;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Flux;

/**
 * The README's first command: the whole mission on one screen. A Weft HTTP server on the
 * Selector reactor; Weft tasks that await the JDK HttpClient's CompletableFutures against it; the
 * results streamed out as a Reactor Flux and an RxJava Flowable, with the items requested and
 * delivered printed as they go; a clean shutdown; and what was measured.
 */
public final class Demo {
    static final int REQUESTS = 200;
    static final int BATCH = 25;

    private Demo() {}

    public static void main(String[] args) {
        run(System.out);
    }

    static void run(PrintStream out) {
        long started = System.nanoTime();
        out.println("Weft demo: poll-based tasks inside CompletableFuture, Reactor and RxJava code");
        int threadsBefore = weftThreads();
        List<String> measured = new ArrayList<>();
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            TcpListener listener = rt.blockOn(TcpListener.bind(new InetSocketAddress("127.0.0.1", 0)));
            rt.spawn(HttpHelloServer.serve(rt, listener));
            URI uri = URI.create("http://127.0.0.1:" + listener.localAddress().getPort() + "/");
            out.printf("[1/5] HTTP server: a Weft task on the Selector reactor at %s%n", uri);

            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest get = HttpRequest.newBuilder(uri).build();
            long t0 = System.nanoTime();
            List<JoinHandle<String>> calls = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                Future<HttpResponse<String>> response =
                        CompletionStages.stageToFuture(http.sendAsync(get, HttpResponse.BodyHandlers.ofString()));
                int n = i;
                calls.add(rt.spawn(Futures.map(response, r -> "#" + n + " " + r.statusCode() + " " + r.body())));
            }
            out.printf("[2/5] %d Weft tasks await HttpClient.sendAsync (a CompletableFuture each)...%n", REQUESTS);
            List<String> answers = rt.blockOn(Futures.joinAll(calls));
            double ms = (System.nanoTime() - t0) / 1e6;
            long ok = answers.stream().filter(a -> a.endsWith("200 Hello, World!")).count();
            out.printf(Locale.ROOT, "      %d of %d answered 200 \"Hello, World!\" in %.0f ms%n", ok, REQUESTS, ms);
            measured.add(String.format(Locale.ROOT, "%d HTTP round trips in %.0f ms (%.0f/s)", REQUESTS, ms, REQUESTS / (ms / 1000)));

            // The answers as a Weft stream, pushed into Reactor and RxJava with waker-driven
            // backpressure: each side asks for BATCH items at a time, and the stream is polled
            // only while there is demand.
            long[] flux = drain(out, "[3/5] Flux    ",
                    ReactorAdapters.streamToFlux(Streams.fromIterable(answers), rt));
            measured.add(String.format(Locale.ROOT, "Flux: %d requests of %d, %d delivered, most outstanding %d",
                    flux[0], BATCH, flux[1], flux[2]));
            long[] flowable = drain(out, "[4/5] Flowable",
                    RxJavaAdapters.streamToFlowable(Streams.fromIterable(answers), rt));
            measured.add(String.format(Locale.ROOT, "Flowable: %d requests of %d, %d delivered, most outstanding %d",
                    flowable[0], BATCH, flowable[1], flowable[2]));
            // And Reactor calling back into Weft: a Flux whose items are Weft tasks.
            long sum = Flux.range(1, 10).flatMap(i -> ReactorAdapters.futureToMono(() -> Futures.lazy(() -> i * i), rt))
                    .reduce(0, Integer::sum).block();
            measured.add("Flux.range(1, 10).flatMap(Weft task i*i) summed to " + sum);
            listener.close();
        }
        int threadsLeft = weftThreads() - threadsBefore;
        out.printf("[5/5] runtime closed: %d Weft threads left%n", Math.max(0, threadsLeft));
        out.println("Measured:");
        for (String m : measured) {
            out.println("  " + m);
        }
        out.printf(Locale.ROOT, "  the whole demo took %.0f ms%n", (System.nanoTime() - started) / 1e6);
    }

    /** Subscribes with a subscriber that requests BATCH at a time and reports the flow. */
    private static long[] drain(PrintStream out, String label, org.reactivestreams.Publisher<String> publisher) {
        long[] stats = new long[3]; // requests made, items delivered, most outstanding at once
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        publisher.subscribe(new Subscriber<String>() {
            private Subscription s;
            private final AtomicLong outstanding = new AtomicLong();

            @Override
            public void onSubscribe(Subscription s) {
                this.s = s;
                ask();
            }

            private void ask() {
                stats[0]++;
                stats[2] = Math.max(stats[2], outstanding.addAndGet(BATCH));
                s.request(BATCH);
            }

            private boolean overDelivered;

            @Override
            public void onNext(String item) {
                stats[1]++;
                long left = outstanding.decrementAndGet();
                overDelivered |= left < 0;
                if (left == 0) {
                    out.printf("%s requested %3d, delivered %3d%n", label, stats[0] * BATCH, stats[1]);
                    ask();
                }
            }

            @Override
            public void onError(Throwable t) {
                out.println(label + " failed: " + t);
                done.countDown();
            }

            @Override
            public void onComplete() {
                out.printf("%s complete: %d delivered, %s%n", label, stats[1],
                        overDelivered ? "MORE THAN REQUESTED (a backpressure bug)" : "never more than requested");
                done.countDown();
            }
        });
        try {
            if (!done.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
                out.println(label + " did not complete within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return stats;
    }

    private static int weftThreads() {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("weft-") && t.isAlive()) {
                n++;
            }
        }
        return n;
    }
}
