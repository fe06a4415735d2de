package com.uplift.domain.signals;

import com.uplift.domain.TestPolicies;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Signals from Chinese and English notes, through real analyzers, with the matched terms kept. */
class RiskSignalExtractorTest {

    private static List<RiskSignal> extract(String text) {
        return RiskSignalExtractor.extract(text, TestPolicies.policy().signalLexicon());
    }

    @Test
    void chinese_job_loss_and_hardship() {
        List<RiskSignal> signals = extract("客户说上个月被公司裁员了，现在手头紧，这个月可能还不起。");
        assertEquals(List.of(
                RiskSignal.termsOnly("HARDSHIP", "zh", List.of("手头紧", "还不起")),
                RiskSignal.termsOnly("JOB_LOSS", "zh", List.of("裁员"))), signals);
    }

    @Test
    void english_terms_match_through_stemming() {
        List<RiskSignal> signals = extract("Borrower was laid off in May and is struggling to pay; says he has several loans.");
        assertEquals(List.of(
                RiskSignal.termsOnly("HARDSHIP", "en", List.of("struggling to pay")),
                RiskSignal.termsOnly("JOB_LOSS", "en", List.of("laid off")),
                RiskSignal.termsOnly("OVER_INDEBTEDNESS", "en", List.of("several loans"))), signals);
    }

    @Test
    void inflected_english_forms_match_the_stemmed_term() {
        assertEquals(List.of(RiskSignal.termsOnly("DISPUTE", "en", List.of("complaint", "dispute"))),
                extract("Two complaints filed; the customer disputes the charges."));
    }

    @Test
    void fraud_in_chinese_mixed_with_english() {
        List<RiskSignal> signals = extract("客户怀疑身份被盗用, possible identity theft");
        assertTrue(signals.contains(RiskSignal.termsOnly("FRAUD_SUSPICION", "en", List.of("identity theft"))), signals::toString);
        assertTrue(signals.stream().anyMatch(s -> s.code().equals("FRAUD_SUSPICION") && s.language().equals("zh")), signals::toString);
    }

    @Test
    void whole_words_only_no_substring_false_positives() {
        assertEquals(List.of(), extract("The customer asked about firefighters' discount and unfired clay."));
        assertEquals(List.of(), extract("客户咨询还款日期，表示一切正常。"));
    }

    @Test
    void the_chinese_analyzer_segments_words() {
        assertTrue(RiskSignalExtractor.chineseTokens("我被公司裁员了").contains("裁员"));
    }
}
