package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ReactorPipelineTest {
    @Test
    void aReactorPipelineGetsEveryReplyFromWeftTasksInOrder() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        List<String> replies = ReactorPipeline.run(30, new PrintStream(log, true, StandardCharsets.UTF_8));
        assertEquals(IntStream.rangeClosed(1, 30).mapToObj(i -> "request " + i).toList(), replies);
    }
}
