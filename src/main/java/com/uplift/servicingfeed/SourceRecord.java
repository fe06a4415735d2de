package com.uplift.servicingfeed;

import java.util.Map;

/** A record of a servicing-facts topic as it came: where it sits, its key, value and headers (as text). */
public record SourceRecord(String topic, int partition, long offset, String key, String payload, Map<String, String> headers) {
}
