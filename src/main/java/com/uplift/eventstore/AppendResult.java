package com.uplift.eventstore;

/**
 * What an append did.
 *
 * @param streamVersion  the stream's version after the append (the version of its last event)
 * @param checkpoint     the global place of the last appended event; a reader that reached it sees the append
 * @param alreadyStored  true when the same events had been appended before and nothing new was written
 */
public record AppendResult(String streamId, long streamVersion, Checkpoint checkpoint, boolean alreadyStored) {
}
