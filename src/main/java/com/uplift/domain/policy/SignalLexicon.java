package com.uplift.domain.policy;

import java.util.List;

/** The terms that reveal one risk signal in a note: Chinese terms (segmented by SmartCN) and English terms (stemmed). */
public record SignalLexicon(List<String> zh, List<String> en) {

    public SignalLexicon {
        zh = zh == null ? List.of() : List.copyOf(zh);
        en = en == null ? List.of() : List.copyOf(en);
    }
}
