package dev.weft.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs each contender of a workload 2 times to warm up and 5 times measured, in this JVM, and
 * prints {@code RESULT <impl> <workload> <best> <unit> median=<median>}; then the ratio of Weft's
 * median to the best peer's median, since single numbers on a shared 2-core machine are noise.
 */
final class Harness {
    static final int WARMUPS = 2;
    static final int RUNS = 5;

    /** One measured run: returns a checksum that must equal the expected one. */
    interface Run {
        long run() throws Exception;
    }

    private final String workload;
    private final String unit;
    private final double work;
    private final long expected;
    private final Map<String, Double> medians = new LinkedHashMap<>();

    /**
     * @param work the amount of work per run (tasks, round trips, items): the rate is work / seconds
     */
    Harness(String workload, String unit, double work, long expected) {
        this.workload = workload;
        this.unit = unit;
        this.work = work;
        this.expected = expected;
    }

    void measure(String impl, Run run) {
        String only = System.getProperty("only");
        if (only != null && !java.util.Arrays.asList(only.split(",")).contains(impl)) {
            return; // -Donly=weft,fjp-cf runs just those contenders (for profiling)
        }
        try {
            for (int i = 0; i < WARMUPS; i++) {
                settle();
                check(impl, run.run());
            }
            double[] values = new double[RUNS];
            for (int i = 0; i < RUNS; i++) {
                settle();
                long t0 = System.nanoTime();
                long sum = run.run();
                long t1 = System.nanoTime();
                check(impl, sum);
                double seconds = (t1 - t0) / 1e9;
                values[i] = seconds() ? seconds : work / seconds;
            }
            Arrays.sort(values);
            double best = seconds() ? values[0] : values[RUNS - 1];
            double median = values[RUNS / 2];
            medians.put(impl, median);
            String fmt = seconds() ? "RESULT %s %s %.4f %s median=%.4f%n" : "RESULT %s %s %.0f %s median=%.0f%n";
            System.out.printf(Locale.ROOT, fmt, impl, workload, best, unit, median);
        } catch (Exception e) {
            System.out.printf(Locale.ROOT, "SKIPPED %s %s: %s%n", impl, workload, e);
        }
    }

    /**
     * Keeps the heap the warm-ups grew. A full collection (settle) lets G1 give back all but 40 MB
     * when the heap is mostly free, so every measured run would start with a young generation of a
     * few megabytes and pay three or four young collections copying its own live set while the
     * heap grows again: a cost of this harness, not of the code under test, and the reason W1
     * and W3 moved by 2x with {@code -Xms}. {@code MaxHeapFreeRatio} is a manageable flag, so
     * the plain {@code java -jar} command gets the same footing for every contender, as a server
     * started with {@code -Xms} has. Returns what was done, for the header line.
     */
    static String keepGrownHeap() {
        com.sun.management.HotSpotDiagnosticMXBean vm =
                java.lang.management.ManagementFactory.getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        try {
            vm.setVMOption("MaxHeapFreeRatio", "100");
            return "heap kept across runs (MaxHeapFreeRatio=100)";
        } catch (IllegalArgumentException e) {
            return "heap may shrink between runs (" + e.getMessage() + ")";
        }
    }

    /**
     * Starts every run of every contender from a collected heap: the workloads keep a million
     * objects alive, so where a young collection happens to fall would otherwise decide the
     * result more than the code under test does.
     */
    private static void settle() {
        System.gc();
        System.gc();
    }

    /** The median a contender measured, or NaN if it did not run (-Donly, or it was skipped). */
    double median(String impl) {
        Double m = medians.get(impl);
        return m == null ? Double.NaN : m;
    }

    /** Whether the unit is a duration (lower is better) rather than a rate. */
    private boolean seconds() {
        return unit.equals("s");
    }

    void skip(String impl, String why) {
        System.out.printf(Locale.ROOT, "SKIPPED %s %s: %s%n", impl, workload, why);
    }

    private void check(String impl, long sum) {
        if (sum != expected) {
            throw new IllegalStateException(impl + " computed " + sum + " but " + expected + " was expected");
        }
    }

    /**
     * Prints how Weft's median compares with each peer's, as a factor where above 1 means Weft
     * is better: rate over rate, or (for durations) the peer's seconds over Weft's.
     */
    void printRatio() {
        Double weftMedian = medians.get("weft");
        if (weftMedian == null) {
            return;
        }
        double weft = seconds() ? 1 / weftMedian : weftMedian;
        String bestPeer = null;
        double bestMedian = 0;
        for (Map.Entry<String, Double> e : medians.entrySet()) {
            double v = seconds() ? 1 / e.getValue() : e.getValue();
            if (!e.getKey().startsWith("weft") && v > bestMedian) { // Weft's variants are not peers
                bestMedian = v;
                bestPeer = e.getKey();
            }
        }
        if (bestPeer != null) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, Double> e : medians.entrySet()) {
                if (!e.getKey().equals("weft")) {
                    double v = seconds() ? 1 / e.getValue() : e.getValue();
                    parts.add(String.format(Locale.ROOT, "%s=%.2fx", e.getKey(), weft / v));
                }
            }
            System.out.printf(Locale.ROOT, "RATIO %s weft/best-peer(%s)=%.2f  [%s]%n", workload, bestPeer,
                    weft / bestMedian, String.join(" ", parts));
        }
    }
}
