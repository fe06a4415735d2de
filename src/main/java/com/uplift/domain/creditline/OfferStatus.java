package com.uplift.domain.creditline;

/** Where an offer stands: LIVE until accepted, withdrawn by a scan, or past its expiry date (EXPIRED, derived). */
public enum OfferStatus {
    LIVE, EXPIRED, WITHDRAWN, ACCEPTED
}
