package dev.weft.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The benchmark program: {@code java -jar benchmarks/target/weft-benchmarks.jar [W1 W1s ...]}
 * runs the named workloads (all when none is named), each in a JVM of its own with Weft and its
 * peers in that same JVM.
 */
public final class Main {
    private static final List<String> ALL = List.of("W1", "W1s", "W2", "W3", "STAGES-done", "STAGES-later", "W5", "TIMEOUTS");

    /** Set on the forked JVMs (or by hand, to run everything in this JVM, e.g. under a profiler). */
    private static final String IN_PROCESS = "weft.benchmarks.inProcess";

    private Main() {}

    /**
     * Runs each workload in a JVM of its own, all of its contenders in that JVM. One JVM for every
     * workload let the earlier ones decide the later ones: the heap W1 and W2 had grown and the
     * JIT profiles they left moved W3's results by 20 %, and whichever contender ran first in a
     * workload paid for growing the heap (W1's Weft median 6.7 M tasks/s against a best run of
     * 13 M). Unless the command line sizes the heap itself, each fork gets a fixed, pre-touched
     * 4 GB heap, as a server started with -Xms has, so every contender starts from the same heap
     * and no run pays the first touch of its pages (without AlwaysPreTouch a fixed heap made
     * things worse: W3's Weft median 0.148 s against 0.12). Three alternating invocations each:
     * W1's ratio to the best peer 0.66-0.90 this way, 0.38-0.85 in one JVM.
     */
    private static void forkPerWorkload(Set<String> workloads) throws Exception {
        List<String> jvmArgs = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments();
        boolean sized = jvmArgs.stream().anyMatch(a -> a.startsWith("-Xms") || a.startsWith("-Xmx") || a.startsWith("-Xmn"));
        String java = ProcessHandle.current().info().command().orElse("java");
        for (String workload : workloads) {
            List<String> cmd = new java.util.ArrayList<>();
            cmd.add(java);
            cmd.addAll(jvmArgs);
            if (!sized) {
                cmd.addAll(List.of("-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"));
            }
            cmd.addAll(List.of("-D" + IN_PROCESS + "=true", "-cp", System.getProperty("java.class.path"),
                    Main.class.getName(), workload));
            int exit = new ProcessBuilder(cmd).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("the JVM running " + workload + " exited with " + exit + ": " + cmd);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Set<String> wanted = new LinkedHashSet<>(args.length == 0 ? ALL : Arrays.asList(args));
        if (!Boolean.getBoolean(IN_PROCESS)) {
            forkPerWorkload(wanted);
            return;
        }
        // Virtual threads get the same two carriers as the other runtimes' workers. The property
        // is read when the first virtual thread starts, so it must be set before any workload.
        System.setProperty("jdk.virtualThreadScheduler.parallelism", "2");
        StringBuilder gcs = new StringBuilder();
        for (java.lang.management.GarbageCollectorMXBean gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            gcs.append(gcs.length() == 0 ? "" : ", ").append(gc.getName());
        }
        String heap = Harness.keepGrownHeap();
        String flags = String.join(" ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.printf("weft benchmarks on %s, %d cores, %d MiB max heap, GC: %s, %s; JVM flags: %s%n", Runtime.version(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20, gcs, heap, flags);
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
                case "TIMEOUTS":
                    Timeouts.run();
                    break;
                default:
                    System.out.println("unknown workload " + w + "; known: " + ALL);
            }
        }
    }
}
