package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.adapters.completablefuture.CompletionStages;
import dev.weft.future.Future;
import dev.weft.future.Futures;
import dev.weft.net.TcpListener;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.WeftRuntime;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tasks await the JDK HttpClient's CompletableFutures against Weft's HTTP server on 127.0.0.1. */
class HttpClientIntegrationTest {
    @Test
    void tasksAwaitHttpClientSendAsyncAgainstAWeftServer() {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            TcpListener l = rt.blockOn(TcpListener.bind(new InetSocketAddress("127.0.0.1", 0)));
            rt.spawn(HttpHelloServer.serve(rt, l));
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + l.localAddress().getPort() + "/")).build();
            List<JoinHandle<String>> tasks = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                Future<HttpResponse<String>> response =
                        CompletionStages.stageToFuture(http.sendAsync(get, HttpResponse.BodyHandlers.ofString()));
                tasks.add(rt.spawn(Futures.map(response, r -> r.statusCode() + " " + r.body())));
            }
            for (String answer : rt.blockOn(Futures.joinAll(tasks))) {
                assertEquals("200 Hello, World!", answer);
            }
            l.close();
        }
    }
}
