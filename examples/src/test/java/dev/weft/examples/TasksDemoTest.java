package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TasksDemoTest {
    @Test
    void theDemoRunsItsWholePathAndEndsCleanly() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        TasksDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("primes below    10,000:  1,229"), out);
        assertTrue(out.contains("primes below   400,000: 33,860"), out);
        assertTrue(out.contains("-blocking-"), out);
        assertTrue(out.contains("aborted a long task: its handle says \"task was aborted\""), out);
        assertTrue(out.contains("joinAll of three tasks: [1, 4, 9]"), out);
        assertTrue(out.contains("shutdown clean"), out);
    }
}
