package com.uplift.domain.signals;

import java.util.List;

/**
 * A risk signal found in a service note, with the lexicon terms that matched (sorted) so a reader sees why.
 *
 * @param language "zh" or "en": the lexicon the terms belong to
 */
public record RiskSignal(String code, String language, List<String> matchedTerms) {

    public RiskSignal {
        matchedTerms = List.copyOf(matchedTerms);
    }
}
