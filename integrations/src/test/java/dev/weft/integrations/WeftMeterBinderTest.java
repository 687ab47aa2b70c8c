package dev.weft.integrations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.weft.future.Futures;
import dev.weft.runtime.JoinHandle;
import dev.weft.runtime.WeftRuntime;
import dev.weft.time.Time;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeftMeterBinderTest {
    @Test
    void publishesTheRuntimesCountersAndGauges() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (WeftRuntime rt = WeftRuntime.builder().workerThreads(2).build()) {
            new WeftMeterBinder(rt, "orders").bindTo(registry);
            List<JoinHandle<Integer>> hs = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int k = i;
                hs.add(rt.spawn(Futures.lazy(() -> k)));
            }
            rt.blockOn(Futures.joinAll(hs));
            JoinHandle<Void> sleeper = rt.spawn(Time.sleep(Duration.ofHours(1)));
            while (rt.metrics().timers() < 1) {
                rt.blockOn(Futures.yieldNow()); // let the sleeper register its timer
            }
            assertEquals(11.0, registry.get("weft.tasks.spawned").tag("runtime", "orders").functionCounter().count());
            assertEquals(1.0, registry.get("weft.timers").tag("runtime", "orders").gauge().value());
            assertEquals(rt.metrics().polls(), (long) registry.get("weft.polls").functionCounter().count());
            sleeper.abort();
        }
    }
}
