package dev.weft.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmark program: {@code java -jar benchmarks/target/weft-benchmarks.jar [W1 W1s ...]}
 * runs the named workloads (all when none is named), Weft and its peers in the same JVM.
 */
public final class Main {
    private static final List<String> ALL = List.of("W1", "W1s", "W2", "W3", "STAGES-done", "STAGES-later", "W5");

    private Main() {}

    public static void main(String[] args) throws Exception {
        // Virtual threads get the same two carriers as the other runtimes' workers. The property
        // is read when the first virtual thread starts, so it must be set before any workload.
        System.setProperty("jdk.virtualThreadScheduler.parallelism", "2");
        Set<String> wanted = new LinkedHashSet<>(args.length == 0 ? ALL : Arrays.asList(args));
        StringBuilder gcs = new StringBuilder();
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs.append(gcs.length() == 0 ? "" : ", ").append(gc.getName());
        }
        String heap = Harness.keepGrownHeap();
        System.out.printf("weft benchmarks on %s, %d cores, %d MiB max heap, GC: %s, %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, gcs, heap);
        for (String w : wanted) {
            switch (w) {
                case "W1":
                    W1Spawn.w1();
                    break;
                case "W1s":
                    W1Spawn.w1s();
                    break;
                case "W2":
                    W2PingPong.w2();
                    break;
                case "STAGES-done":
                case "STAGES-later":
                    StagesAwait.run(w);
                    break;
                case "W5":
                    W5RoundTrip.w5();
                    break;
                case "W3":
                    W3Timers.w3();
                    break;
                default:
                    System.out.println("unknown workload " + w + "; known: " + ALL);
            }
        }
    }
}
