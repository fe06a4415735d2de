package com.uplift.domain.signals;

import com.uplift.domain.TestPolicies;
import com.uplift.domain.creditline.CreditLineCommand.RecordServiceNote;
import com.uplift.domain.creditline.CreditLineEvent.ServiceNoteRecorded;
import com.uplift.domain.creditline.CreditLineEvent.WarningRaised;
import com.uplift.domain.policy.SignalLexicon;
import com.uplift.domain.signals.RiskSignal.MatchedSpan;
import org.apache.lucene.util.Version;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static com.uplift.domain.Fixtures.NOW;
import static com.uplift.domain.Fixtures.borrower;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The rules-v3 note reader, scenario by scenario: negation and its scope, compounds, phrases, spans, analyzer. */
class NoteSignalReaderTest {

    private static final Map<String, SignalLexicon> LEXICON = TestPolicies.policy().signalLexicon();

    private static List<String> codes(String note) {
        return NoteSignalReader.read(note, LEXICON).stream().map(RiskSignal::code).toList();
    }

    @Test
    void an_anti_fraud_check_and_an_unchanged_job_raise_nothing() {
        assertEquals(List.of(), codes("反欺诈部门已核实无异常，客户工作稳定，没有工作变动"));
    }

    @Test
    void the_products_own_online_loan_is_not_over_indebtedness_but_other_platforms_are() {
        assertEquals(List.of(), codes("客户咨询本网贷产品如何提额"));
        assertEquals(List.of("OVER_INDEBTEDNESS"), codes("客户除了本网贷以外，还在其他网贷平台借了六笔。"));
    }

    @Test
    void a_fire_is_not_being_fired() {
        assertEquals(List.of(), codes("There was a fire at his home"));
        assertEquals(List.of("JOB_LOSS"), codes("Caller reports he was fired on Friday."));
    }

    @Test
    void negation_reaches_to_the_end_of_its_clause_only() {
        assertEquals(List.of(), codes("客户没有失业，只是工资延迟发放。"));
        assertEquals(List.of("HARDSHIP"), codes("客户没有失业，但手头紧。"));
        assertEquals(List.of(), codes("Customer is not unemployed and has no payday loans."));
        assertEquals(List.of("JOB_LOSS"), codes("Customer has no other debts but was laid off last week."));
    }

    @Test
    void a_double_negation_asserts() {
        assertEquals(List.of("FRAUD_SUSPICION"), codes("不能排除欺诈可能，建议冻结额度。"));
        assertEquals(List.of("FRAUD_SUSPICION"), codes("目前无法排除身份被冒用的可能。"));
        assertEquals(List.of("HARDSHIP"), codes("客户并非没有困难，只是不愿意说。"));
        assertEquals(List.of("FRAUD_SUSPICION"), codes("We cannot rule out fraud until the customer visits a branch."));
    }

    @Test
    void a_verdict_after_the_term_takes_it_back_unless_itself_negated() {
        assertEquals(List.of(), codes("欺诈嫌疑已排除，系客户本人操作。"));
        assertEquals(List.of(), codes("Fraud was ruled out after the video call."));
        assertEquals(List.of("FRAUD_SUSPICION"), codes("冒用嫌疑尚未排除，需要进一步核实。"));
        assertEquals(List.of("FRAUD_SUSPICION"), codes("Identity theft has not been ruled out yet."));
    }

    @Test
    void coordinated_terms_share_one_negation() {
        assertEquals(List.of(), codes("未发现欺诈或冒用迹象。"));
        assertEquals(List.of(), codes("客户既没有投诉也没有纠纷。"));
        assertEquals(List.of(), codes("Customer is neither unemployed nor in financial difficulty."));
    }

    @Test
    void a_terms_own_negative_words_negate_nothing_else() {
        assertEquals(List.of("HARDSHIP", "JOB_LOSS"), codes("客户失业后没钱还款，申请停息挂账。"));
        assertEquals(List.of("HARDSHIP"), codes("客户说最近非常困难，希望协商还款。"));
    }

    @Test
    void each_signal_records_its_spans_and_the_analyzer_with_its_library_version() {
        List<RiskSignal> signals = NoteSignalReader.read("客户说上个月被公司裁员了，现在手头紧", LEXICON);
        String analyzer = "lucene-standard-lowercase " + Version.LATEST;
        assertEquals(List.of(
                new RiskSignal("HARDSHIP", "zh", List.of("手头紧"), List.of(new MatchedSpan("手头紧", 15, 18, "手头紧")), analyzer),
                new RiskSignal("JOB_LOSS", "zh", List.of("裁员"), List.of(new MatchedSpan("裁员", 9, 11, "裁员")), analyzer)),
                signals);
        assertEquals("lucene-standard-lowercase 9.12.3", NoteSignalReader.ANALYZER, "the pom's Lucene version");
    }

    @Test
    void a_paraphrase_records_what_the_note_said_and_the_term_it_means() {
        assertEquals(List.of(new RiskSignal("JOB_LOSS", "en", List.of("unemployed"),
                        List.of(new MatchedSpan("unemployed", 16, 34, "No Longer Employed")), NoteSignalReader.ANALYZER)),
                NoteSignalReader.read("Borrower is now No Longer Employed.", LEXICON));
    }

    @Test
    void rules_v3_records_no_fraud_warning_for_an_anti_fraud_note_where_rules_v2_froze_the_line() {
        String note = "反欺诈部门已核实无异常，客户工作稳定，没有工作变动";
        var underV2 = borrower().spec(2).when(new RecordServiceNote(note, "CALL_CENTER", NOW));
        assertEquals(List.of("NOTE_FRAUD_SUSPICION", "NOTE_JOB_LOSS"),
                underV2.all(WarningRaised.class).stream().map(WarningRaised::flag).sorted().toList());
        var underV3 = borrower().spec(3).when(new RecordServiceNote(note, "CALL_CENTER", NOW));
        assertEquals(List.of(), underV3.event(ServiceNoteRecorded.class).signals());
        assertEquals(List.of(), underV3.all(WarningRaised.class));
    }
}
