package com.uplift.api;

import java.util.List;

/** A page of a stream's events; {@code nextFromVersion} is null on the last page. */
public record EventPage(String creditLineId, List<EventView> items, Long nextFromVersion) {
}
