package com.uplift.audit;

import com.uplift.application.CreditLineService;
import com.uplift.application.DemoPortfolio;
import com.uplift.domain.creditline.CreditLineStream;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.RecordedEvent;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A verification over the whole store reads many lines per statement ({@link LineHistory#forEachLineRead}): a line
 * may straddle two pages, and one longer than a page is handed on by id. Whatever the page size, every line must come
 * exactly once, in id order, and a line handed on with its events must have all of them.
 */
@QuarkusTest
@Tag("integration")
class LineHistoryPagesTest {

    @Inject
    LineHistory history;

    @Inject
    CreditLineService lines;

    @Inject
    EventStore store;

    @Inject
    Clock clock;

    @Test
    void everyLineComesOnceAndWholeWhateverThePageSize() {
        int generated = new DemoPortfolio(lines, store, clock, true, 6, 20261130L).generate().await().atMost(Duration.ofMinutes(3));
        assertThat(generated).isEqualTo(6);

        List<LineHistory.ReadLine> onePage = read(1_000_000);
        List<String> ids = onePage.stream().map(LineHistory.ReadLine::creditLineId).toList();
        assertThat(ids).hasSizeGreaterThanOrEqualTo(6).isSorted().doesNotHaveDuplicates();
        assertThat(onePage).allMatch(LineHistory.ReadLine::readWhole);

        // pages of 50 events: lines straddle pages; pages of 3: most lines fill a page and go by id
        for (int pageSize : new int[]{50, 3}) {
            List<LineHistory.ReadLine> paged = read(pageSize);
            assertThat(paged).extracting(LineHistory.ReadLine::creditLineId).as("pages of %d", pageSize).isEqualTo(ids);
            for (LineHistory.ReadLine line : paged) {
                List<RecordedEvent> stored = store.readStream(CreditLineStream.of(line.creditLineId()), 1).await().atMost(WAIT);
                if (line.readWhole()) {
                    assertThat(line.events()).extracting(RecordedEvent::eventId).as("line %s in pages of %d", line.creditLineId(), pageSize)
                            .isEqualTo(stored.stream().map(RecordedEvent::eventId).toList());
                } else {
                    assertThat(stored.size()).as("a line handed on by id is longer than a page").isGreaterThanOrEqualTo(pageSize);
                }
            }
            if (pageSize == 3) {
                assertThat(paged).as("lines of more than one page go by id").anyMatch(line -> !line.readWhole());
            }
        }
    }

    private static final Duration WAIT = Duration.ofMinutes(1);

    private List<LineHistory.ReadLine> read(int pageSize) {
        List<LineHistory.ReadLine> read = new ArrayList<>();
        history.forEachLineRead(pageSize, read::add);
        return read;
    }
}
