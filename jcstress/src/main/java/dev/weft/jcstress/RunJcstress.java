package dev.weft.jcstress;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SortedSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jcstress.JCStress;
import org.openjdk.jcstress.Options;

/**
 * Runs the jcstress suite and fails the build when it should: jcstress's own Main exits 0 even
 * when a test saw a forbidden outcome, and a filter that matches nothing would pass silently.
 *
 * <p>Arguments: the report directory, then jcstress options ({@code -m quick}, {@code -t regexp}).
 * The count of tests found must equal {@link #EXPECTED_TESTS} when the whole suite is selected, so
 * a test that stops being discovered (a lost annotation, a broken processor) fails CI.
 */
public final class RunJcstress {
    /** Every @JCStressTest class in this module; update it when adding one. */
    static final int EXPECTED_TESTS = 21;

    private RunJcstress() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: RunJcstress <report dir> [jcstress options]");
        }
        Path reportDir = Path.of(args[0]);
        Files.createDirectories(reportDir);
        List<String> jcstressArgs = new ArrayList<>(Arrays.asList(args).subList(1, args.length));
        jcstressArgs.add("-v"); // print every test's outcome table, so the samples can be counted
        jcstressArgs.add("-r");
        jcstressArgs.add(reportDir.toString());
        Options opts = new Options(jcstressArgs.toArray(new String[0]));
        if (!opts.parse()) {
            throw new IllegalArgumentException("jcstress rejected the options " + jcstressArgs);
        }

        PrintStream console = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(new Tee(console, captured), true, StandardCharsets.UTF_8));
        int found;
        try {
            JCStress jcstress = new JCStress(opts);
            SortedSet<String> tests = jcstress.getTests();
            found = tests.size();
            console.println("jcstress: " + found + " tests selected, mode " + modeOf(jcstressArgs));
            jcstress.run();
        } catch (Throwable e) {
            // jcstress reports forbidden outcomes by throwing AssertionError from its report printer.
            System.setOut(console);
            System.err.println("jcstress FAILED: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        } finally {
            System.out.flush();
            System.setOut(console);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        Files.writeString(reportDir.resolve("console.txt"), out);

        List<String> problems = new ArrayList<>();
        if (found == 0) {
            problems.add("no test matched the selection");
        } else if (selectsAll(jcstressArgs) && found != EXPECTED_TESTS) {
            problems.add("found " + found + " tests, expected " + EXPECTED_TESTS
                    + " (RunJcstress.EXPECTED_TESTS): a test was lost, or a new one was not counted");
        }
        for (String kind : new String[] {"Failed tests", "Error tests"}) {
            Matcher m = Pattern.compile(Pattern.quote(kind) + ": ([^\\n]*)").matcher(out);
            if (!m.find()) {
                problems.add("the run printed no '" + kind + "' summary (did it finish?)");
            } else if (!m.group(1).trim().startsWith("No matches")) {
                problems.add(kind + ": " + m.group(1).trim() + " (see " + reportDir.resolve("index.html") + ")");
            }
        }
        if (!problems.isEmpty()) {
            System.err.println("jcstress FAILED:");
            problems.forEach(p -> System.err.println("  " + p));
            System.exit(1);
        }
        System.out.println("jcstress: all " + found + " tests passed, " + String.format("%,d", samples(out))
                + " outcomes observed, none forbidden; report in " + reportDir);
        System.exit(0); // the harness leaves non-daemon threads behind
    }

    private static final Pattern OUTCOME_ROW =
            Pattern.compile("^\\s+\\S.*?\\s([\\d,]+)\\s+[\\d.]+%\\s+(Acceptable|Interesting|Forbidden)\\s.*");

    /** The sum of the SAMPLES column of each test's "across all configurations" table in the summary. */
    static long samples(String out) {
        int summary = out.lastIndexOf("RUN RESULTS:");
        if (summary < 0) {
            return 0;
        }
        long n = 0;
        boolean inTotals = false;
        for (String line : out.substring(summary).split("\n")) {
            if (line.contains("Results across all configurations")) {
                inTotals = true;
            } else if (line.contains("[OK]") || line.contains("[FAILED]") || line.contains("[ERROR]")) {
                inTotals = false; // the next test's heading
            } else if (inTotals) {
                Matcher m = OUTCOME_ROW.matcher(line);
                if (m.matches()) {
                    n += Long.parseLong(m.group(1).replace(",", ""));
                }
            }
        }
        return n;
    }

    private static boolean selectsAll(List<String> args) {
        int i = args.indexOf("-t");
        return i < 0 || args.get(i + 1).equals("dev\\.weft\\..*");
    }

    private static String modeOf(List<String> args) {
        int i = args.indexOf("-m");
        return i < 0 ? "default" : args.get(i + 1);
    }

    /** Copies the console to a buffer, so the summary can be checked after the run. */
    private static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }
}
