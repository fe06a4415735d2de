package com.uplift.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.TreeSet;

/** The first place, as a JSON path, where two canonical JSON trees differ; keys are visited in sorted order. */
public final class JsonDifference {

    /** Where they differ, and the two values found there (null when absent). */
    public record Difference(String path, JsonNode expected, JsonNode actual) {
    }

    private JsonDifference() {
    }

    /** Null when equal. Numbers compare by value (12 equals 12.0); everything else exactly. */
    public static Difference first(JsonNode expected, JsonNode actual) {
        return first("$", expected, actual);
    }

    private static Difference first(String path, JsonNode expected, JsonNode actual) {
        if (expected == null || actual == null || expected.isNull() || actual.isNull()) {
            boolean bothAbsent = (expected == null || expected.isNull()) && (actual == null || actual.isNull());
            return bothAbsent ? null : new Difference(path, expected, actual);
        }
        if (expected.isObject() && actual.isObject()) {
            TreeSet<String> keys = new TreeSet<>();
            expected.fieldNames().forEachRemaining(keys::add);
            actual.fieldNames().forEachRemaining(keys::add);
            for (String key : keys) {
                if (expected.has(key) != actual.has(key)) {
                    return new Difference(path + "." + key, expected.get(key), actual.get(key));
                }
                Difference d = first(path + "." + key, expected.get(key), actual.get(key));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isArray() && actual.isArray()) {
            Iterator<JsonNode> left = expected.elements();
            Iterator<JsonNode> right = actual.elements();
            for (int i = 0; left.hasNext() || right.hasNext(); i++) {
                JsonNode l = left.hasNext() ? left.next() : null;
                JsonNode r = right.hasNext() ? right.next() : null;
                if (l == null || r == null) {
                    return new Difference(path + "[" + i + "]", l, r);
                }
                Difference d = first(path + "[" + i + "]", l, r);
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0 ? null : new Difference(path, expected, actual);
        }
        return expected.equals(actual) ? null : new Difference(path, expected, actual);
    }
}
