package dev.weft.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the README's "Bad input" table honest: every row names at least one test, as
 * `TestClass.method`, and each named test exists in some module's test sources. A renamed or
 * deleted test fails here instead of leaving a row that nothing backs.
 */
class ReadmeBadInputTableTest {
    static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    static final Pattern REF = Pattern.compile("`(\\w+)\\.(\\w+)`");

    @Test
    void everyRowNamesTestsThatExist() throws IOException {
        List<String> rows = tableRows();
        assertTrue(rows.size() >= 40, "the table has only " + rows.size() + " rows: was it moved?");
        Map<String, List<Path>> testSources = testSources();
        List<String> problems = new ArrayList<>();
        for (String row : rows) {
            String[] cells = row.split("\\|");
            String testedBy = cells[cells.length - 1];
            Matcher m = REF.matcher(testedBy);
            boolean any = false;
            while (m.find()) {
                any = true;
                String cls = m.group(1);
                String method = m.group(2);
                List<Path> files = testSources.getOrDefault(cls + ".java", List.of());
                if (files.isEmpty()) {
                    problems.add("no test class " + cls + " (row: " + cells[1].trim() + ")");
                } else if (files.stream().noneMatch(f -> declares(f, method))) {
                    problems.add(cls + " has no test method " + method + " (row: " + cells[1].trim() + ")");
                }
            }
            if (!any) {
                problems.add("row names no test: " + row);
            }
        }
        assertEquals(List.of(), problems);
    }

    static List<String> tableRows() throws IOException {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        int start = lines.indexOf("## Bad input");
        assertFalse(start < 0, "README has no '## Bad input' section");
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) {
                break;
            }
            if (line.startsWith("| ") && !line.startsWith("| entry point")) {
                rows.add(line);
            }
        }
        return rows;
    }

    static Map<String, List<Path>> testSources() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT, 12)) {
            return files.filter(p -> p.toString().contains("/src/test/java/") && p.toString().endsWith(".java"))
                    .collect(Collectors.groupingBy(p -> p.getFileName().toString()));
        }
    }

    static boolean declares(Path file, String method) {
        try {
            return Pattern.compile("\\bvoid " + Pattern.quote(method) + "\\(").matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
