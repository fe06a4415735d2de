package com.uplift.eventstore;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.CharTypes;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.util.Arrays;

/**
 * {@link CanonicalJson#write(com.fasterxml.jackson.databind.JsonNode)} of JSON text, without building a tree: the
 * same bytes, straight from the parser's tokens. Reading the log verifies every event's hash over the canonical form of
 * what jsonb hands back (its own key order, its own spacing); building a tree per payload, copying it sorted and
 * writing it out was most of what reading cost. Here each object's members are written in the order they arrive and
 * moved into sorted order afterwards, in place, when they are not sorted already.
 * <p>
 * Same output as the tree path, token by token: keys in {@link String#compareTo} order (a repeated key keeps its last
 * value, as a tree does), strings escaped as Jackson's generator escapes them, integers as the tree's int, long or big
 * integer node prints them; a fraction goes through the tree path itself (money is stored as strings, so fractions
 * are rare, and the tree's decimal handling is the one to match). {@code CanonicalTextTest} compares both on seeded
 * random documents.
 */
final class CanonicalText {

    private static final JsonFactory FACTORY = CanonicalJson.mapper().getFactory();
    private static final JsonStringEncoder ESCAPES = JsonStringEncoder.getInstance();
    /** The escapes {@link JsonStringEncoder#quoteAsString(CharSequence, StringBuilder)} applies to 7-bit characters. */
    private static final int[] ESCAPED = CharTypes.get7BitOutputEscapes();
    /** Members up to which an object is put in order by insertion (allocation-free); larger ones by a merge sort. */
    private static final int SMALL_OBJECT = 32;

    private CanonicalText() {
    }

    /** The canonical text of a JSON document. */
    static String of(String json) {
        StringBuilder out = new StringBuilder(json.length());
        append(json, out);
        return out.toString();
    }

    /** Appends the canonical text of a JSON document to {@code out}. */
    static void append(String json, StringBuilder out) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new IllegalArgumentException("invalid JSON: no content");
            }
            value(parser, first, out);
            if (parser.nextToken() != null) {
                throw new IllegalArgumentException("invalid JSON: more than one value");
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getMessage(), e);
        }
    }

    static void quoted(String text, StringBuilder out) {
        out.append('"');
        if (plain(text)) {
            out.append(text);
        } else {
            ESCAPES.quoteAsString(text, out);
        }
        out.append('"');
    }

    /** {@link #quoted(String, StringBuilder)} of the parser's current text, without making a String of it. */
    private static void quoted(JsonParser parser, StringBuilder out) throws IOException {
        char[] chars = parser.getTextCharacters();
        int offset = parser.getTextOffset();
        int length = parser.getTextLength();
        out.append('"');
        if (plain(chars, offset, length)) {
            out.append(chars, offset, length);
        } else {
            ESCAPES.quoteAsString(java.nio.CharBuffer.wrap(chars, offset, length), out);
        }
        out.append('"');
    }

    /**
     * Whether the encoder would copy the text unchanged: it escapes only the 7-bit characters its table marks
     * (controls, quote, backslash), so text without them is appended whole instead of character by character.
     */
    private static boolean plain(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c < ESCAPED.length && ESCAPED[c] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean plain(char[] chars, int offset, int length) {
        for (int i = offset, end = offset + length; i < end; i++) {
            char c = chars[i];
            if (c < ESCAPED.length && ESCAPED[c] != 0) {
                return false;
            }
        }
        return true;
    }

    private static void value(JsonParser parser, JsonToken token, StringBuilder out) throws IOException {
        switch (token) {
            case START_OBJECT -> object(parser, out);
            case START_ARRAY -> {
                out.append('[');
                boolean first = true;
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    if (!first) {
                        out.append(',');
                    }
                    value(parser, next, out);
                    first = false;
                }
                out.append(']');
            }
            case VALUE_STRING -> quoted(parser, out);
            case VALUE_NUMBER_INT -> {
                switch (parser.getNumberType()) {
                    case INT -> out.append(parser.getIntValue());
                    case LONG -> out.append(parser.getLongValue());
                    default -> out.append(parser.getBigIntegerValue());
                }
            }
            case VALUE_NUMBER_FLOAT -> out.append(CanonicalJson.write(CanonicalJson.mapper().readTree(parser)));
            case VALUE_TRUE -> out.append("true");
            case VALUE_FALSE -> out.append("false");
            case VALUE_NULL -> out.append("null");
            default -> throw new IllegalArgumentException("invalid JSON: unexpected " + token);
        }
    }

    /**
     * Writes the members as they come, remembering where each starts and ends; then, unless they came sorted, copies
     * the object's text aside and writes the members back in key order.
     */
    private static void object(JsonParser parser, StringBuilder out) throws IOException {
        out.append('{');
        int start = out.length();
        String[] keys = new String[8];
        int[] bounds = new int[16];
        int n = 0;
        boolean sorted = true;
        for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
            String key = parser.currentName();
            if (n > 0) {
                out.append(',');
                sorted &= keys[n - 1].compareTo(key) < 0;
            }
            if (n == keys.length) {
                keys = Arrays.copyOf(keys, n * 2);
                bounds = Arrays.copyOf(bounds, n * 4);
            }
            keys[n] = key;
            bounds[2 * n] = out.length();
            quoted(key, out);
            out.append(':');
            value(parser, parser.nextToken(), out);
            bounds[2 * n + 1] = out.length();
            n++;
        }
        if (!sorted) {
            reorder(out, start, keys, bounds, n);
        }
        out.append('}');
    }

    private static void reorder(StringBuilder out, int start, String[] keys, int[] bounds, int n) {
        // stable: of a repeated key, the one that came last stays last and wins below
        int[] order = sortedOrder(keys, n);
        char[] text = new char[out.length() - start];
        out.getChars(start, out.length(), text, 0);
        out.setLength(start);
        boolean first = true;
        for (int i = 0; i < n; i++) {
            int member = order[i];
            if (i + 1 < n && keys[order[i + 1]].equals(keys[member])) {
                continue; // a later value of the same key replaces this one
            }
            if (!first) {
                out.append(',');
            }
            out.append(text, bounds[2 * member] - start, bounds[2 * member + 1] - bounds[2 * member]);
            first = false;
        }
    }

    /** The members' indexes in key order, stable (equal keys keep their order of arrival). */
    private static int[] sortedOrder(String[] keys, int n) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        if (n > SMALL_OBJECT) {
            Integer[] boxed = new Integer[n];
            for (int i = 0; i < n; i++) {
                boxed[i] = i;
            }
            Arrays.sort(boxed, (a, b) -> keys[a].compareTo(keys[b])); // a merge sort: stable
            for (int i = 0; i < n; i++) {
                order[i] = boxed[i];
            }
            return order;
        }
        for (int i = 1; i < n; i++) {
            int member = order[i];
            int j = i - 1;
            while (j >= 0 && keys[order[j]].compareTo(keys[member]) > 0) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = member;
        }
        return order;
    }
}
