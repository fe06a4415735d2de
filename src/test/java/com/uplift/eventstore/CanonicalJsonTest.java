package com.uplift.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CanonicalJson#writeValue} writes a value straight to text when that is the tree path's text, and goes through
 * the tree when it is not; either way its answer is the tree path's ({@code write(toTree(value))}).
 */
class CanonicalJsonTest {

    private static final long SEED = 20261201L;

    enum Kind { ZULU, ALPHA }

    record Line(String id, BigDecimal amount, Instant at, LocalDate on, Optional<String> note, List<Part> parts,
                Map<String, Integer> counts, Boolean flag, long version) {
    }

    record Part(String name, BigDecimal value) {
    }

    record WithDouble(String id, double rate) {
    }

    record WithEnumKeys(Map<Kind, String> byKind) {
    }

    record WithTree(JsonNode inside) {
    }

    @Test
    void aRecordOfDecimalsTimesOptionalsListsAndMapsIsWrittenStraightAsTheTreeWould() {
        Line line = new Line("L-1", new BigDecimal("10.50"), Instant.parse("2026-11-30T23:59:59.123456Z"),
                LocalDate.parse("2026-11-30"), Optional.empty(), List.of(new Part("b", new BigDecimal("1.00")),
                new Part("a", BigDecimal.ZERO)), new LinkedHashMap<>(Map.of("z", 1, "a", 2, "", 3)), null, 7L);
        String direct = directly(line);
        assertThat(CanonicalJson.writtenAsTheTreeWould(direct)).as(direct).isTrue();
        assertThat(CanonicalJson.writeValue(line)).isEqualTo(treePath(line)).isEqualTo(direct);
    }

    @Test
    void whatTheMapperWritesOtherwiseThanTheTreeGoesThroughTheTree() {
        Map<Kind, String> byKind = new EnumMap<>(Kind.class);
        byKind.put(Kind.ZULU, "z");
        byKind.put(Kind.ALPHA, "a");
        List<Object> values = List.of(new WithDouble("d", 1.0E-7), new WithDouble("d", 12345678.5),
                new WithEnumKeys(byKind), new WithTree(CanonicalJson.parse("{\"b\":1,\"a\":{\"d\":2,\"c\":[{\"y\":1,\"x\":2}]}}")));
        for (Object value : values) {
            assertThat(CanonicalJson.writtenAsTheTreeWould(directly(value))).as(directly(value)).isFalse();
            assertThat(CanonicalJson.writeValue(value)).as(value.toString()).isEqualTo(treePath(value));
        }
    }

    @Test
    void duplicateAndEmptyKeysAndKeysInJavaStringOrderAreJudgedAsTheTreeSortsThem() {
        assertThat(CanonicalJson.writtenAsTheTreeWould("{\"\":1,\"A\":2,\"a\":3,\"é\":4}")).isTrue();
        assertThat(CanonicalJson.writtenAsTheTreeWould("{\"a\":1,\"a\":2}")).isFalse();
        assertThat(CanonicalJson.writtenAsTheTreeWould("{\"a\":1,\"A\":2}")).isFalse();
        assertThat(CanonicalJson.writtenAsTheTreeWould("{\"a\":{\"b\":1},\"b\":{\"a\":1,\"b\":[{\"b\":1},{\"a\":1}]}}")).isTrue();
        assertThat(CanonicalJson.writtenAsTheTreeWould("{\"a\":{\"b\":1,\"a\":1}}")).isFalse();
        assertThat(CanonicalJson.writtenAsTheTreeWould("[1,2.5]")).isFalse();
        assertThat(CanonicalJson.writtenAsTheTreeWould("{\"a\":")).isFalse();
    }

    @Test
    void seededRandomValuesAreWrittenAsTheTreePathWritesThem() {
        Random random = new Random(SEED);
        for (int i = 0; i < 2_000; i++) {
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("value", value(random, 0));
            assertThat(CanonicalJson.writeValue(value)).as("seed %d case %d: %s", SEED, i, value).isEqualTo(treePath(value));
        }
    }

    private static Object value(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 9);
        return switch (kind) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextLong();
            case 3 -> new BigDecimal(random.nextInt(2_000_000) - 1_000_000).movePointLeft(random.nextInt(5));
            case 4 -> text(random);
            case 5 -> Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000) * 1000L);
            case 6, 7 -> {
                Map<String, Object> map = new LinkedHashMap<>();
                int n = random.nextInt(6);
                for (int j = 0; j < n; j++) {
                    map.put(text(random), value(random, depth + 1));
                }
                yield map;
            }
            default -> {
                List<Object> list = new ArrayList<>();
                int n = random.nextInt(5);
                for (int j = 0; j < n; j++) {
                    list.add(value(random, depth + 1));
                }
                yield list;
            }
        };
    }

    private static String text(Random random) {
        String letters = "aAbZ_1é\"\\/\n 提额";
        StringBuilder out = new StringBuilder();
        int n = random.nextInt(5);
        for (int j = 0; j < n; j++) {
            out.append(letters.charAt(random.nextInt(letters.length())));
        }
        return out.toString();
    }

    private static String directly(Object value) {
        try {
            return CanonicalJson.mapper().writeValueAsString(value);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String treePath(Object value) {
        return CanonicalJson.write(CanonicalJson.toTree(value));
    }
}
