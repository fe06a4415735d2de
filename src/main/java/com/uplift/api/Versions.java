package com.uplift.api;


/** The stream version as an HTTP entity tag: ETag out, If-Match in. */
final class Versions {

    private Versions() {
    }

    /** The version a client sent in If-Match ({@code "3"}, {@code W/"3"} or {@code 3}); null when absent or "*". */
    static Long fromIfMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            long version = Long.parseLong(tag);
            if (version >= 0) {
                return version;
            }
        } catch (NumberFormatException ignored) {
            // falls through to the problem below
        }
        throw Problem.invalidRequest("If-Match", "not a stream version",
                "If-Match must carry a stream version as returned in ETag, e.g. \"3\"");
    }
}
