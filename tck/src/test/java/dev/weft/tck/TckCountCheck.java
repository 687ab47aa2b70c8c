package dev.weft.tck;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Run after the tests (the verify phase): compares how many TCK tests each verification class ran
 * and skipped, from Surefire's reports, with the numbers recorded in tck-expected.properties, and
 * fails the build on any difference. A TCK class that silently stops running (a wrong engine, a
 * renamed class, a constructor that throws before TestNG lists its methods) fails CI by name.
 */
public final class TckCountCheck {
    private static final Pattern SUITE = Pattern.compile(
            "<testsuite[^>]*?name=\"([^\"]+)\"[^>]*?tests=\"(\\d+)\"[^>]*?skipped=\"(\\d+)\"");

    private TckCountCheck() {}

    public static void main(String[] args) throws IOException {
        Path reports = Path.of(args[0]);
        Properties expected = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
            expected.load(in);
        }
        Map<String, String> actual = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(reports, "TEST-dev.weft.tck.*.xml")) {
            for (Path f : files) {
                String xml;
                try (InputStream in = Files.newInputStream(f)) {
                    xml = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                }
                Matcher m = SUITE.matcher(xml);
                if (m.find()) {
                    String cls = m.group(1).substring(m.group(1).lastIndexOf('.') + 1);
                    actual.put(cls, "run=" + m.group(2) + " skipped=" + m.group(3));
                }
            }
        }
        StringBuilder problems = new StringBuilder();
        int total = 0;
        for (String cls : expected.stringPropertyNames()) {
            String want = expected.getProperty(cls).trim();
            String got = actual.get(cls);
            if (!want.equals(got)) {
                problems.append("\n  ").append(cls).append(": expected ").append(want).append(", got ")
                        .append(got == null ? "no report (the class ran no tests)" : got);
            } else {
                total += Integer.parseInt(want.substring(4, want.indexOf(' ')));
            }
        }
        for (String cls : actual.keySet()) {
            if (!expected.containsKey(cls)) {
                problems.append("\n  ").append(cls).append(": ran (").append(actual.get(cls))
                        .append(") but has no recorded count; add it to tck-expected.properties");
            }
        }
        if (problems.length() > 0) {
            throw new IllegalStateException("TCK test counts differ from tck-expected.properties:" + problems);
        }
        System.out.println("TCK counts match: " + expected.size() + " verification classes, " + total + " TCK tests run");
    }
}
