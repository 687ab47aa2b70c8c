package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DemoTest {
    @Test
    void theDemoShowsTheWholeMissionAndEndsCleanly() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("200 of 200 answered 200 \"Hello, World!\""), out);
        assertTrue(out.contains("[3/5] Flux     complete: 200 delivered, never more than requested"), out);
        assertTrue(out.contains("[4/5] Flowable complete: 200 delivered, never more than requested"), out);
        assertTrue(out.contains("most outstanding 25"), out);
        assertTrue(out.contains("summed to 385"), out);
        assertTrue(out.contains("runtime closed: 0 Weft threads left"), out);
    }
}
