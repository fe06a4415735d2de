package com.uplift.domain.signals;

import com.uplift.domain.policy.SignalLexicon;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.apache.lucene.util.Version;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads risk signals from a service note under decider rules v3: lexicon terms matched as phrases, minus the
 * compounds that only contain a term, minus the terms a negation cue puts out of play.
 * <p>
 * Why not the v1/v2 reader: it stemmed English (EnglishAnalyzer drops "no"/"not" as stop words, so negation was
 * invisible) and matched Chinese on SmartCN segments, which split "反欺诈" into "反/欺诈" and "没有工作变动" into
 * "没有/工作/变动" and so read an anti-fraud check as fraud and a stable job as job loss. Here:
 * <ul>
 *     <li><b>Tokens.</b> Lucene's StandardTokenizer (Unicode word breaks: one token per Han character, whole English
 *     words, "can't" kept whole) and lower-casing; no stemming, no stop words. A term's tokens must follow each other
 *     in the note: Han characters with nothing between them, English words with only spaces or a hyphen. An English
 *     word may carry a regular inflection (-s, -es, -ed, -ing, y to -ies/-ied, a doubled final consonant) but is never
 *     cut to a stem: "fired" does not match "fire".</li>
 *     <li><b>Compounds.</b> {@link NoteLanguage#COMPOUNDS} lists words that contain a term without meaning it
 *     ("反欺诈", the product's own "本网贷", "没有工作变动", "fraud team"); a term inside one is not a signal.</li>
 *     <li><b>Paraphrases.</b> {@link NoteLanguage#PARAPHRASES} lists a few fixed ways of saying a lexicon term
 *     ("no longer employed" is "unemployed"); the span records what the note said, the term what it means.</li>
 *     <li><b>Negation.</b> A term's scope is its clause: back to the nearest clause punctuation or clause word
 *     ("但是", "because", "and" ...). The negation cues in that scope before the term are counted, skipping other
 *     terms' own words ("还不起", "没钱") and words that only look negative ("非常", "不少", "无法"); an odd count
 *     negates ("没有失业"), an even one does not ("不能排除欺诈", "cannot rule out fraud"). A verdict after the term in
 *     its clause ("欺诈嫌疑已排除", "fraud was ruled out") negates too, unless itself negated ("未排除").</li>
 * </ul>
 * Pure and deterministic: the analyzer is stateless per call, the tables are constants. The result records each
 * term's span and the analyzer with its library version, so a replay after a Lucene upgrade can tell drift from
 * tampering.
 */
public final class NoteSignalReader {

    /** The analyzer as recorded in each signal: what read the note, and which library release. */
    public static final String ANALYZER = "lucene-standard-lowercase " + Version.LATEST;

    private static final Analyzer ANALYZER_IMPL = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            return new TokenStreamComponents(source, new LowerCaseFilter(source));
        }
    };

    private NoteSignalReader() {
    }

    /** One token of the note: its text (lower case), where it is, and whether it is a Han character. */
    record Token(String text, int start, int end, boolean han) {
    }

    /** One occurrence of a phrase in the note, as token indexes [from, to) and characters [start, end). */
    record Occurrence(String code, String language, String term, int from, int to, int start, int end) {
        boolean within(Occurrence other) {
            return start >= other.start && end <= other.end;
        }
    }

    /** Signals in lexicon order (by code; Chinese before English), one per code and language that matched. */
    public static List<RiskSignal> read(String note, Map<String, SignalLexicon> lexicon) {
        if (note == null || note.isBlank()) {
            return List.of();
        }
        String text = note.replace('\u2019', '\''); // same length: offsets stay the note's
        List<Token> tokens = tokens(text);
        List<Occurrence> terms = new ArrayList<>();
        lexicon.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            entry.getValue().zh().forEach(term -> terms.addAll(find(entry.getKey(), "zh", term, term, text, tokens)));
            entry.getValue().en().forEach(term -> terms.addAll(find(entry.getKey(), "en", term, term, text, tokens)));
        });
        NoteLanguage.PARAPHRASES.forEach(p -> {
            SignalLexicon listed = lexicon.get(p.code());
            if (listed != null && (p.language().equals("zh") ? listed.zh() : listed.en()).contains(p.term())) {
                terms.addAll(find(p.code(), p.language(), p.term(), p.phrase(), text, tokens));
            }
        });
        List<Occurrence> compounds = new ArrayList<>();
        NoteLanguage.COMPOUNDS.forEach(c -> compounds.addAll(find("", "", c, c, text, tokens)));

        List<Occurrence> meant = terms.stream()
                .filter(t -> compounds.stream().noneMatch(t::within))
                .filter(t -> terms.stream().noneMatch(o -> o != t && t.within(o) && !o.within(t))) // the longer term speaks
                .toList();
        List<Occurrence> asserted = meant.stream().filter(t -> !negated(t, text, meant)).toList();
        return signals(asserted, text, lexicon);
    }

    private static List<RiskSignal> signals(List<Occurrence> asserted, String text, Map<String, SignalLexicon> lexicon) {
        List<RiskSignal> signals = new ArrayList<>();
        lexicon.keySet().stream().sorted().forEach(code -> {
            for (String language : List.of("zh", "en")) {
                List<Occurrence> found = asserted.stream()
                        .filter(o -> o.code().equals(code) && o.language().equals(language))
                        .sorted(Comparator.comparingInt(Occurrence::start).thenComparing(Occurrence::term)).distinct().toList();
                if (!found.isEmpty()) {
                    signals.add(new RiskSignal(code, language, List.copyOf(new TreeSet<>(found.stream().map(Occurrence::term).toList())),
                            found.stream().map(o -> new RiskSignal.MatchedSpan(o.term(), o.start(), o.end(),
                                    text.substring(o.start(), o.end()))).toList(), ANALYZER));
                }
            }
        });
        return signals;
    }

    /**
     * Whether a cue puts the term out of play. The cues counted are those between the term and the previous term in
     * its clause (or the clause start); with none there, a term coordinated with a negated one shares its negation
     * ("没有投诉和纠纷", "未发现欺诈或冒用", "neither a dispute nor a complaint").
     */
    private static boolean negated(Occurrence term, String text, List<Occurrence> terms) {
        boolean verdictAfter = NoteLanguage.denialAfter(text.substring(term.end(), NoteLanguage.clauseEnd(text, term.end())));
        return negatedBefore(term, text, terms) != verdictAfter;
    }

    private static boolean negatedBefore(Occurrence term, String text, List<Occurrence> terms) {
        int clauseStart = NoteLanguage.clauseStart(text, term.start());
        Occurrence previous = terms.stream()
                .filter(o -> o.end() <= term.start() && o.start() >= clauseStart)
                .max(Comparator.comparingInt(Occurrence::end).thenComparingInt(o -> o.end() - o.start()))
                .orElse(null);
        int scopeStart = previous == null ? clauseStart : previous.end();
        StringBuilder before = new StringBuilder(text.substring(scopeStart, term.start()));
        for (Occurrence other : terms) { // another term's own words ("没钱", "还不起") are not cues for this one
            for (int i = Math.max(other.start(), scopeStart); i < Math.min(other.end(), term.start()); i++) {
                before.setCharAt(i - scopeStart, '#');
            }
        }
        int cues = NoteLanguage.cuesIn(before.toString());
        return cues == 0 && previous != null ? negatedBefore(previous, text, terms) : cues % 2 == 1;
    }

    /** Every occurrence of {@code phrase}'s tokens in the note's tokens, recorded as {@code term}. */
    private static List<Occurrence> find(String code, String language, String term, String phrase, String text,
                                         List<Token> note) {
        List<Token> wanted = tokens(phrase.replace('\u2019', '\''));
        List<Occurrence> found = new ArrayList<>();
        if (wanted.isEmpty()) {
            return found;
        }
        for (int i = 0; i + wanted.size() <= note.size(); i++) {
            if (matchesAt(note, i, wanted, text)) {
                found.add(new Occurrence(code, language, term, i, i + wanted.size(), note.get(i).start(),
                        note.get(i + wanted.size() - 1).end()));
            }
        }
        return found;
    }

    private static boolean matchesAt(List<Token> note, int at, List<Token> wanted, String text) {
        for (int j = 0; j < wanted.size(); j++) {
            Token token = note.get(at + j);
            Token want = wanted.get(j);
            if (want.han() ? !token.text().equals(want.text()) : !NoteLanguage.inflectionOf(token.text(), want.text())) {
                return false;
            }
            if (j > 0) {
                Token previous = note.get(at + j - 1);
                String gap = text.substring(previous.end(), token.start());
                boolean adjacent = previous.han() && token.han() ? gap.isEmpty() : gap.matches("[\\s\\-]*");
                if (!adjacent) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The note's tokens with their offsets; package-visible so tests can show how a note is read. */
    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = ANALYZER_IMPL.tokenStream("note", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            TypeAttribute type = stream.addAttribute(TypeAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(new Token(term.toString(), offset.startOffset(), offset.endOffset(),
                        StandardTokenizer.TOKEN_TYPES[StandardTokenizer.IDEOGRAPHIC].equals(type.type())));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing text in memory cannot fail", e);
        }
        return tokens;
    }
}
