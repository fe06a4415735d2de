package com.uplift.domain.signals;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The language knowledge of the rules-v3 note reader ({@link NoteSignalReader}): clause boundaries, negation cues,
 * compounds that only contain a term, and fixed paraphrases of lexicon terms. It lives in code, under the decider
 * rules version, because changing it changes which warnings a recorded note raised; the lexicon terms themselves stay
 * in the policy. docs/policy.md (section 5) explains each table to a risk officer.
 */
final class NoteLanguage {

    private NoteLanguage() {
    }

    /** Words that contain a lexicon term without meaning it: anti-fraud work, the product's own name, a stable job. */
    static final List<String> COMPOUNDS = List.of(
            "反欺诈", "防欺诈", "反诈骗", "防诈骗", "反诈", "防范诈骗", "防范欺诈",
            "本网贷", "我司网贷", "我行网贷", "我们的网贷", "本平台网贷",
            "没有工作变动", "没有工作调动", "没有工作变化", "没有工作上的变动",
            "anti-fraud", "fraud team", "fraud department", "fraud prevention", "fraud check", "fraud screening",
            "fraud awareness", "fraud protection", "scam awareness");

    /** A fixed way of saying a lexicon term; it counts only while the policy's lexicon lists that term. */
    record Paraphrase(String phrase, String code, String language, String term) {
    }

    static final List<Paraphrase> PARAPHRASES = List.of(
            new Paraphrase("丢了工作", "JOB_LOSS", "zh", "失业"),
            new Paraphrase("没了工作", "JOB_LOSS", "zh", "失业"),
            new Paraphrase("失去工作", "JOB_LOSS", "zh", "失业"),
            new Paraphrase("被开除", "JOB_LOSS", "zh", "被辞退"),
            new Paraphrase("被解雇", "JOB_LOSS", "zh", "被辞退"),
            new Paraphrase("被骗", "FRAUD_SUSPICION", "zh", "诈骗"),
            new Paraphrase("还不上", "HARDSHIP", "zh", "还不起"),
            new Paraphrase("资金紧张", "HARDSHIP", "zh", "周转不开"),
            new Paraphrase("多个平台借款", "OVER_INDEBTEDNESS", "zh", "多头借贷"),
            new Paraphrase("no longer employed", "JOB_LOSS", "en", "unemployed"),
            new Paraphrase("out of work", "JOB_LOSS", "en", "unemployed"),
            new Paraphrase("lost their job", "JOB_LOSS", "en", "lost my job"),
            new Paraphrase("lost the job", "JOB_LOSS", "en", "lost my job"),
            new Paraphrase("made redundant", "JOB_LOSS", "en", "redundancy"),
            new Paraphrase("complained", "DISPUTE", "en", "complaint"),
            new Paraphrase("defrauded", "FRAUD_SUSPICION", "en", "fraud"),
            new Paraphrase("fraudulent", "FRAUD_SUSPICION", "en", "fraud"),
            new Paraphrase("payday lender", "OVER_INDEBTEDNESS", "en", "payday loan"),
            new Paraphrase("multiple loans", "OVER_INDEBTEDNESS", "en", "several loans"),
            new Paraphrase("multiple lenders", "OVER_INDEBTEDNESS", "en", "many lenders"),
            new Paraphrase("several lenders", "OVER_INDEBTEDNESS", "en", "many lenders"),
            new Paraphrase("could not afford", "HARDSHIP", "en", "cannot afford"),
            new Paraphrase("couldn't afford", "HARDSHIP", "en", "cannot afford"),
            new Paraphrase("can not afford", "HARDSHIP", "en", "cannot afford"));

    /**
     * Where a clause ends: punctuation, and the words that start a new assertion (a contrast, a reason, "and"). A
     * negation reaches no further: in "没有逾期，但是被裁员了" the 没有 says nothing about 裁员.
     */
    private static final Pattern CLAUSE_BOUNDARY = Pattern.compile(
            "[，。；！？,.;!?：:\\n]|但是|但|不过|可是|然而|却|只是|而是|因为|由于|并且|而且|同时|后来|现在"
                    + "|(?i)\\b(?:but|however|although|though|because|and|while|since|now)\\b");

    /** Words that look negative but negate nothing after them ("非常困难" is very hard; "不少网贷" is many). */
    private static final List<String> NOT_CUES_ZH = byLength(List.of(
            "非常", "不少", "不断", "不久", "不仅", "不得不", "无法", "不满", "不良", "未来", "无论", "不管", "不停", "不同",
            "无奈", "不了", "不起", "不上", "不够", "不好", "不稳定", "不佳", "不便", "无力", "没办法", "没想到", "不到",
            "无法排除")); // "无法排除" is a double negation: it counts as none, like "不能排除" (two cues)

    /** Chinese negation cues, longest first so "没有" counts once, not as "没" and more. */
    private static final List<String> CUES_ZH = byLength(List.of(
            "否认", "并非", "并无", "从未", "从没", "没有", "排除", "不是", "毫无", "没", "未", "无", "不", "非", "否"));

    /** "not only" and "no doubt" negate nothing; "neither ... nor" is one negation, counted at the "nor". */
    private static final Pattern NOT_CUES_EN = Pattern.compile("(?i)\\b(?:not only|no doubt|neither(?=.*\\bnor\\b))\\b");

    private static final Pattern CUES_EN = Pattern.compile(
            "(?i)\\b(?:no|not|never|without|none|nor|neither|deny|denies|denied|denying|nothing|cannot|[a-z]+n't"
                    + "|rules? out|ruled out)\\b");

    /** A verdict after the term that takes it back ("欺诈嫌疑已排除", "fraud was ruled out") ... */
    private static final Pattern DENIAL_AFTER = Pattern.compile(
            "排除|不成立|不属实|误会|已澄清|(?i)\\b(?:ruled out|unfounded|unsubstantiated|not substantiated"
                    + "|not confirmed|false alarm)\\b");

    /** ... unless the verdict is itself negated ("未排除", "cannot be ruled out"). */
    private static final Pattern NEGATED_DENIAL_AFTER = Pattern.compile(
            "未排除|没有排除|不能排除|无法排除|(?i)\\b(?:not (?:been |be )?ruled out|cannot be ruled out"
                    + "|can't be ruled out|cannot rule out|can't rule out)\\b");

    private static List<String> byLength(List<String> words) {
        return words.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    static int clauseStart(String text, int position) {
        Matcher boundary = CLAUSE_BOUNDARY.matcher(text);
        int start = 0;
        while (boundary.find() && boundary.end() <= position) {
            start = boundary.end();
        }
        return start;
    }

    static int clauseEnd(String text, int position) {
        Matcher boundary = CLAUSE_BOUNDARY.matcher(text);
        return boundary.find(position) ? boundary.start() : text.length();
    }

    /** How many negation cues a stretch of note holds (Chinese and English). */
    static int cuesIn(String scope) {
        int count = 0;
        int i = 0;
        scan:
        while (i < scope.length()) {
            for (String word : NOT_CUES_ZH) {
                if (scope.startsWith(word, i)) {
                    i += word.length();
                    continue scan;
                }
            }
            for (String cue : CUES_ZH) {
                if (scope.startsWith(cue, i)) {
                    count++;
                    i += cue.length();
                    continue scan;
                }
            }
            i++;
        }
        Matcher english = CUES_EN.matcher(NOT_CUES_EN.matcher(scope).replaceAll("#"));
        while (english.find()) {
            count++;
        }
        return count;
    }

    static boolean denialAfter(String rest) {
        return DENIAL_AFTER.matcher(rest).find() && !NEGATED_DENIAL_AFTER.matcher(rest).find();
    }

    /** Short words take no inflection: "not" must not match "noted", nor "to" "tod". */
    private static final Set<String> SHORT_INFLECTED = Set.of("job", "pay", "lost");

    /** The same English word, or a regular inflection of it; never a shorter stem ("fire" is not "fired"). */
    static boolean inflectionOf(String token, String word) {
        if (token.equals(word)) {
            return true;
        }
        // every inflection below is longer than the word and starts with all of it but its last letter: most of a
        // note's tokens fail here, before any candidate form is built (a note is matched against every listed term)
        if (word.isEmpty() || token.length() <= word.length() || !token.regionMatches(0, word, 0, word.length() - 1)) {
            return false;
        }
        if (word.length() < 4 && !SHORT_INFLECTED.contains(word) || !word.chars().allMatch(Character::isLetter)) {
            return false;
        }
        for (String suffix : List.of("s", "es", "ed", "d", "ing")) {
            if (token.equals(word + suffix)) {
                return true;
            }
        }
        char last = word.charAt(word.length() - 1);
        if (last == 'y' && (token.equals(word.substring(0, word.length() - 1) + "ies")
                || token.equals(word.substring(0, word.length() - 1) + "ied"))) {
            return true;
        }
        if (last == 'e' && token.equals(word.substring(0, word.length() - 1) + "ing")) {
            return true;
        }
        return token.equals(word + last + "ed") || token.equals(word + last + "ing");
    }
}
