package com.uplift.application;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The current state of recently used credit lines, in memory, so that a command does not read and parse the line's
 * whole stream: it starts from the cached state and folds only the events stored after it. Bounded by count
 * ({@code uplift.lines.cache.max-lines}, least recently used first out) and by idle time
 * ({@code uplift.lines.cache.expire-after-access}); {@code max-lines=0} switches it off.
 * <p>
 * An entry is a starting point, never the truth: the load that uses it reads the events after its version, and the
 * append is checked against the stream's real head, so an entry another instance has overtaken costs a conflict
 * (after which it is forgotten), never a wrong commit. Entries only move forward: a slower writer cannot put back an
 * older version.
 */
@ApplicationScoped
public class LineCache {

    private final Cache<String, CreditLineSnapshot> lines;

    public LineCache(@ConfigProperty(name = "uplift.lines.cache.max-lines", defaultValue = "2000") long maxLines,
                     @ConfigProperty(name = "uplift.lines.cache.expire-after-access", defaultValue = "PT30M") Duration idle) {
        this.lines = maxLines <= 0 ? null : Caffeine.newBuilder().maximumSize(maxLines).expireAfterAccess(idle)
                // evict on the writing thread: eviction is a few pointer moves, and the bound then holds at once
                .executor(Runnable::run).build();
    }

    /** The cached state of a line, if it is cached. */
    public Optional<CreditLineSnapshot> get(String creditLineId) {
        return lines == null ? Optional.empty() : Optional.ofNullable(lines.getIfPresent(creditLineId));
    }

    /** Keeps a line's state unless a newer version of it is cached already. */
    public void remember(CreditLineSnapshot line) {
        if (lines == null || line.version() == 0) {
            return;
        }
        CreditLineSnapshot entry = line.appended().isEmpty() ? line
                : new CreditLineSnapshot(line.creditLineId(), line.state(), line.version(), line.checkpoint(), List.of());
        lines.asMap().merge(line.creditLineId(), entry, (cached, offered) -> offered.version() >= cached.version() ? offered : cached);
    }

    /** Drops a line's entry: after a conflict, the next load starts from a snapshot or the events. */
    public void forget(String creditLineId) {
        if (lines != null) {
            lines.invalidate(creditLineId);
        }
    }
}
