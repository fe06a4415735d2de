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
        String scanned = Scan.canonical(json);
        if (scanned != null) {
            return scanned;
        }
        StringBuilder out = new StringBuilder(json.length());
        append(json, out);
        return out.toString();
    }

    /** What the hand-written reading answers for a document: its canonical text, or null when it leaves it to the parser. */
    static String scanned(String json) {
        return Scan.canonical(json);
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
     * The canonical text of what a stored event's row holds, read by hand instead of through Jackson's parser: a
     * re-verification canonicalizes every payload of the store, and the parser's tokens, its symbol table for keys
     * and the members copied out and back in key order were a quarter of a verification lane's time. Reads strict
     * JSON with integers, strings, literals, objects and arrays, the whole of what jsonb hands back for an event;
     * answers null, and leaves the document to the parser above, for anything else it meets: a fraction or exponent,
     * {@code -0}, a repeated key, a key written with an escape, very deep or long documents, and every kind of
     * invalid JSON, which the parser then refuses as before. So where it answers, it answers what the parser's path
     * writes: keys in {@link String#compareTo} order (compared as written, which for a key without escapes is the key),
     * strings as they came when they hold no escape (nothing in them needs one: a raw quote, backslash or control
     * character is invalid JSON), otherwise decoded and escaped again as Jackson escapes them, integers as written
     * (JSON allows no leading zeros or plus sign, so that is how the parser's number prints). {@code CanonicalTextTest}
     * compares it with the parser's path on seeded random documents and every approved event shape.
     */
    private static final class Scan {

        /** Well within the parser's own limits (nesting 1,000, a number's 1,000 digits): beyond them, the parser decides. */
        private static final int DEEPEST = 200;
        private static final int LONGEST_NUMBER = 100;
        private static final int LONGEST_DOCUMENT = 8 << 20;
        private static final int SMALL_OBJECT = 64;

        private final char[] in;
        private int at;
        private char[] out;
        private int length;
        /** Four slots per member of the objects open: where in {@code out} it starts, its key's text starts and ends, it ends. */
        private int[] members = new int[64];
        private int open;
        private char[] aside = new char[0];

        private Scan(String json) {
            this.in = json.toCharArray();
            this.out = new char[in.length + 16];
        }

        /** The canonical text, or null when the document is left to the parser. */
        static String canonical(String json) {
            if (json.length() > LONGEST_DOCUMENT) {
                return null;
            }
            Scan scan = new Scan(json);
            if (!scan.value(0)) {
                return null;
            }
            scan.skipSpace();
            return scan.at == scan.in.length ? new String(scan.out, 0, scan.length) : null;
        }

        private boolean value(int depth) {
            skipSpace();
            if (at >= in.length) {
                return false;
            }
            return switch (in[at]) {
                case '{' -> depth < DEEPEST && object(depth + 1);
                case '[' -> depth < DEEPEST && array(depth + 1);
                case '"' -> string() >= 0;
                case 't' -> literal("true");
                case 'f' -> literal("false");
                case 'n' -> literal("null");
                default -> integer();
            };
        }

        private boolean object(int depth) {
            at++;
            put('{');
            int first = open;
            skipSpace();
            if (at < in.length && in[at] == '}') {
                at++;
                put('}');
                return true;
            }
            boolean sorted = true;
            while (true) {
                skipSpace();
                if (at >= in.length || in[at] != '"') {
                    return false;
                }
                int memberStart = length;
                int escapes = string();
                if (escapes != 0) {
                    return false; // a key with an escape (or a broken one): compared as written it is not the key
                }
                int member = open;
                push(memberStart, length - 1);
                if (member > first) {
                    int order = compareKeys(member - 4, member);
                    if (order == 0) {
                        return false; // a repeated key: the parser keeps the last, and jsonb never hands one out
                    }
                    sorted &= order < 0;
                }
                skipSpace();
                if (at >= in.length || in[at] != ':') {
                    return false;
                }
                at++;
                put(':');
                if (!value(depth)) {
                    return false;
                }
                members[member + 3] = length;
                skipSpace();
                if (at >= in.length) {
                    return false;
                }
                char next = in[at++];
                if (next == '}') {
                    break;
                }
                if (next != ',') {
                    return false;
                }
                put(',');
            }
            if (!sorted) {
                reorder(first, open);
            }
            open = first;
            put('}');
            return true;
        }

        private boolean array(int depth) {
            at++;
            put('[');
            skipSpace();
            if (at < in.length && in[at] == ']') {
                at++;
                put(']');
                return true;
            }
            while (true) {
                if (!value(depth)) {
                    return false;
                }
                skipSpace();
                if (at >= in.length) {
                    return false;
                }
                char next = in[at++];
                if (next == ']') {
                    put(']');
                    return true;
                }
                if (next != ',') {
                    return false;
                }
                put(',');
            }
        }

        /**
         * Copies a string, quotes included; returns the escapes it held (0: copied as it came), or -1 when it is not a
         * valid JSON string. One with escapes is decoded and written again as Jackson's generator writes it.
         */
        private int string() {
            int start = at++;
            int escapes = 0;
            while (true) {
                if (at >= in.length) {
                    return -1;
                }
                char c = in[at];
                if (c == '"') {
                    break;
                }
                if (c < 0x20) {
                    return -1; // a raw control character: invalid JSON
                }
                if (c == '\\') {
                    escapes++;
                    at++;
                    if (at >= in.length) {
                        return -1;
                    }
                    if (in[at] == 'u') {
                        at += 4;
                    }
                }
                at++;
            }
            at++;
            if (escapes == 0) {
                put(in, start, at - start);
                return 0;
            }
            String decoded = decode(start + 1, at - 1);
            if (decoded == null) {
                return -1;
            }
            StringBuilder quoted = new StringBuilder(decoded.length() + 8);
            CanonicalText.quoted(decoded, quoted);
            ensure(quoted.length());
            quoted.getChars(0, quoted.length(), out, length);
            length += quoted.length();
            return escapes;
        }

        /** The text between two quotes with its escapes read; null when one is not a JSON escape. */
        private String decode(int from, int to) {
            StringBuilder text = new StringBuilder(to - from);
            for (int i = from; i < to; i++) {
                char c = in[i];
                if (c != '\\') {
                    text.append(c);
                    continue;
                }
                char kind = in[++i];
                switch (kind) {
                    case '"', '\\', '/' -> text.append(kind);
                    case 'b' -> text.append('\b');
                    case 'f' -> text.append('\f');
                    case 'n' -> text.append('\n');
                    case 'r' -> text.append('\r');
                    case 't' -> text.append('\t');
                    case 'u' -> {
                        if (i + 4 >= to) {
                            return null;
                        }
                        int code = 0;
                        for (int h = 1; h <= 4; h++) {
                            int digit = Character.digit(in[i + h], 16);
                            if (digit < 0 || in[i + h] > 'f') {
                                return null; // Character.digit reads other scripts' digits too; JSON reads ASCII only
                            }
                            code = code * 16 + digit;
                        }
                        text.append((char) code);
                        i += 4;
                    }
                    default -> {
                        return null;
                    }
                }
            }
            return text.toString();
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
            int count = at - digits;
            if (count == 0 || count > LONGEST_NUMBER || in[digits] == '0' && (count > 1 || digits > start)) {
                return false; // no digits, a leading zero, -0 (the parser reads 0), or long enough for its limits
            }
            if (at < in.length && (in[at] == '.' || in[at] == 'e' || in[at] == 'E')) {
                return false; // a fraction: the tree's decimal handling is the one to match
            }
            put(in, start, at - start);
            return true;
        }

        private boolean literal(String word) {
            if (at + word.length() > in.length) {
                return false;
            }
            for (int i = 0; i < word.length(); i++) {
                if (in[at + i] != word.charAt(i)) {
                    return false;
                }
            }
            put(in, at, word.length());
            at += word.length();
            return true;
        }

        private void skipSpace() {
            while (at < in.length) {
                char c = in[at];
                if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                    return;
                }
                at++;
            }
        }

        /** Records a member starting at its key's opening quote; its key's text ends before {@code keyEnd}'s quote. */
        private void push(int start, int keyEnd) {
            if (open + 4 > members.length) {
                members = Arrays.copyOf(members, members.length * 2);
            }
            members[open] = start;
            members[open + 1] = start + 1;
            members[open + 2] = keyEnd;
            open += 4;
        }

        /** Compares the keys of two members as {@link String#compareTo} compares them (keys without escapes only). */
        private int compareKeys(int a, int b) {
            int aStart = members[a + 1];
            int bStart = members[b + 1];
            int aLength = members[a + 2] - aStart;
            int bLength = members[b + 2] - bStart;
            int common = Math.min(aLength, bLength);
            for (int i = 0; i < common; i++) {
                char x = out[aStart + i];
                char y = out[bStart + i];
                if (x != y) {
                    return x - y;
                }
            }
            return aLength - bLength;
        }

        /** Writes the members between {@code first} and {@code end} (slots) back in key order, commas between them. */
        private void reorder(int first, int end) {
            int count = (end - first) / 4;
            int[] order = new int[count];
            for (int i = 0; i < count; i++) {
                order[i] = first + 4 * i;
            }
            if (count > SMALL_OBJECT) {
                Integer[] boxed = new Integer[count];
                for (int i = 0; i < count; i++) {
                    boxed[i] = order[i];
                }
                Arrays.sort(boxed, this::compareKeys);
                for (int i = 0; i < count; i++) {
                    order[i] = boxed[i];
                }
            } else {
                for (int i = 1; i < count; i++) {
                    int member = order[i];
                    int j = i - 1;
                    while (j >= 0 && compareKeys(order[j], member) > 0) {
                        order[j + 1] = order[j];
                        j--;
                    }
                    order[j + 1] = member;
                }
            }
            int from = members[first];
            int to = members[end - 1];
            if (aside.length < to - from) {
                aside = new char[Math.max(to - from, 2 * aside.length)];
            }
            System.arraycopy(out, from, aside, 0, to - from);
            int write = from;
            for (int i = 0; i < count; i++) {
                if (i > 0) {
                    out[write++] = ',';
                }
                int start = members[order[i]];
                int size = members[order[i] + 3] - start;
                System.arraycopy(aside, start - from, out, write, size);
                write += size;
            }
        }

        private void put(char c) {
            ensure(1);
            out[length++] = c;
        }

        private void put(char[] chars, int from, int count) {
            ensure(count);
            System.arraycopy(chars, from, out, length, count);
            length += count;
        }

        private void ensure(int more) {
            if (length + more > out.length) {
                out = Arrays.copyOf(out, Math.max(length + more, 2 * out.length));
            }
        }
    }
}
