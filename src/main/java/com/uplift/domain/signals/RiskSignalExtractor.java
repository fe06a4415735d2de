package com.uplift.domain.signals;

import com.uplift.domain.policy.SignalLexicon;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The note reader of decider rules v1 and v2, kept unchanged so that notes recorded under them re-decide as recorded;
 * rules v3 read notes with {@link NoteSignalReader}.
 * <p>
 * Extracts explainable risk signals (HARDSHIP, JOB_LOSS, DISPUTE, FRAUD_SUSPICION, OVER_INDEBTEDNESS, ...) from a
 * service note. Both the note and each lexicon term go through the same real analyzer: SmartChineseAnalyzer (HMM
 * word segmentation) for the Chinese terms, EnglishAnalyzer (lower-casing, stop words, Porter stemming) for the English
 * ones; a term matches when its tokens occur contiguously in the note's tokens. Stemming folds "payments"/"paying"
 * onto "pai", but not irregular forms ("lost" vs "lose"): the lexicon lists those separately. Matching whole
 * tokens instead of substrings keeps "反欺诈" (anti-fraud) from reading as "欺诈" (fraud) when segmented as one word.
 * <p>
 * Deterministic and pure: analyzers are stateless per call. The result names the matched terms, so a reviewer sees why.
 */
public final class RiskSignalExtractor {

    private static final Analyzer CHINESE = new SmartChineseAnalyzer();
    private static final Analyzer ENGLISH = new EnglishAnalyzer();

    private RiskSignalExtractor() {
    }

    /** Signals in lexicon order (sorted by code), one per code and language that matched. */
    public static List<RiskSignal> extract(String text, Map<String, SignalLexicon> lexicon) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        List<String> chineseTokens = tokens(CHINESE, text);
        List<String> englishTokens = tokens(ENGLISH, text);
        List<RiskSignal> signals = new ArrayList<>();
        lexicon.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            match(entry.getKey(), "zh", entry.getValue().zh(), CHINESE, chineseTokens).ifPresent(signals::add);
            match(entry.getKey(), "en", entry.getValue().en(), ENGLISH, englishTokens).ifPresent(signals::add);
        });
        return signals;
    }

    /** The analyzer's tokens for a text; public so tests and the policy doc can show how a term is segmented. */
    public static List<String> tokens(Analyzer analyzer, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("note", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing text in memory cannot fail", e);
        }
        return tokens;
    }

    public static List<String> chineseTokens(String text) {
        return tokens(CHINESE, text);
    }

    public static List<String> englishTokens(String text) {
        return tokens(ENGLISH, text);
    }

    private static java.util.Optional<RiskSignal> match(String code, String language, List<String> terms,
                                                        Analyzer analyzer, List<String> noteTokens) {
        TreeSet<String> matched = new TreeSet<>();
        for (String term : terms) {
            List<String> termTokens = tokens(analyzer, term);
            if (!termTokens.isEmpty() && Collections.indexOfSubList(noteTokens, termTokens) >= 0) {
                matched.add(term);
            }
        }
        return matched.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(RiskSignal.termsOnly(code, language, List.copyOf(matched)));
    }
}
