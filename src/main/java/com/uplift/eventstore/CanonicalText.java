package com.uplift.eventstore;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.CharTypes;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
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
        byte[] scanned = Scan.canonical(json);
        return scanned != null ? new String(scanned, StandardCharsets.UTF_8) : throughTheParser(json);
    }

    /** {@link #of} as the UTF-8 bytes a hash covers, without making a String of them when read by hand. */
    static byte[] utf8(String json) {
        byte[] scanned = Scan.canonical(json);
        return scanned != null ? scanned : throughTheParser(json).getBytes(StandardCharsets.UTF_8);
    }

    /** What the hand-written reading answers for a document: its canonical text, or null when it leaves it to the parser. */
    static String scanned(String json) {
        byte[] scanned = Scan.canonical(json);
        return scanned != null ? new String(scanned, StandardCharsets.UTF_8) : null;
    }

    private static String throughTheParser(String json) {
        StringBuilder out = new StringBuilder(json.length());
        append(json, out);
        return out.toString();
    }

    /** Appends the canonical text of a JSON document to {@code out}, through Jackson's parser. */
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

    /**
     * The canonical text of what a stored event's row holds, read by hand instead of through Jackson's parser and
     * written as the UTF-8 bytes its hash covers: a re-verification canonicalizes every payload of the store, and the
     * parser's tokens, its symbol table for keys and the members copied out and back in key order were a quarter of a
     * verification lane's time. Reads strict JSON with integers, strings, literals, objects and arrays, the whole of
     * what jsonb hands back for an event, in two passes: the first finds every value's place (and refuses anything
     * it does not read), the second writes each value once, an object's members in key order. Answers null, and
     * leaves the document to the parser above, for anything else: a fraction or exponent, {@code -0}, a repeated
     * key, a key written with an escape, a key holding a character outside the basic plane or a '?' (what encoding
     * makes of a lone surrogate: there byte order and {@link String#compareTo} could differ), very deep or long
     * documents, and every kind of invalid JSON, which the parser then refuses as before. Where it answers, it
     * answers the parser path's text, encoded: keys in {@link String#compareTo} order (for keys in the basic plane
     * the order of their UTF-8 bytes), strings as they came when they hold no escape (nothing in them needs one: a
     * raw quote, backslash or control character is invalid JSON), otherwise decoded and escaped again as Jackson
     * escapes them, integers as written (JSON allows no leading zero or plus sign, so that is how the parser's
     * number prints). {@code CanonicalTextTest} compares it with the parser's path on seeded random documents, on
     * seeded changed and broken ones, and on every approved event shape.
     */
    private static final class Scan {

        /** Well within the parser's own limits (nesting 1,000, a number's 1,000 digits): beyond them, the parser decides. */
        private static final int DEEPEST = 200;
        private static final int LONGEST_NUMBER = 100;
        private static final int LONGEST_DOCUMENT = 8 << 20;
        private static final int SMALL_OBJECT = 64;
        private static final int OBJECT = 1;
        private static final int ARRAY = 2;
        private static final int TEXT = 3;
        private static final int ESCAPED_TEXT = 4;
        private static final int WORD = 5;

        private final byte[] in;
        private int at;
        /** Four slots per value, in document order: its kind, where its text starts and ends, the value after it. */
        private int[] values = new int[4 * 64];
        private int count;
        private byte[] out;
        private int length;

        private Scan(byte[] in) {
            this.in = in;
        }

        private int questionMarks;

        private static int questionMarks(String text) {
            int count = 0;
            for (int i = text.indexOf('?'); i >= 0; i = text.indexOf('?', i + 1)) {
                count++;
            }
            return count;
        }

        /** The canonical text's UTF-8 bytes, or null when the document is left to the parser. */
        static byte[] canonical(String json) {
            if (json.length() > LONGEST_DOCUMENT) {
                return null;
            }
            Scan scan = new Scan(json.getBytes(StandardCharsets.UTF_8));
            if (!scan.value(0)) {
                return null;
            }
            scan.skipSpace();
            if (scan.at != scan.in.length || scan.questionMarks > 0 && questionMarks(json) != scan.questionMarks) {
                return null; // (a '?' more than the text holds: a lone surrogate, which the parser's path keeps as it is)
            }
            scan.out = new byte[scan.in.length];
            return scan.write(0) < 0 ? null : Arrays.copyOf(scan.out, scan.length);
        }

        // ---- the first pass: every value's kind and place; false for what it does not read

        private boolean value(int depth) {
            skipSpace();
            if (at >= in.length) {
                return false;
            }
            return switch (in[at]) {
                case '{' -> depth < DEEPEST && container(OBJECT, '}', depth + 1);
                case '[' -> depth < DEEPEST && container(ARRAY, ']', depth + 1);
                case '"' -> string(false);
                case 't' -> word("true");
                case 'f' -> word("false");
                case 'n' -> word("null");
                default -> integer();
            };
        }

        /** An object or an array: its members or elements, comma-separated, up to {@code closing}. */
        private boolean container(int kind, char closing, int depth) {
            int container = add(kind, at);
            at++;
            skipSpace();
            if (at < in.length && in[at] == closing) {
                at++;
                return close(container);
            }
            while (true) {
                if (kind == OBJECT && !key() || !value(depth)) {
                    return false;
                }
                skipSpace();
                if (at >= in.length) {
                    return false;
                }
                byte next = in[at++];
                if (next == closing) {
                    return close(container);
                }
                if (next != ',') {
                    return false;
                }
            }
        }

        /** A member's key and its colon. */
        private boolean key() {
            skipSpace();
            if (at >= in.length || in[at] != '"' || !string(true)) {
                return false;
            }
            skipSpace();
            if (at >= in.length || in[at] != ':') {
                return false;
            }
            at++;
            return true;
        }

        /** A string, quotes included; false when it is not valid JSON, or (a key) not one compared here. */
        private boolean string(boolean key) {
            int start = at++;
            boolean escaped = false;
            while (true) {
                if (at >= in.length) {
                    return false;
                }
                int b = in[at] & 0xFF;
                if (b == '"') {
                    break;
                }
                if (b < 0x20) {
                    return false; // a raw control character: invalid JSON
                }
                if (b == '\\') {
                    if (key) {
                        return false; // compared as written it would not be the key
                    }
                    escaped = true;
                    at++;
                    if (at >= in.length || !escape()) {
                        return false;
                    }
                } else if (b == '?') {
                    if (key) {
                        return false; // maybe a lone surrogate, encoded: byte order is not String order
                    }
                    questionMarks++;
                } else if (key && b >= 0xF0) {
                    return false; // outside the basic plane: byte order is not String order
                }
                at++;
            }
            at++;
            int string = add(escaped ? ESCAPED_TEXT : TEXT, start);
            return close(string);
        }

        /** Whether the escape at {@code at} (after its backslash) is one of JSON's; leaves {@code at} on its last character. */
        private boolean escape() {
            switch (in[at]) {
                case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                    return true;
                }
                case 'u' -> {
                    if (at + 4 >= in.length) {
                        return false;
                    }
                    for (int i = 1; i <= 4; i++) {
                        byte h = in[at + i];
                        if (!(h >= '0' && h <= '9' || h >= 'a' && h <= 'f' || h >= 'A' && h <= 'F')) {
                            return false;
                        }
                    }
                    at += 4;
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }

        /** An integer as JSON writes one (no leading zero, no plus), copied as it is; not a fraction, not {@code -0}. */
        private boolean integer() {
            int start = at;
            if (in[at] == '-') {
                at++;
            }
            int digits = at;
            while (at < in.length && in[at] >= '0' && in[at] <= '9') {
                at++;
            }
            int length = at - digits;
            if (length == 0 || length > LONGEST_NUMBER || in[digits] == '0' && (length > 1 || digits > start)) {
                return false; // no digits, a leading zero, -0 (the parser reads 0), or long enough for its limits
            }
            if (at < in.length && (in[at] == '.' || in[at] == 'e' || in[at] == 'E')) {
                return false; // a fraction: the tree's decimal handling is the one to match
            }
            return close(add(WORD, start));
        }

        private boolean word(String word) {
            if (at + word.length() > in.length) {
                return false;
            }
            for (int i = 0; i < word.length(); i++) {
                if (in[at + i] != word.charAt(i)) {
                    return false;
                }
            }
            int start = at;
            at += word.length();
            return close(add(WORD, start));
        }

        private void skipSpace() {
            while (at < in.length) {
                byte c = in[at];
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return;
                }
                at++;
            }
        }

        private int add(int kind, int start) {
            if (4 * count + 4 > values.length) {
                values = Arrays.copyOf(values, values.length * 2);
            }
            int value = count++;
            values[4 * value] = kind;
            values[4 * value + 1] = start;
            return value;
        }

        /** Its text ends here, and the value after it (its parts come first) is the next one added. */
        private boolean close(int value) {
            values[4 * value + 2] = at;
            values[4 * value + 3] = count;
            return true;
        }

        // ---- the second pass: each value written once, members in key order; -1 for a repeated key

        /** Writes a value; returns the value after it, or -1 when the document is left to the parser. */
        private int write(int value) {
            int kind = values[4 * value];
            int next = values[4 * value + 3];
            switch (kind) {
                case OBJECT -> {
                    if (!writeObject(value, next)) {
                        return -1;
                    }
                }
                case ARRAY -> {
                    put((byte) '[');
                    for (int element = value + 1; element < next; element = values[4 * element + 3]) {
                        if (element > value + 1) {
                            put((byte) ',');
                        }
                        if (write(element) < 0) {
                            return -1;
                        }
                    }
                    put((byte) ']');
                }
                case ESCAPED_TEXT -> putEscaped(value);
                default -> put(in, values[4 * value + 1], values[4 * value + 2] - values[4 * value + 1]);
            }
            return next;
        }

        private boolean writeObject(int object, int next) {
            int members = 0;
            for (int key = object + 1; key < next; key = values[4 * (key + 1) + 3]) {
                members++;
            }
            int[] keys = new int[members];
            boolean sorted = true;
            int i = 0;
            for (int key = object + 1; key < next; key = values[4 * (key + 1) + 3]) {
                keys[i] = key;
                if (i > 0) {
                    int order = compareKeys(keys[i - 1], key);
                    if (order == 0) {
                        return false; // a repeated key: the parser keeps the last, and jsonb never hands one out
                    }
                    sorted &= order < 0;
                }
                i++;
            }
            if (!sorted && !sort(keys)) {
                return false;
            }
            put((byte) '{');
            for (int m = 0; m < members; m++) {
                if (m > 0) {
                    put((byte) ',');
                }
                int key = keys[m];
                put(in, values[4 * key + 1], values[4 * key + 2] - values[4 * key + 1]);
                put((byte) ':');
                if (write(key + 1) < 0) {
                    return false;
                }
            }
            put((byte) '}');
            return true;
        }

        /** Puts keys in order; false on a repeated key. */
        private boolean sort(int[] keys) {
            if (keys.length > SMALL_OBJECT) {
                Integer[] boxed = new Integer[keys.length];
                for (int i = 0; i < keys.length; i++) {
                    boxed[i] = keys[i];
                }
                Arrays.sort(boxed, this::compareKeys);
                for (int i = 0; i < keys.length; i++) {
                    keys[i] = boxed[i];
                }
            } else {
                for (int i = 1; i < keys.length; i++) {
                    int key = keys[i];
                    int j = i - 1;
                    while (j >= 0 && compareKeys(keys[j], key) > 0) {
                        keys[j + 1] = keys[j];
                        j--;
                    }
                    keys[j + 1] = key;
                }
            }
            for (int i = 1; i < keys.length; i++) {
                if (compareKeys(keys[i - 1], keys[i]) == 0) {
                    return false;
                }
            }
            return true;
        }

        /** Compares two keys (quoted, without escapes, in the basic plane) as {@link String#compareTo} would. */
        private int compareKeys(int a, int b) {
            int aStart = values[4 * a + 1] + 1;
            int bStart = values[4 * b + 1] + 1;
            int aLength = values[4 * a + 2] - 1 - aStart;
            int bLength = values[4 * b + 2] - 1 - bStart;
            int common = Math.min(aLength, bLength);
            for (int i = 0; i < common; i++) {
                int x = in[aStart + i] & 0xFF;
                int y = in[bStart + i] & 0xFF;
                if (x != y) {
                    return x - y;
                }
            }
            return aLength - bLength;
        }

        /** A string with escapes: read, then written as Jackson's generator writes it. */
        private void putEscaped(int value) {
            int start = values[4 * value + 1];
            String written = new String(in, start + 1, values[4 * value + 2] - start - 2, StandardCharsets.UTF_8);
            StringBuilder text = new StringBuilder(written.length());
            for (int i = 0; i < written.length(); i++) {
                char c = written.charAt(i);
                if (c != '\\') {
                    text.append(c);
                    continue;
                }
                char kind = written.charAt(++i);
                switch (kind) {
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'n' -> text.append('\n');
                    case 'r' -> text.append('\r');
                    case 't' -> text.append('\t');
                    case 'u' -> {
                        text.append((char) Integer.parseInt(written, i + 1, i + 5, 16));
                        i += 4;
                    }
                    default -> text.append(kind); // '"', '\\' or '/': checked by the first pass
                }
            }
            StringBuilder quoted = new StringBuilder(text.length() + 8);
            CanonicalText.quoted(text.toString(), quoted);
            byte[] bytes = quoted.toString().getBytes(StandardCharsets.UTF_8);
            put(bytes, 0, bytes.length);
        }

        private void put(byte b) {
            if (length == out.length) {
                out = Arrays.copyOf(out, 2 * out.length + 16);
            }
            out[length++] = b;
        }

        private void put(byte[] bytes, int from, int count) {
            if (length + count > out.length) {
                out = Arrays.copyOf(out, Math.max(length + count, 2 * out.length));
            }
            System.arraycopy(bytes, from, out, length, count);
            length += count;
        }
    }
}
