package dev.weft.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.future.Futures;
import dev.weft.internal.driver.RuntimeContext;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.WeftRuntime;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10's connection storm: 10,000 connections open at once against one Weft listener, each
 * served by its own task, then all closed. The client runs in a second JVM so each process holds
 * one end of each connection: 10,000 in this one, within a 20,000-descriptor limit.
 */
class ConnectionStormTest {
    static final int CONNECTIONS = 10_000;

    @Test
    void tenThousandConcurrentConnectionsAreServedAndReleased(@TempDir Path dir) throws Exception {
        long limit = openFileLimit();
        assumeTrue(limit < 0 || limit >= CONNECTIONS + 2_000,
                "this process may open only " + limit + " files; the storm needs " + (CONNECTIONS + 2_000)
                        + " (raise it with ulimit -n, as .ci/run does)");
        Path client = dir.resolve("StormClient.java");
        try (InputStream src = ConnectionStormTest.class.getResourceAsStream("StormClient.java")) {
            Files.copy(src, client);
        }
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            TcpListener l = rt.blockOn(TcpListener.bind(NetTest.ANY_LOCAL_PORT));
            List<JoinHandle<Long>> handlers = new ArrayList<>(); // written by the server task only
            JoinHandle<Void> server = rt.spawn(NetTest.serve(rt, l, CONNECTIONS, handlers));

            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xss256k", client.toString(), String.valueOf(l.localAddress().getPort()),
                    String.valueOf(CONNECTIONS))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    Writer in = p.outputWriter(StandardCharsets.UTF_8)) {
                assertEquals("CONNECTED " + CONNECTIONS, out.readLine());
                // Every connection is still open on the client while each one's byte comes back, so
                // this line means 10,000 connections were accepted and served at the same time.
                assertEquals("ECHOED " + CONNECTIONS, out.readLine());
                rt.blockOn(server); // all accepted: `handlers` is complete and no longer written
                assertEquals(CONNECTIONS, handlers.size());
                assertEquals(0, handlers.stream().filter(JoinHandle::isFinished).count(),
                        "a handler finished while its connection was open");
                long sockets = rt.metrics().registeredSockets();
                assertTrue(sockets >= CONNECTIONS, "registered sockets while open: " + sockets);

                in.write("close\n");
                in.flush();
                assertEquals("CLOSED " + CONNECTIONS, out.readLine());
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the client process did not exit");
            assertEquals(0, p.exitValue());

            // Each handler sees EOF, closes its socket and finishes; then nothing is registered.
            List<Long> echoed = rt.blockOn(Futures.joinAll(handlers));
            assertEquals(CONNECTIONS, echoed.stream().mapToLong(Long::longValue).sum(), "bytes echoed");
            l.close();
            assertEquals(0, rt.blockOn(Futures.lazy(() -> RuntimeContext.current().io.registeredCount())),
                    "every socket deregistered");
        }
    }

    /** The soft limit on open files from /proc/self/limits, or -1 where that file does not exist. */
    static long openFileLimit() throws IOException {
        Path limits = Path.of("/proc/self/limits");
        if (!Files.isReadable(limits)) {
            return -1;
        }
        for (String line : Files.readAllLines(limits)) {
            if (line.startsWith("Max open files")) {
                String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
                return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
            }
        }
        return -1;
    }
}
