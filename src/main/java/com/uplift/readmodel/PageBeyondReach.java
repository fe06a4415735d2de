package com.uplift.readmodel;

import io.quarkus.panache.common.Page;

/**
 * A page whose first row lies beyond what a query can skip to: {@code page * size} past {@link Integer#MAX_VALUE}.
 * Hibernate takes the offset as an int, so such a page would wrap to a negative offset and fail as a 500; it is the
 * caller's question that is out of range, so the API answers it as a 400 naming {@code page}.
 */
public class PageBeyondReach extends RuntimeException {

    private final int page;
    private final int size;

    PageBeyondReach(int page, int size) {
        super("page " + page + " of size " + size + " starts beyond row " + Integer.MAX_VALUE
                + "; the last page that can be asked for at this size is " + lastPage(size));
        this.page = page;
        this.size = size;
    }

    /** The Panache page, once its first row is known to fit an int offset; every paged read model query uses this. */
    static Page of(int page, int size) {
        if ((long) page * size > Integer.MAX_VALUE) {
            throw new PageBeyondReach(page, size);
        }
        return Page.of(page, size);
    }

    public static int lastPage(int size) {
        return Integer.MAX_VALUE / Math.max(1, size);
    }

    public int page() {
        return page;
    }

    public int size() {
        return size;
    }
}
