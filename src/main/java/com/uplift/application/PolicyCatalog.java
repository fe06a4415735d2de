package com.uplift.application;

import com.uplift.domain.creditline.CreditLineCommand;
import com.uplift.domain.creditline.CreditLineDecider;
import com.uplift.domain.creditline.CreditLineState;
import com.uplift.domain.governance.PolicyBook;
import com.uplift.domain.governance.PolicyCommand;
import com.uplift.domain.governance.PolicyEvent;
import com.uplift.domain.policy.ChampionChallenger;
import com.uplift.domain.policy.Policy;
import com.uplift.domain.policy.PolicyVersion;
import com.uplift.domain.policy.StrategyArm;
import com.uplift.domain.policy.StrategyAssignment;
import com.uplift.eventstore.AlongsideAppend;
import com.uplift.eventstore.AppendResult;
import com.uplift.eventstore.CanonicalJson;
import com.uplift.eventstore.EventMetadata;
import com.uplift.eventstore.EventStore;
import com.uplift.eventstore.EventTypeRegistry;
import com.uplift.eventstore.ExpectedVersion;
import com.uplift.eventstore.HashChain;
import com.uplift.eventstore.NewEvent;
import com.uplift.eventstore.RecordedEvent;
import com.uplift.eventstore.WrongExpectedVersionException;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The policies decisions are made under, kept as events in the {@value #STREAM} stream. A credit-line command is
 * decided under the book as this instance last read it ({@link #known()}), without reading the stream, and its append
 * requires the stream to still be at that version: an approval on another instance makes the next such append fail,
 * the book is read again ({@link #refresh()}) and the command decided again, so it is in force on all instances for
 * the next command. Everything else (governance, audit, simulations) reads new policy events first ({@link #book()}).
 */
@ApplicationScoped
public class PolicyCatalog {

    public static final String STREAM = "policy-book";
    static final String SHIPPED = "policies/policy-v1.json";
    private static final Logger LOG = Logger.getLogger(PolicyCatalog.class);

    /** The policy book as this instance folded it, and the version of the {@value #STREAM} stream it was folded to. */
    public record KnownBook(PolicyBook book, long streamVersion) {

        /** What a decision made under this book requires of the store when it is appended: the book has not moved. */
        public EventStore.StreamRead unmoved() {
            return new EventStore.StreamRead(STREAM, streamVersion);
        }
    }

    private final EventStore store;
    private final EventTypeRegistry types;
    private final Clock clock;
    private final AtomicReference<KnownBook> loaded = new AtomicReference<>(new KnownBook(PolicyBook.EMPTY, 0));

    public PolicyCatalog(EventStore store, EventTypeRegistry types, Clock clock) {
        this.store = store;
        this.types = types;
        this.clock = clock;
    }

    /** Installs the shipped policy into an empty book (one instance wins; the others just read it). Runs first. */
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent start) {
        book().chain(book -> book.versions().isEmpty()
                        ? run(new PolicyCommand.InstallShippedPolicy(readShipped(), hash(readShipped()), "classpath:" + SHIPPED, clock.instant()),
                              EventMetadata.system("policy-install"))
                                .onFailure(WrongExpectedVersionException.class).recoverWithUni(() -> book())
                        : Uni.createFrom().item(book))
                .invoke(book -> LOG.infof("Policy in force: v%s", book.activeVersion()))
                .await().atMost(Duration.ofSeconds(30));
    }

    /** The policy book, brought up to date with the stream. */
    public Uni<PolicyBook> book() {
        return loaded().map(KnownBook::book);
    }

    /**
     * The book as this instance last read it, without reading: for deciding a credit-line command, whose append then
     * requires {@link KnownBook#unmoved()}.
     */
    public KnownBook known() {
        return loaded.get();
    }

    /** The book brought up to date with the stream: after an append found it moved, or a command was refused under it. */
    public Uni<KnownBook> refresh() {
        return loaded();
    }

    /** The book with the stream version it was folded to. */
    private Uni<KnownBook> loaded() {
        KnownBook known = loaded.get();
        return store.readStream(STREAM, known.streamVersion() + 1).map(events -> {
            if (events.isEmpty()) {
                return known;
            }
            PolicyBook book = known.book();
            for (RecordedEvent event : events) {
                book = PolicyBook.evolve(book, (PolicyEvent) types.deserialize(event));
            }
            KnownBook next = new KnownBook(book, events.getLast().streamVersion());
            loaded.accumulateAndGet(next, (a, b) -> a.streamVersion() >= b.streamVersion() ? a : b);
            return next;
        });
    }

    /**
     * The policy a credit line is decided under now: the active (champion) version, or the challenger version (approved
     * into the arm, or named by the champion) for the stable share of lines that hash into the challenger arm.
     */
    public Uni<PolicyVersion> forLine(String creditLineId) {
        return book().map(book -> forLine(book, creditLineId));
    }

    /** The policy a credit line is decided under in a given state of the policy book (also used by audit replays). */
    public static PolicyVersion forLine(PolicyBook book, String creditLineId) {
        PolicyBook.Entry champion = book.versions().get(book.activeVersion());
        if (champion == null) {
            throw new IllegalStateException("no policy is in force");
        }
        // The challenger approved into the arm through the book, else the one the champion's own policy names.
        ChampionChallenger split = book.challengerSetting();
        Integer challenger = split.challengerPolicyVersion();
        PolicyBook.Entry challengerEntry = challenger == null ? null : book.versions().get(challenger);
        // Only a version that was itself approved (active once, or retired) may decide a share of the lines.
        boolean challengerArm = challengerEntry != null && PolicyBook.wasApproved(challengerEntry) && creditLineId != null
                && StrategyAssignment.assign(creditLineId, split) == StrategyArm.CHALLENGER;
        PolicyBook.Entry chosen = challengerArm ? challengerEntry : champion;
        return new PolicyVersion(chosen.version(), chosen.contentHash(), chosen.policy(),
                challengerArm ? StrategyArm.CHALLENGER : StrategyArm.CHAMPION);
    }

    /**
     * The policy a command on a line is decided under: the line's ({@link #forLine(PolicyBook, String)}), except where
     * the decider names another ({@link CreditLineDecider#policyVersionToDecide}): a review of a referred decrease is
     * decided under the version the decrease was decided under, even when that version is retired or the line moved to
     * another arm since, so it applies on the terms it was referred on.
     */
    public static PolicyVersion forCommand(PolicyBook book, String creditLineId, CreditLineCommand command,
                                           CreditLineState state) {
        OptionalInt named = CreditLineDecider.policyVersionToDecide(command, state);
        if (named.isEmpty()) {
            return forLine(book, creditLineId);
        }
        PolicyBook.Entry entry = book.versions().get(named.getAsInt());
        if (entry == null) {
            throw new IllegalStateException("the policy book has no version " + named.getAsInt()
                    + ", which line " + creditLineId + "'s pending decision was made under");
        }
        return toVersion(entry);
    }

    /** A version as recorded, for replays and audits; null when unknown. */
    public Uni<PolicyVersion> version(int version) {
        return book().map(book -> book.versions().containsKey(version) ? toVersion(book.versions().get(version)) : null);
    }

    /** @param answer the Idempotency-Key's answer, written with the events (null without a key); so for approve and reject */
    /** @param challengerSharePercent null: approval puts it in force; a share: approval starts it as the challenger */
    public Uni<PolicyBook> propose(Policy draft, Integer basedOn, String reason, Integer challengerSharePercent, String actor,
                                   EventMetadata metadata, CommandAnswer<PolicyBook> answer) {
        return book().chain(book -> {
            Policy numbered = renumber(draft, book.nextVersion());
            return run(new PolicyCommand.ProposePolicy(numbered, hash(numbered), basedOn, reason, actor, challengerSharePercent,
                    clock.instant()), metadata, answer);
        });
    }

    public Uni<PolicyBook> proposePromotion(int version, String actor, String reason, EventMetadata metadata,
                                            CommandAnswer<PolicyBook> answer) {
        return run(new PolicyCommand.ProposePromotion(version, actor, reason, clock.instant()), metadata, answer);
    }

    public Uni<PolicyBook> approvePromotion(int version, String actor, String comment, EventMetadata metadata,
                                            CommandAnswer<PolicyBook> answer) {
        return run(new PolicyCommand.ApprovePromotion(version, actor, comment, clock.instant()), metadata, answer);
    }

    public Uni<PolicyBook> endChallenger(int version, String actor, String comment, EventMetadata metadata,
                                         CommandAnswer<PolicyBook> answer) {
        return run(new PolicyCommand.EndChallenger(version, actor, comment, clock.instant()), metadata, answer);
    }

    public Uni<PolicyBook> approve(int version, String actor, String comment, EventMetadata metadata, CommandAnswer<PolicyBook> answer) {
        return run(new PolicyCommand.ApprovePolicy(version, actor, comment, clock.instant()), metadata, answer);
    }

    public Uni<PolicyBook> reject(int version, String actor, String comment, EventMetadata metadata, CommandAnswer<PolicyBook> answer) {
        return run(new PolicyCommand.RejectPolicy(version, actor, comment, clock.instant()), metadata, answer);
    }

    private Uni<PolicyBook> run(PolicyCommand command, EventMetadata metadata) {
        return run(command, metadata, null);
    }

    private Uni<PolicyBook> run(PolicyCommand command, EventMetadata metadata, CommandAnswer<PolicyBook> answer) {
        return loaded().chain(current -> switch (PolicyBook.decide(command, current.book())) {
            case PolicyBook.Result.Rejected r -> Uni.createFrom().<PolicyBook>failure(new CommandRejectedException(r.rejection(),
                    CommandRejectedException.RefusedBy.POLICY_BOOK));
            // Appended at the version the decision was made on: a concurrent change makes this append fail, not lie.
            case PolicyBook.Result.Accepted a -> {
                PolicyBook after = current.book();
                for (PolicyEvent event : a.events()) {
                    after = PolicyBook.evolve(after, event);
                }
                PolicyBook answered = after;
                List<NewEvent> events = new ArrayList<>();
                for (int i = 0; i < a.events().size(); i++) {
                    EventTypeRegistry.Serialized s = types.serialize(a.events().get(i));
                    events.add(new NewEvent(answer == null ? UUID.randomUUID() : answer.eventId(i), s.type(), s.schemaVersion(),
                            s.payload(), metadata));
                }
                AlongsideAppend alongside = CommandAnswer.alongside(answer, result -> answered);
                yield store.append(STREAM, ExpectedVersion.exactly(current.streamVersion()), events, alongside)
                        .chain(() -> book());
            }
        });
    }

    public static PolicyVersion toVersion(PolicyBook.Entry entry) {
        return new PolicyVersion(entry.version(), entry.contentHash(), entry.policy());
    }

    /** The SHA-256 of a policy's canonical JSON: what every decision made under it names. */
    public static String hash(Policy policy) {
        return HashChain.sha256(CanonicalJson.write(policy));
    }

    static Policy renumber(Policy p, int version) {
        return new Policy(version, p.name(), p.timeZone(), p.defaultCurrency(), p.scorecard(), p.dataQuality(),
                p.increase(), p.segments(), p.grades(), p.warnings(), p.signalLexicon(), p.championChallenger(),
                p.ownBookKnockout(), p.offers(), p.decreases(), p.tiering());
    }

    static Policy readShipped() {
        try (InputStream in = PolicyCatalog.class.getClassLoader().getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("policy resource missing: " + SHIPPED);
            }
            return CanonicalJson.mapper().readValue(in, Policy.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read policy " + SHIPPED, e);
        }
    }

}
