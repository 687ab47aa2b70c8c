package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.weft.net.TcpListener;
import dev.weft.runtime.WeftRuntime;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The example servers, driven by a plain JDK socket client on 127.0.0.1. */
class ServersTest {
    static final String GET = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";

    private static byte[] readN(InputStream in, int n) throws IOException {
        byte[] out = in.readNBytes(n);
        assertEquals(n, out.length, "the server closed early");
        return out;
    }

    @Test
    void httpAnswersPipelinedRequestsInOrderAndKeepsTheConnectionAlive() throws Exception {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            TcpListener l = rt.blockOn(TcpListener.bind(new InetSocketAddress("127.0.0.1", 0)));
            rt.spawn(HttpHelloServer.serve(rt, l));
            try (Socket s = new Socket("127.0.0.1", l.localAddress().getPort())) {
                s.setSoTimeout(10_000);
                OutputStream out = s.getOutputStream();
                InputStream in = s.getInputStream();
                out.write((GET + GET + GET).getBytes(StandardCharsets.US_ASCII)); // pipelined
                byte[] three = readN(in, 3 * HttpHelloServer.RESPONSE.length);
                for (int i = 0; i < 3; i++) {
                    assertArrayEquals(HttpHelloServer.RESPONSE, Arrays.copyOfRange(three,
                            i * HttpHelloServer.RESPONSE.length, (i + 1) * HttpHelloServer.RESPONSE.length));
                }
                // Split across writes, then kept alive for another request.
                out.write(GET.substring(0, 7).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                out.write(GET.substring(7).getBytes(StandardCharsets.US_ASCII));
                assertArrayEquals(HttpHelloServer.RESPONSE, readN(in, HttpHelloServer.RESPONSE.length));
            }
            l.close();
        }
    }

    @Test
    void httpRefusesAnOversizedHeadAndHangsUp() throws Exception {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            TcpListener l = rt.blockOn(TcpListener.bind(new InetSocketAddress("127.0.0.1", 0)));
            rt.spawn(HttpHelloServer.serve(rt, l));
            try (Socket s = new Socket("127.0.0.1", l.localAddress().getPort())) {
                s.setSoTimeout(10_000);
                byte[] huge = new byte[HttpHelloServer.MAX_HEAD + 100];
                Arrays.fill(huge, (byte) 'a');
                s.getOutputStream().write(huge);
                ByteArrayOutputStream got = new ByteArrayOutputStream();
                s.getInputStream().transferTo(got); // until the server closes
                assertTrue(got.toString(StandardCharsets.US_ASCII).startsWith("HTTP/1.1 431"), got.toString(StandardCharsets.US_ASCII));
            }
            l.close();
        }
    }

    @Test
    void echoSendsEverythingBack() throws Exception {
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            TcpListener l = rt.blockOn(TcpListener.bind(new InetSocketAddress("127.0.0.1", 0)));
            rt.spawn(EchoServer.serve(rt, l));
            try (Socket s = new Socket("127.0.0.1", l.localAddress().getPort())) {
                s.setSoTimeout(10_000);
                byte[] msg = "echo, echo, echo".getBytes(StandardCharsets.US_ASCII);
                s.getOutputStream().write(msg);
                s.shutdownOutput();
                assertArrayEquals(msg, s.getInputStream().readAllBytes());
            }
            l.close();
        }
    }
}
