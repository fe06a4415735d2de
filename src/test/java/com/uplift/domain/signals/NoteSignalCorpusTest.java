package com.uplift.domain.signals;

import com.uplift.domain.TestPolicies;
import com.uplift.domain.policy.SignalLexicon;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The note reader of rules v3 against a labelled corpus of service notes ({@code signals/notes.tsv}): each note with
 * the signals a risk officer would expect. Prints precision and recall per signal and per category, for the v3
 * reader and, for comparison, the v1/v2 extractor, and holds the v3 reader to precision >= 0.95 and recall >= 0.90
 * over all signals. The misses are printed too, so a change that trades one error for another shows which.
 */
class NoteSignalCorpusTest {

    private static final Map<String, SignalLexicon> LEXICON = TestPolicies.policy().signalLexicon();

    record LabelledNote(int line, String category, Set<String> expected, String text) {
    }

    /** True and false positives and false negatives of one signal (or of all of them). */
    static final class Tally {
        int truePositives;
        int falsePositives;
        int falseNegatives;

        double precision() {
            return truePositives + falsePositives == 0 ? 1.0 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1.0 : (double) truePositives / (truePositives + falseNegatives);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "tp %3d  fp %2d  fn %2d  precision %.3f  recall %.3f",
                    truePositives, falsePositives, falseNegatives, precision(), recall());
        }
    }

    record Score(Map<String, Tally> bySignal, Map<String, Tally> byCategory, Tally overall, List<String> errors) {
    }

    static List<LabelledNote> corpus() throws IOException {
        try (InputStream in = NoteSignalCorpusTest.class.getResourceAsStream("/signals/notes.tsv")) {
            assertNotNull(in, "signals/notes.tsv");
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            List<LabelledNote> notes = new java.util.ArrayList<>();
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                String[] columns = lines[i].split("\t", 3);
                assertEquals(3, columns.length, "line " + (i + 1) + " needs category, expected signals and text");
                Set<String> expected = columns[1].equals("-") ? Set.of()
                        : Arrays.stream(columns[1].split(",")).map(String::strip).collect(Collectors.toCollection(TreeSet::new));
                notes.add(new LabelledNote(i + 1, columns[0], expected, columns[2].strip()));
            }
            return notes;
        }
    }

    static Score score(List<LabelledNote> notes, Function<String, List<RiskSignal>> reader) {
        Map<String, Tally> bySignal = new TreeMap<>();
        Map<String, Tally> byCategory = new TreeMap<>();
        LEXICON.keySet().forEach(code -> bySignal.put(code, new Tally()));
        Tally overall = new Tally();
        List<String> errors = new java.util.ArrayList<>();
        for (LabelledNote note : notes) {
            Set<String> found = reader.apply(note.text()).stream().map(RiskSignal::code).collect(Collectors.toCollection(TreeSet::new));
            Tally category = byCategory.computeIfAbsent(note.category(), c -> new Tally());
            for (String code : LEXICON.keySet()) {
                boolean expected = note.expected().contains(code);
                boolean raised = found.contains(code);
                for (Tally tally : List.of(bySignal.get(code), category, overall)) {
                    if (expected && raised) {
                        tally.truePositives++;
                    } else if (raised) {
                        tally.falsePositives++;
                    } else if (expected) {
                        tally.falseNegatives++;
                    }
                }
            }
            if (!found.equals(note.expected())) {
                errors.add("line " + note.line() + " [" + note.category() + "] expected " + note.expected()
                        + " found " + found + ": " + note.text());
            }
        }
        return new Score(bySignal, byCategory, overall, errors);
    }

    private static void print(String title, Score score) {
        System.out.println("== " + title);
        score.bySignal().forEach((code, tally) -> System.out.printf(Locale.ROOT, "  %-18s %s%n", code, tally));
        score.byCategory().forEach((category, tally) -> System.out.printf(Locale.ROOT, "  [%-15s] %s%n", category, tally));
        System.out.printf(Locale.ROOT, "  %-18s %s%n", "OVERALL", score.overall());
        score.errors().forEach(error -> System.out.println("  miss: " + error));
    }

    @Test
    void negation_aware_reader_holds_precision_095_and_recall_090_on_the_labelled_corpus() throws IOException {
        List<LabelledNote> notes = corpus();
        assertTrue(notes.size() >= 300, "the corpus holds " + notes.size() + " notes; at least 300 are required");
        assertTrue(notes.stream().anyMatch(n -> n.text().matches(".*\\p{IsHan}.*"))
                && notes.stream().anyMatch(n -> !n.text().matches(".*\\p{IsHan}.*")), "both Chinese and English notes");

        Score before = score(notes, text -> RiskSignalExtractor.extract(text, LEXICON));
        Score v3 = score(notes, text -> NoteSignalReader.read(text, LEXICON));
        System.out.println("Note signals on " + notes.size() + " labelled notes (signals/notes.tsv)");
        print("rules v1/v2 extractor (stemmed keywords), for comparison", before);
        print("rules v3 reader (" + NoteSignalReader.ANALYZER + ")", v3);

        assertTrue(v3.overall().precision() >= 0.95, "overall precision " + v3.overall());
        assertTrue(v3.overall().recall() >= 0.90, "overall recall " + v3.overall());
    }

    @Test
    void every_corpus_label_names_a_signal_of_the_lexicon() throws IOException {
        for (LabelledNote note : corpus()) {
            assertTrue(LEXICON.keySet().containsAll(note.expected()), "line " + note.line() + ": " + note.expected());
        }
    }

    @Test
    void the_issue_reproductions_raise_nothing_under_v3_though_the_old_extractor_raised_them() throws IOException {
        List<LabelledNote> reproductions = corpus().stream().filter(n -> n.category().equals("issue")).toList();
        assertEquals(4, reproductions.size());
        for (LabelledNote note : reproductions) {
            assertEquals(List.of(), NoteSignalReader.read(note.text(), LEXICON), note.text());
        }
        // the corpus test is able to fail: the old extractor raised signals on the reproductions
        assertTrue(reproductions.stream().filter(n -> !RiskSignalExtractor.extract(n.text(), LEXICON).isEmpty()).count() >= 3);
    }
}
