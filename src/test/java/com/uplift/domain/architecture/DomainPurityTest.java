package com.uplift.domain.architecture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The domain stays pure: no framework, persistence or JSON imports, and no hidden inputs (clock, randomness, random
 * ids, environment). ArchUnit is not on the classpath, so this scans the source text, comments stripped.
 */
class DomainPurityTest {

    private static final Path DOMAIN = Path.of("src/main/java/com/uplift/domain");

    private static final Pattern FORBIDDEN_IMPORT = Pattern.compile(
            "^\\s*import\\s+(static\\s+)?(io\\.quarkus|jakarta|javax\\.(inject|persistence|ws)|com\\.fasterxml|java\\.sql|io\\.vertx|io\\.smallrye|org\\.hibernate)\\b.*$",
            Pattern.MULTILINE);

    private static final Pattern HIDDEN_INPUT = Pattern.compile(
            "\\b(Instant|LocalDate|LocalDateTime|ZonedDateTime|OffsetDateTime|YearMonth|Clock)\\.now\\s*\\(|\\bClock\\.system"
                    + "|\\bnew\\s+(java\\.util\\.)?Random\\s*\\(|\\bThreadLocalRandom\\b|\\bSecureRandom\\b|\\bMath\\.random\\s*\\("
                    + "|\\bUUID\\.randomUUID\\s*\\(|\\bSystem\\.(getenv|getProperty|currentTimeMillis|nanoTime)\\s*\\(");

    @Test
    void the_domain_sources_are_found() throws IOException {
        assertTrue(sources().size() > 30, "expected the domain sources under " + DOMAIN.toAbsolutePath());
    }

    @Test
    void no_class_in_the_domain_imports_a_framework_or_reads_a_hidden_input() throws IOException {
        List<String> violations = new ArrayList<>();
        for (Path source : sources()) {
            violations.addAll(violations(DOMAIN.relativize(source).toString(), Files.readString(source)));
        }
        assertEquals(List.of(), violations);
    }

    @Test
    void the_check_itself_catches_violations() {
        String bad = """
                package com.uplift.domain.x;
                import io.quarkus.runtime.Startup;
                import com.fasterxml.jackson.annotation.JsonProperty;
                import java.sql.Connection;
                // Instant.now() in a comment is fine
                class X { Object a = java.time.Instant.now(); Object b = java.util.UUID.randomUUID(); Object c = new Random(); }
                """;
        assertEquals(6, violations("X.java", bad).size(), () -> violations("X.java", bad).toString());
    }

    static List<String> violations(String name, String source) {
        String code = stripComments(source);
        List<String> found = new ArrayList<>();
        Matcher imports = FORBIDDEN_IMPORT.matcher(code);
        while (imports.find()) {
            found.add(name + ": " + imports.group().trim());
        }
        Matcher inputs = HIDDEN_INPUT.matcher(code);
        while (inputs.find()) {
            found.add(name + ": " + inputs.group().trim());
        }
        return found;
    }

    private static String stripComments(String source) {
        return source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "");
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(DOMAIN)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }
}
