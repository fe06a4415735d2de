package com.uplift.api.console;

import com.uplift.api.Problem;
import com.uplift.api.console.ConsoleOperationsViews.Option;
import com.uplift.api.console.ConsoleViews.Chrome;
import io.quarkus.qute.TemplateData;

import java.util.List;

/** What the offers page (提额名单) shows: the list as operations reads it, and the scan runs an admin starts. */
final class ConsoleOffersViews {

    private ConsoleOffersViews() {
    }

    /**
     * @param scans null when the reader's role may not read scan runs; {@code running} while one is still RUNNING
     *              (console-offers.js reloads the page until it ends)
     */
    @TemplateData
    record OffersPage(Chrome chrome, List<Option> statuses, List<Option> segments, List<Option> grades,
                      List<OfferRow> rows, long matching, boolean filtered, List<ScanRow> scans, boolean running,
                      boolean startsScans, String startedScan, Problem refusal) {
    }

    record OfferRow(String offerId, String status, String lineId, String lineUrl, String segment, String grade,
                    String oldLimit, String offeredLimit, String offeredOn, String expiresOn, String reasons) {
    }

    record ScanRow(String id, String trigger, String requestedBy, String businessDate, String status, int linesScanned,
                   int offered, int withdrawn, int unchanged, int failed, String startedAt, String finishedAt,
                   boolean justStarted) {
    }
}
