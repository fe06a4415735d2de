package com.uplift.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A live fold reads fields of a payload's text as a rebuild reads them from the database ({@code payload #>> path}):
 * strings unquoted, numbers and booleans as their text, null for a JSON null and for what is not there.
 */
class PayloadFieldsTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Test
    void readsNestedScalarsInTheOrderAskedPaddedWithNulls() {
        String assessment = """
                {"assessment": {"breakdown": [{"score": 1}, {"points": 25}], "grade": "B", "inputs": {"score": 7},
                 "score": 81}, "aprPercent": "9.90", "flag": true, "gone": null, "limit": 12.50}""";

        assertThat(PayloadFields.read(assessment, List.of("assessment.score", "aprPercent", "flag"), 3))
                .containsExactly("81", "9.90", "true");
        assertThat(PayloadFields.read(assessment, List.of("limit", "gone"), 3)).containsExactly("12.50", null, null);
        assertThat(PayloadFields.read(assessment, List.of("missing", "assessment.missing", "aprPercent.deeper"), 3))
                .containsExactly(null, null, null);
        assertThat(PayloadFields.read(assessment, List.of(), 3)).containsExactly(null, null, null);
    }

    @Test
    void escapedTextComesBackUnescaped() {
        assertThat(PayloadFields.read("{\"note\":\"a \\\"quoted\\\" line\\nand \\u4e2d\"}", List.of("note"), 1))
                .containsExactly("a \"quoted\" line\nand \u4e2d");
    }

    @Test
    void aFieldThatIsAnObjectOrAnArrayIsRefused() {
        assertThatThrownBy(() -> PayloadFields.read("{\"a\":{\"b\":1}}", List.of("a"), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a scalar");
        assertThatThrownBy(() -> PayloadFields.read("{\"a\":[1]}", List.of("a"), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a scalar");
        assertThatThrownBy(() -> PayloadFields.read("{\"a\":", List.of("a"), 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot read");
    }

    /** Seeded random documents, in canonical and in jsonb's spacing: the same answers as a walk of the parsed tree. */
    @Test
    void agreesWithTheTreeOnRandomDocuments() {
        for (long seed = 1; seed <= 400; seed++) {
            Random random = new Random(seed);
            ObjectNode document = object(random, 0);
            List<String> paths = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                paths.add(path(random, document));
            }
            for (String text : List.of(CanonicalJson.write(document), document.toPrettyString())) {
                List<String> expected = new ArrayList<>();
                for (String path : paths) {
                    expected.add(scalarAt(document, path));
                }
                assertThat(PayloadFields.read(text, paths, 3)).as("seed %d, paths %s in %s", seed, paths, text)
                        .isEqualTo(expected);
            }
        }
    }

    private static String scalarAt(JsonNode document, String path) {
        JsonNode node = document;
        for (String name : path.split("\\.")) {
            node = node.isObject() ? node.get(name) : null;
            if (node == null) {
                return null;
            }
        }
        return node.isNull() ? null : node.asText();
    }

    /** A path to a scalar of the document, or now and then to one it does not have. */
    private static String path(Random random, ObjectNode document) {
        List<String> names = new ArrayList<>();
        JsonNode node = document;
        while (true) {
            List<String> scalars = new ArrayList<>();
            List<String> objects = new ArrayList<>();
            for (var them = node.fieldNames(); them.hasNext(); ) {
                String name = them.next();
                if (node.get(name).isObject()) {
                    objects.add(name);
                } else if (node.get(name).isValueNode()) {
                    scalars.add(name);
                }
            }
            if (random.nextInt(8) == 0 || scalars.isEmpty() && objects.isEmpty()) {
                names.add("absent" + random.nextInt(3));
                return String.join(".", names);
            }
            if (!objects.isEmpty() && (scalars.isEmpty() || random.nextBoolean())) {
                String name = objects.get(random.nextInt(objects.size()));
                names.add(name);
                node = node.get(name);
            } else {
                names.add(scalars.get(random.nextInt(scalars.size())));
                return String.join(".", names);
            }
        }
    }

    private static ObjectNode object(Random random, int depth) {
        ObjectNode object = JSON.objectNode();
        int members = random.nextInt(6);
        for (int i = 0; i < members; i++) {
            object.set("k" + random.nextInt(9), value(random, depth));
        }
        return object;
    }

    private static JsonNode value(Random random, int depth) {
        return switch (random.nextInt(depth < 3 ? 8 : 6)) {
            case 0 -> JSON.textNode(Arrays.asList("B", "9.90", "a \"b\"", "", "中文", "x\ny").get(random.nextInt(6)));
            case 1 -> JSON.numberNode(random.nextInt(2000) - 1000);
            case 2 -> JSON.numberNode(random.nextLong());
            case 3 -> JSON.booleanNode(random.nextBoolean());
            case 4 -> JSON.nullNode();
            case 5 -> JSON.textNode(Integer.toString(random.nextInt(100)) + ".00");
            case 6 -> object(random, depth + 1);
            default -> {
                ArrayNode array = JSON.arrayNode();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    array.add(value(random, depth + 1));
                }
                yield array;
            }
        };
    }
}
