package com.uplift.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The tree-free canonical writer and hash against the tree path they replace when reading, on seeded random
 * documents written the way jsonb hands them out (keys by length, then bytes; a space after ':' and ','), and on every
 * approved event shape. The tree path is the definition: what was hashed at append time.
 */
class CanonicalTextTest {

    private static final long SEED = 20261129L;
    private static final int CASES = 3_000;

    @Test
    void randomDocumentsCanonicalizeToTheTreePathsBytes() {
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            String stored = object(random, 0);
            String canonical = CanonicalJson.write(CanonicalJson.parse(stored));
            assertThat(CanonicalText.of(stored)).as("seed %d case %d: %s", SEED, i, stored).isEqualTo(canonical);
            // a tree read from canonical text is sorted already: written as it is, it must give the same text
            assertThat(CanonicalJson.write(CanonicalJson.parse(canonical))).as("seed %d case %d: %s", SEED, i, stored)
                    .isEqualTo(canonical);
        }
    }

    /**
     * The hand-written reading answers for what jsonb hands out for an event (no fractions, no keys with escapes),
     * and answers what the parser's path answers.
     */
    @Test
    void storedPayloadsAreReadByHandAsTheParserReadsThem() {
        Random random = new Random(SEED + 3);
        for (int i = 0; i < CASES; i++) {
            String stored = object(random, 0, false);
            assertThat(CanonicalText.scanned(stored)).as("seed %d case %d: %s", SEED + 3, i, stored)
                    .isEqualTo(throughTheParser(stored));
        }
    }

    /**
     * Broken or unusual text, made by changing a character of a stored payload: the hand-written reading either
     * answers what the parser's path answers, or leaves it to the parser (which then refuses invalid JSON as before);
     * it never accepts what the parser refuses.
     */
    @Test
    void changedTextIsReadByHandOnlyWhereTheParserReadsItTheSame() {
        Random random = new Random(SEED + 4);
        String changes = "{}[]\":,\\ \t\n-0123456789.eEtrufalsn\u0001x\u4e2d";
        int answered = 0;
        int refused = 0;
        for (int i = 0; i < CASES * 3; i++) {
            StringBuilder text = new StringBuilder(object(random, 0, random.nextBoolean()));
            for (int edits = 1 + random.nextInt(2); edits > 0 && !text.isEmpty(); edits--) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, changes.charAt(random.nextInt(changes.length())));
                    default -> text.setCharAt(at, changes.charAt(random.nextInt(changes.length())));
                }
            }
            String changed = text.toString();
            String expected;
            try {
                expected = throughTheParser(changed);
            } catch (IllegalArgumentException invalid) {
                refused++;
                assertThat(CanonicalText.scanned(changed)).as("seed %d case %d, refused by the parser: %s", SEED + 4, i, changed)
                        .isNull();
                continue;
            }
            String scanned = CanonicalText.scanned(changed);
            if (scanned != null) {
                answered++;
                assertThat(scanned).as("seed %d case %d: %s", SEED + 4, i, changed).isEqualTo(expected);
            }
            assertThat(CanonicalText.of(changed)).as("seed %d case %d: %s", SEED + 4, i, changed).isEqualTo(expected);
            // what a hash covers: the same text's UTF-8 bytes (a lone surrogate becomes '?' there, as in getBytes)
            assertThat(CanonicalText.utf8(changed)).as("seed %d case %d: %s", SEED + 4, i, changed)
                    .isEqualTo(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        // both kinds occur, or the property says little
        assertThat(answered).isGreaterThan(CASES / 10);
        assertThat(refused).isGreaterThan(CASES / 2);
    }

    /** The hand-written reading leaves to the parser what it does not read itself, and the parser answers. */
    @Test
    void whatTheHandReadingLeavesTheParserAnswers() {
        for (String unusual : List.of("{\"a\": 1.50}", "{\"a\": -0}", "{\"a\": 1, \"a\": 2}", "{\"a\\n\": 1}",
                "{\"a\": 1e3}", "{\"b\": [1, 2.0]}")) {
            assertThat(CanonicalText.scanned(unusual)).as(unusual).isNull();
            assertThat(CanonicalText.of(unusual)).as(unusual).isEqualTo(throughTheParser(unusual));
        }
        assertThat(CanonicalText.of("{\"a\": 1, \"a\": 2}")).isEqualTo("{\"a\":2}");
        assertThat(CanonicalText.scanned("{\"b\": \"x\\ny\\u00e9\\u001f\", \"a\": []}")).isEqualTo("{\"a\":[],\"b\":\"x\\nyé\\u001F\"}");
        assertThat(CanonicalText.scanned("{\"\": 1, \"ab\": {\"z\": null, \"y\": true}, \"a\": -12}"))
                .isEqualTo("{\"\":1,\"a\":-12,\"ab\":{\"y\":true,\"z\":null}}");
    }

    /** What {@link CanonicalText#of} answered before it read by hand: Jackson's parser, token by token. */
    private static String throughTheParser(String json) {
        StringBuilder out = new StringBuilder();
        CanonicalText.append(json, out);
        return out.toString();
    }

    @Test
    void randomStoredEventsHashAsTheyWereHashedWhenAppended() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < CASES; i++) {
            String payload = object(random, 0);
            EventMetadata metadata = new EventMetadata(maybe(random), maybe(random), maybe(random), maybe(random), maybe(random));
            String metadataText = jsonbMetadata(metadata, random);
            Instant recordedAt = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000) * 1_000L);
            RecordedEvent stored = new RecordedEvent(i + 1, 700 + i, "stream-" + text(random), 1 + random.nextInt(5000),
                    UUID.randomUUID(), "Type" + text(random), 1 + random.nextInt(3), payload, metadataText, recordedAt,
                    HashChain.GENESIS, "unused");
            String appended = HashChain.hash(stored.previousHash(), stored.streamId(), stored.streamVersion(), stored.eventId(),
                    stored.eventType(), stored.schemaVersion(), recordedAt, CanonicalJson.parse(payload), metadata);
            assertThat(HashChain.hashOf(stored)).as("seed %d case %d", SEED + 1, i).isEqualTo(appended);
            assertThat(stored.metadata()).isEqualTo(metadata);
        }
    }

    /** The append writes each event's texts once and hashes them: the same hash as the tree definition. */
    @Test
    void appendedTextsHashAsTheTreeDefinitionHashes() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < CASES; i++) {
            JsonNode payload = CanonicalJson.parse(object(random, 0));
            EventMetadata metadata = new EventMetadata(maybe(random), maybe(random), maybe(random), maybe(random), maybe(random));
            Instant recordedAt = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000) * 1_000L);
            UUID eventId = UUID.randomUUID();
            String streamId = "stream-" + text(random);
            long version = 1 + random.nextInt(5000);
            String type = "Type" + text(random);
            String metadataText = HashChain.canonicalMetadata(metadata);
            assertThat(metadataText).as("seed %d case %d", SEED + 2, i).isEqualTo(CanonicalJson.write(metadata));
            assertThat(HashChain.link(HashChain.GENESIS, streamId, version, eventId, type, 2, recordedAt,
                    CanonicalJson.write(payload), metadataText))
                    .as("seed %d case %d", SEED + 2, i)
                    .isEqualTo(HashChain.hash(HashChain.GENESIS, streamId, version, eventId, type, 2, recordedAt, payload, metadata));
        }
    }

    @Test
    void everyApprovedEventShapeCanonicalizesToTheTreePathsBytes() throws IOException {
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of("src/test/resources/com/uplift/domain/approval"))) {
            files = listed.filter(p -> p.toString().endsWith(".approved.txt")).toList();
        }
        assertThat(files).hasSizeGreaterThan(20); // a directory that moved would otherwise pass with nothing compared
        for (Path file : files) {
            String text = Files.readString(file);
            if (!text.startsWith("{")) {
                continue; // a list of reason codes, not an event
            }
            assertThat(CanonicalText.of(text)).as(file.toString()).isEqualTo(CanonicalJson.write(CanonicalJson.parse(text)));
        }
    }

    @Test
    void brokenTextIsRefusedAsTheTreePathRefusesIt() {
        assertThatThrownBy(() -> CanonicalText.of("{\"a\": ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalText.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    // --- documents written as jsonb writes them, with what jsonb can hold -------------------------------------------

    private static String object(Random random, int depth) {
        return object(random, depth, true);
    }

    /**
     * A document as jsonb writes it; {@code unusual} adds what an event's payload never holds: fractions (money is a
     * string), repeated keys and keys with characters that need an escape.
     */
    private static String object(Random random, int depth, boolean unusual) {
        int members = random.nextInt(depth == 0 ? 12 : 6);
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            String key = unusual || random.nextBoolean() ? key(random) : plainKey(random);
            keys.add(unusual && random.nextInt(40) == 0 && !keys.isEmpty() ? keys.get(random.nextInt(keys.size()))
                    : unusual ? key : asAPayloadsKey(key));
            if (!unusual && keys.subList(0, keys.size() - 1).contains(keys.getLast())) {
                keys.removeLast();
            }
        }
        // jsonb's order: shorter keys first, then by bytes; a repeated key (jsonb keeps one) is kept here to check
        // that both paths keep the last
        keys.sort(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < keys.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(unusual ? quoted(keys.get(i), random) : '"' + keys.get(i) + '"')
                    .append(": ").append(value(random, depth + 1, unusual));
        }
        return out.append('}').toString();
    }

    private static String value(Random random, int depth, boolean unusual) {
        int kind = random.nextInt(depth > 4 ? 7 : 9);
        return switch (kind) {
            case 0, 1 -> quoted(text(random), random);
            case 2 -> Integer.toString(random.nextInt(2_000_001) - 1_000_000);
            case 3 -> random.nextBoolean() ? Long.toString(random.nextLong()) : "123456789012345678901234567890";
            case 4 -> unusual ? decimal(random) : '"' + decimal(random) + '"';
            case 5 -> random.nextBoolean() ? "true" : "false";
            case 6 -> "null";
            case 7 -> object(random, depth, unusual);
            default -> {
                StringBuilder array = new StringBuilder("[");
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    array.append(i == 0 ? "" : ", ").append(value(random, depth + 1, unusual));
                }
                yield array.append(']').toString();
            }
        };
    }

    private static String decimal(Random random) {
        String[] forms = {"1.50", "100.0", "0.00", "-2.5", "1e3", "1E-7", "0.1", "12345.678900", "-0.0", "3.14159265358979323846"};
        return forms[random.nextInt(forms.length)];
    }

    /** The key with what an event's keys never hold (escapes, characters outside the basic plane) made letters. */
    private static String asAPayloadsKey(String key) {
        StringBuilder plain = new StringBuilder(key.length());
        for (char c : key.toCharArray()) {
            plain.append(c < 0x20 || c == '"' || c == '\\' || c == '?' || Character.isSurrogate(c) ? 'k' : c);
        }
        return plain.toString();
    }

    /** A key as an event's payload has them: letters only. */
    private static String plainKey(Random random) {
        String[] common = {"a", "id", "amount", "policyVersion", "rulesVersion", "reasonCode", "Z", "zeta", "ab", "b", "",
                "newLimit", "new", "\u4e2d\u6587", "inputs"};
        return common[random.nextInt(common.length)];
    }

    private static String key(Random random) {
        String[] common = {"a", "id", "amount", "policyVersion", "rulesVersion", "reasonCode", "Z", "zeta", "ab", "b"};
        return random.nextBoolean() ? common[random.nextInt(common.length)] : text(random);
    }

    private static String text(Random random) {
        String alphabet = "abcXYZ019 _-./\"\\\n\t\r\b\f\u0001\u001f\u007f\u00e9\u4e2d\u6587\u2028\u20ac";
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            if (random.nextInt(30) == 0) {
                text.append("\ud83d\ude00"); // a character outside the basic plane: a surrogate pair
            } else {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
        }
        return text.toString();
    }

    private static String maybe(Random random) {
        return random.nextInt(4) == 0 ? null : text(random);
    }

    /** A JSON string as PostgreSQL writes it, sometimes with a character written as a (valid) unicode escape. */
    private static String quoted(String text, Random random) {
        StringBuilder out = new StringBuilder("\"");
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (Character.isHighSurrogate(c) && i + 1 < chars.length && Character.isLowSurrogate(chars[i + 1])) {
                // a pair is escaped whole or not at all: PostgreSQL writes the character, never half of it escaped
                boolean escape = random.nextInt(25) == 0;
                for (char half : new char[]{c, chars[++i]}) {
                    out.append(escape ? String.format("\\u%04x", (int) half) : String.valueOf(half));
                }
                continue;
            }
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || random.nextInt(25) == 0) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String jsonbMetadata(EventMetadata m, Random random) {
        JsonNode tree = CanonicalJson.toTree(m);
        List<String> names = new ArrayList<>();
        tree.fieldNames().forEachRemaining(names::add);
        names.sort(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < names.size(); i++) {
            JsonNode value = tree.get(names.get(i));
            out.append(i == 0 ? "" : ", ").append('"').append(names.get(i)).append("\": ")
                    .append(value.isNull() ? "null" : quoted(value.asText(), random));
        }
        return out.append('}').toString();
    }
}
