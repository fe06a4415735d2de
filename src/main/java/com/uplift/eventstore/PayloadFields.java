package com.uplift.eventstore;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * A few scalar fields of a payload's JSON text, by dotted path ({@code "assessment.score"}), as PostgreSQL's
 * {@code payload #>> path} gives them: a string's value, a number's or a boolean's text, null for a JSON null or for a
 * path the payload does not have (or that passes through something other than an object). One pass of Jackson's
 * streaming parser over the text, without binding: subtrees no path enters are skipped, and the pass ends as soon as
 * every field was found. A live projection reads a risk assessment's score this way instead of decoding its 2 KB
 * record, the same fields a rebuild's read asks the database for ({@link EventStore.FoldRead}).
 * <p>
 * A path must end at a scalar: one that ends at an object or an array fails ({@code #>>} would print the subtree, which
 * no fold reads).
 */
final class PayloadFields {

    private static final JsonFactory FACTORY = CanonicalJson.mapper().getFactory();

    private PayloadFields() {
    }

    /** The fields' values, in the order of {@code paths} (at most 31), padded with nulls to {@code size}. */
    static List<String> read(String json, List<String> paths, int size) {
        if (paths.size() > size || paths.size() > 31) {
            throw new IllegalArgumentException("at most " + Math.min(size, 31) + " fields: " + paths);
        }
        String[][] split = new String[paths.size()][];
        for (int i = 0; i < split.length; i++) {
            split[i] = paths.get(i).split("\\.", -1);
        }
        String[] found = new String[size];
        if (!paths.isEmpty()) {
            try (JsonParser parser = FACTORY.createParser(json)) {
                if (parser.nextToken() == JsonToken.START_OBJECT) {
                    object(parser, 0, (1 << split.length) - 1, split, found, new int[]{(1 << split.length) - 1});
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read the payload's fields " + paths + ": " + e.getMessage(), e);
            }
        }
        return Arrays.asList(found);
    }

    /**
     * The members of the object the parser stands at the start of, for the paths in {@code candidates} (a bit per path)
     * whose first {@code depth} names led here. {@code missing[0]}: the paths not found yet; the walk stops when none is.
     * Answers whether it read the object to its end.
     */
    private static boolean object(JsonParser parser, int depth, int candidates, String[][] paths, String[] found,
                                  int[] missing) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            int here = 0;
            int deeper = 0;
            for (int i = 0; i < paths.length; i++) {
                if ((candidates & (1 << i)) != 0 && paths[i][depth].equals(name)) {
                    if (paths[i].length == depth + 1) {
                        here |= 1 << i;
                    } else {
                        deeper |= 1 << i;
                    }
                }
            }
            for (int i = 0; i < paths.length; i++) {
                if ((here & (1 << i)) != 0) {
                    found[i] = scalar(parser, value, paths[i]);
                    missing[0] &= ~(1 << i);
                }
            }
            if (missing[0] == 0) {
                return false;
            }
            if (deeper != 0 && value == JsonToken.START_OBJECT) {
                if (!object(parser, depth + 1, deeper, paths, found, missing)) {
                    return false;
                }
            } else if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                parser.skipChildren();
            }
        }
        return true;
    }

    private static String scalar(JsonParser parser, JsonToken value, String[] path) throws IOException {
        return switch (value) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getText();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> null;
            default -> throw new IllegalArgumentException("the field " + String.join(".", path)
                    + " is not a scalar but " + value + ": a fold reads scalars only");
        };
    }
}
