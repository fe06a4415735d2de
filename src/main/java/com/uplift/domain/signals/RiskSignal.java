package com.uplift.domain.signals;

import java.util.List;

/**
 * A risk signal found in a service note, with the lexicon terms that matched (sorted) so a reader sees why.
 * <p>
 * From decider rules v3 on, the signal also records where in the note each term was found ({@code spans}) and the
 * analyzer that found it ({@code analyzer}: name and library version). A replay after an analyzer upgrade that finds
 * other spans can then say "the analyzer changed" rather than "the record was altered". Signals recorded under rules
 * v1/v2 carry neither (null): that extractor did not keep them.
 *
 * @param language "zh" or "en": the lexicon the terms belong to
 * @param spans    the note text each matched term covers, in note order; null for signals from rules v1/v2
 * @param analyzer e.g. "lucene-standard-lowercase 9.12.3"; null for signals from rules v1/v2
 */
public record RiskSignal(String code, String language, List<String> matchedTerms, List<MatchedSpan> spans,
                         String analyzer) {

    public RiskSignal {
        matchedTerms = List.copyOf(matchedTerms);
        spans = spans == null ? null : List.copyOf(spans);
    }

    /** A signal as rules v1/v2 record it: terms only. */
    public static RiskSignal termsOnly(String code, String language, List<String> matchedTerms) {
        return new RiskSignal(code, language, matchedTerms, null, null);
    }

    /**
     * One occurrence of a lexicon term in the note: {@code text} is the note's own characters at
     * [{@code start}, {@code end}) (UTF-16 offsets), which may differ from {@code term} by an inflection or a listed
     * paraphrase.
     */
    public record MatchedSpan(String term, int start, int end, String text) {
    }
}
