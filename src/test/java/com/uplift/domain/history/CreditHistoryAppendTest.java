package com.uplift.domain.history;

import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Folding a fact onto a line's history costs the same whatever the history holds (issue 12, flat cost): the lists
 * are appended to, not copied, and every state keeps seeing exactly the entries it had.
 */
class CreditHistoryAppendTest {

    private static final Instant AT = Instant.parse("2026-11-30T02:00:00Z");
    private static final LocalDate DUE = LocalDate.parse("2026-11-29");
    private static final CreditHistory.Repayment REPAYMENT = new CreditHistory.Repayment(DUE, DUE, new BigDecimal("10.00"), 0);

    @Test
    void aRepaymentOnAThousandRecentRepaymentsAllocatesWhatOneOnTenDoes() {
        CreditHistory shortHistory = repaid(10);
        CreditHistory longHistory = repaid(1_000);

        long onShort = fewestBytesAllocated(shortHistory);
        long onLong = fewestBytesAllocated(longHistory);

        // a copy of the thousand entries alone is 4,000+ bytes (8,000 with uncompressed references), twice per
        // record (the list, then the record's defensive copy); what is left is the new records of one append
        assertThat(onLong).as("bytes allocated by one append: %d on 1,000 entries against %d on 10", onLong, onShort)
                .isLessThan(onShort + 1_000);
    }

    @Test
    void everyStateKeepsTheEntriesItHadWhenAnotherIsBuiltFromIt() {
        CreditHistory base = repaid(3);
        CreditHistory.Repayment late = new CreditHistory.Repayment(DUE, DUE.plusDays(1), new BigDecimal("20.00"), 1);
        CreditHistory.Repayment other = new CreditHistory.Repayment(DUE, DUE.plusDays(1), new BigDecimal("30.00"), 1);

        CreditHistory first = base.withRepayment(late, AT);
        // a command decided again on the state it started from appends to the same base a second time
        CreditHistory second = base.withRepayment(other, AT);

        assertThat(base.repayments()).hasSize(3).doesNotContain(late, other);
        assertThat(first.repayments()).hasSize(4).endsWith(late);
        assertThat(second.repayments()).hasSize(4).endsWith(other);
        assertThat(first.repayments().subList(0, 3)).isEqualTo(base.repayments());
        assertThat(first).isNotEqualTo(second);
        assertThat(first.withRepayment(other, AT).repayments()).containsExactly(REPAYMENT, REPAYMENT, REPAYMENT, late, other);
        // the same entry folded onto the same base again (the decider and the service both fold a command's events)
        CreditHistory again = base.withRepayment(late, AT);
        assertThat(again).isEqualTo(first);
        assertThat(again.repayments()).containsExactly(REPAYMENT, REPAYMENT, REPAYMENT, late);
        assertThat(again.withRepayment(other, AT).repayments()).containsExactly(REPAYMENT, REPAYMENT, REPAYMENT, late, other);
        assertThat(first.repayments()).hasSize(4);
    }

    @Test
    void aShorterStateIteratesOnlyItsOwnEntriesOfTheSharedArray() {
        CreditHistory base = repaid(3);
        CreditHistory.Repayment late = new CreditHistory.Repayment(DUE, DUE.plusDays(1), new BigDecimal("20.00"), 1);
        CreditHistory longer = base.withRepayment(late, AT).withRepayment(late, AT);

        List<CreditHistory.Repayment> walked = new ArrayList<>();
        java.util.Iterator<CreditHistory.Repayment> cursor = base.repayments().iterator();
        while (cursor.hasNext()) {
            walked.add(cursor.next());
        }
        assertThat(walked).containsExactly(REPAYMENT, REPAYMENT, REPAYMENT);
        assertThatThrownBy(cursor::next).isInstanceOf(java.util.NoSuchElementException.class);
        assertThatThrownBy(() -> longer.repayments().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        int seen = 0;
        for (CreditHistory.Repayment repayment : longer.repayments()) {
            assertThat(repayment).isEqualTo(longer.repayments().get(seen++));
        }
        assertThat(seen).isEqualTo(5);
        assertThat(longer.repayments().listIterator(3).next()).isEqualTo(late);
    }

    @Test
    void anAppendedHistoryEqualsOneBuiltFromPlainLists() {
        CreditHistory appended = repaid(20);
        CreditHistory plain = new CreditHistory(new ArrayList<>(appended.repayments()), List.of(), null, List.of(),
                List.of(), List.of(), List.of(), List.of(), null, List.of());

        assertThat(appended).isEqualTo(plain).hasSameHashCodeAs(plain);
        assertThat(appended.repayments()).isUnmodifiable();
    }

    private static CreditHistory repaid(int repayments) {
        CreditHistory history = CreditHistory.EMPTY;
        for (int i = 0; i < repayments; i++) {
            history = history.withRepayment(REPAYMENT, AT);
        }
        return history;
    }

    /**
     * The fewest bytes this thread allocated for one append, over a run of appends that starts on {@code history} (each
     * onto the last, as a line's commands follow each other), long enough for the JIT to settle.
     */
    private static long fewestBytesAllocated(CreditHistory history) {
        ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().threadId();
        long fewest = Long.MAX_VALUE;
        CreditHistory current = history;
        for (int i = 0; i < 2_000; i++) {
            long before = threads.getThreadAllocatedBytes(thread);
            current = current.withRepayment(REPAYMENT, AT);
            fewest = Math.min(fewest, threads.getThreadAllocatedBytes(thread) - before);
        }
        assertThat(current.repayments()).hasSize(history.repayments().size() + 2_000);
        return fewest;
    }
}
