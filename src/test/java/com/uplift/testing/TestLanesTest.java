package com.uplift.testing;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.platform.commons.support.AnnotationSupport;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the two test lanes honest (docs/testing.md). {@code ./mvnw test} runs everything not tagged
 * {@value #INTEGRATION}; {@code ./mvnw verify} adds the tagged classes. A @QuarkusTest without the tag would start
 * Quarkus and PostgreSQL in the fast lane, and a tagged class that is no @QuarkusTest would wait for the slow lane
 * for nothing: both fail here, in the fast lane, with the class named.
 */
class TestLanesTest {

    static final String INTEGRATION = "integration";
    static final String BENCHMARK = "benchmark";
    static final String BENCHMARK_SUFFIX = "BenchmarkTest";

    @Test
    void everyQuarkusTestAndOnlyAQuarkusTestIsTaggedForTheIntegrationLane() throws Exception {
        List<Class<?>> classes = testClasses();
        assertThat(classes).as("the scan found the test classes").contains(TestLanesTest.class, PostgresTestResource.class);

        List<String> untagged = classes.stream()
                .filter(c -> AnnotationSupport.isAnnotated(c, QuarkusTest.class) && !taggedIntegration(c))
                .map(Class::getName).toList();
        List<String> taggedWithoutQuarkus = classes.stream()
                .filter(c -> taggedIntegration(c) && !AnnotationSupport.isAnnotated(c, QuarkusTest.class))
                .map(Class::getName).toList();

        assertThat(untagged).as("@QuarkusTest classes without @Tag(\"%s\") (they would run in the fast lane)", INTEGRATION)
                .isEmpty();
        assertThat(taggedWithoutQuarkus).as("classes tagged \"%s\" that need no Quarkus (they belong to the fast lane)",
                INTEGRATION).isEmpty();
    }

    /**
     * The integration lane leaves classes named *BenchmarkTest out of its selection by file name (pom.xml: Quarkus
     * would build their profiles' applications during discovery, before the tag filter drops them), and the benchmark
     * profile selects only them: so a benchmark is named so, and a class named so is a benchmark.
     */
    @Test
    void benchmarksAndOnlyBenchmarksAreNamedSoThatTheIntegrationLaneLeavesThemOut() throws Exception {
        List<Class<?>> classes = testClasses();
        List<String> benchmarksNamedOtherwise = classes.stream()
                .filter(c -> tagged(c, BENCHMARK) && !c.getSimpleName().endsWith(BENCHMARK_SUFFIX))
                .map(Class::getName).toList();
        List<String> namedSoButNoBenchmark = classes.stream()
                .filter(c -> c.getSimpleName().endsWith(BENCHMARK_SUFFIX) && !tagged(c, BENCHMARK))
                .map(Class::getName).toList();

        assertThat(classes.stream().filter(c -> tagged(c, BENCHMARK))).as("the scan found the benchmarks").isNotEmpty();
        assertThat(benchmarksNamedOtherwise).as("classes tagged \"%s\" whose name does not end in %s (the integration "
                + "lane would build their application for nothing, the benchmark profile would not find them)",
                BENCHMARK, BENCHMARK_SUFFIX).isEmpty();
        assertThat(namedSoButNoBenchmark).as("classes named *%s without @Tag(\"%s\") (no lane would run them)",
                BENCHMARK_SUFFIX, BENCHMARK).isEmpty();
    }

    private static boolean taggedIntegration(Class<?> type) {
        return tagged(type, INTEGRATION);
    }

    private static boolean tagged(Class<?> type, String name) {
        return AnnotationSupport.findRepeatableAnnotations(type, Tag.class).stream()
                .anyMatch(tag -> tag.value().equals(name));
    }

    /** Every class compiled from src/test/java, loaded but not initialised. */
    private static List<Class<?>> testClasses() throws IOException, URISyntaxException {
        Path root = Path.of(TestLanesTest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        ClassLoader loader = TestLanesTest.class.getClassLoader();
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> file.toString().endsWith(".class"))
                    .map(file -> root.relativize(file).toString())
                    .map(name -> name.substring(0, name.length() - ".class".length()).replace(root.getFileSystem().getSeparator(), "."))
                    .filter(name -> !name.endsWith("package-info"))
                    .<Class<?>>map(name -> {
                        try {
                            return Class.forName(name, false, loader);
                        } catch (ClassNotFoundException e) {
                            throw new IllegalStateException("cannot load " + name, e);
                        }
                    })
                    .toList();
        }
    }
}
