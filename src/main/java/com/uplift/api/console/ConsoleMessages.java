package com.uplift.api.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/** The console's words in English, the bundle's default; {@link ConsoleMessagesZhCn} has them in Chinese. Templates use {msg:key}. */
@MessageBundle(value = "msg", locale = "en")
public interface ConsoleMessages {

    @Message("Uplift risk console")
    String appName();

    @Message("Skip to content")
    String skipToContent();

    @Message("Review queue")
    String navQueue();

    @Message("Credit line")
    String navLine();

    @Message("Signed in as {user}")
    String signedInAs(String user);

    @Message("Sign out")
    String signOut();

    @Message("Language")
    String language();

    @Message("Times are in the business time zone, Asia/Shanghai.")
    String timesIn();

    @Message("Sign in")
    String loginTitle();

    @Message("User name")
    String username();

    @Message("Password")
    String password();

    @Message("Sign in")
    String signIn();

    @Message("Wrong user name or password.")
    String loginFailed();

    @Message("Local run and tests: the demo users (officer1, officer2, senior1, auditor), password = user name.")
    String demoUsersHint();

    @Message("Review queue")
    String queueTitle();

    @Message("Referrals awaiting review, oldest first: increase requests, and limit decreases (reviewed on the line's page).")
    String queueIntro();

    @Message("No referrals are waiting.")
    String queueEmpty();

    @Message("Waiting")
    String colAge();

    @Message("Level")
    String colLevel();

    @Message("Credit line")
    String colLine();

    @Message("Grade")
    String colGrade();

    @Message("Score")
    String colScore();

    @Message("Current limit")
    String colOldLimit();

    @Message("Proposed limit")
    String colProposed();

    @Message("Reasons")
    String colReasons();

    @Message("Channel")
    String colChannel();

    @Message("Kind")
    String colKind();

    @Message("Review due by")
    String colDueBy();

    @Message("Increase")
    String kindIncrease();

    @Message("Decrease")
    String kindDecrease();

    @Message("Open case")
    String openCase();

    @Message("{hours} h {minutes} min")
    String age(long hours, long minutes);

    @Message("Level {level}")
    String level(int level);

    @Message("Review case")
    String caseTitle();

    @Message("Request")
    String request();

    @Message("Requested by")
    String requestedBy();

    @Message("Decided at")
    String referredAt();

    @Message("Review levels required")
    String levelsRequired();

    @Message("Status")
    String status();

    @Message("The credit line now")
    String lineSection();

    @Message("Limit")
    String limit();

    @Message("Drawn")
    String drawn();

    @Message("Available")
    String available();

    @Message("Grade")
    String grade();

    @Message("Score")
    String score();

    @Message("APR")
    String apr();

    @Message("Segment")
    String segment();

    @Message("Warnings")
    String warnings();

    @Message("None")
    String noWarnings();

    @Message("Severity")
    String severity();

    @Message("Scorecard: points per characteristic against the maximum")
    String scorecardTitle();

    @Message("Score {score} of 100 ({points} points), grade {grade}")
    String scoreLine(int score, int points, String grade);

    @Message("Characteristic")
    String characteristic();

    @Message("Value")
    String value();

    @Message("Bin")
    String bin();

    @Message("Points")
    String points();

    @Message("Maximum")
    String maxPoints();

    @Message("Principal reasons")
    String reasonsTitle();

    @Message("None")
    String noReasons();

    @Message("Rules")
    String rulesTitle();

    @Message("Rule")
    String rule();

    @Message("Result")
    String result();

    @Message("On failure")
    String effect();

    @Message("Values")
    String detail();

    @Message("Data quality")
    String dataQualityTitle();

    @Message("No data problems.")
    String noDataProblems();

    @Message("Problem")
    String problem();

    @Message("Inputs and their age")
    String inputsTitle();

    @Message("Input")
    String input();

    @Message("Reference")
    String reference();

    @Message("Dated")
    String asOfDate();

    @Message("Age (days)")
    String ageDays();

    @Message("Sizing")
    String sizingTitle();

    @Message("Proposed limit")
    String proposedLimit();

    @Message("Bound by")
    String boundBy();

    @Message("Reviews so far")
    String reviewsTitle();

    @Message("None yet.")
    String noReviews();

    @Message("Reviewer")
    String reviewer();

    @Message("Outcome")
    String outcome();

    @Message("Approved limit (CNY)")
    String approvedLimit();

    @Message("Comment")
    String comment();

    @Message("When")
    String when();

    @Message("Your review at level {level}")
    String reviewTitle(Integer level);

    @Message("Approve")
    String approve();

    @Message("Decline")
    String decline();

    @Message("Override reason (only for an approval above the increase band)")
    String overrideReason();

    @Message("None")
    String noOverride();

    @Message("Submit review")
    String submitReview();

    @Message("The review was refused")
    String refusedTitle();

    @Message("Review recorded: the request is now {status}.")
    String reviewed(String status);

    @Message("This request is not waiting for review: {status}.")
    String notPending(String status);

    @Message("Credit line")
    String lineTitle();

    @Message("Open a credit line by its id")
    String lineLookup();

    @Message("Credit line id")
    String lineId();

    @Message("Open")
    String open();

    @Message("As of (recording time, Asia/Shanghai)")
    String asOfLabel();

    @Message("Show")
    String show();

    @Message("Now")
    String showNow();

    @Message("State now (version {version})")
    String stateNow(long version);

    @Message("State as recorded up to {when} (version {version})")
    String stateAsOf(String when, long version);

    @Message("The line had no events recorded by then.")
    String noLineYet();

    @Message("Borrower")
    String borrower();

    @Message("Product")
    String product();

    @Message("Opened on")
    String openedOn();

    @Message("Events")
    String timelineTitle();

    @Message("Event")
    String event();

    @Message("Who")
    String who();

    @Message("Channel")
    String channel();

    @Message("Version")
    String version();

    @Message("Increase decisions")
    String decisionsTitle();

    @Message("No increase requests yet.")
    String noDecisions();

    @Message("No such credit line.")
    String lineNotFound();

    @Message("Your role may not open this page.")
    String forbiddenTitle();

    @Message("Bar chart of the scorecard points; the table below has the same numbers.")
    String chartLabel();

    // ---- policies and audit pages (ConsolePolicyResource, ConsoleAuditResource) ----

    @Message("Policies")
    String govNavPolicies();

    @Message("Audit")
    String govNavAudit();

    @Message("No such policy version.")
    String govPolicyNotFound();

    @Message("A value in the form is not valid (a version must be a whole number). Go back and correct it.")
    String formValueInvalid();

    @Message("No such verification.")
    String govVerificationNotFound();

    @Message("Credit policies")
    String govPoliciesTitle();

    @Message("Every version of the policy book, newest first. A proposal takes effect only when an admin other than its proposer approves it.")
    String govPoliciesIntro();

    @Message("Propose a new version")
    String govProposeLink();

    @Message("Versions")
    String govVersions();

    @Message("Name")
    String govName();

    @Message("Proposed by")
    String govProposedBy();

    @Message("Approved by")
    String govApprovedBy();

    @Message("Based on")
    String govBasedOn();

    @Message("Reason")
    String govReason();

    @Message("{#when status}{#is 'ACTIVE'}in force{#is 'PROPOSED'}proposed{#is 'APPROVED'}approved{#is 'REJECTED'}rejected{#is 'RETIRED'}retired{#else}{status}{/when}")
    String govStatus(String status);

    @Message("Policy version {version}")
    String govPolicyTitle(int version);

    @Message("{#when done}{#is 'PROPOSED'}Proposed. It takes effect when another admin approves it.{#is 'ACTIVE'}Approved: this version is now in force.{#is 'CHALLENGER'}Approved as challenger: it decides its share of the lines; the champion decides the rest.{#is 'PROMOTION_PROPOSED'}Promotion proposed. It takes effect when another admin approves it.{#is 'ENDED'}Challenger ended: every line is decided by the policy in force.{#else}Rejected: this version will not take effect.{/when}")
    String govDone(String done);

    @Message("Status and provenance")
    String govSummary();

    @Message("Content hash (SHA-256)")
    String govContentHash();

    @Message("Approve or reject")
    String govVerdictTitle();

    @Message("Four eyes: the admin who proposed a version cannot approve it.")
    String govFourEyes();

    @Message("Approve")
    String govApprove();

    @Message("Reject")
    String govReject();

    @Message("Beside the policy in force (version {against})")
    String govDiffInForce(int against);

    @Message("Beside version {against}")
    String govDiffAgainst(int against);

    @Message("{count} changed values, highlighted.")
    String govChangeCount(int count);

    @Message("Show only the changes")
    String govOnlyChanges();

    @Message("Show the whole policy")
    String govShowAll();

    @Message("Key")
    String govKey();

    @Message("changed")
    String govChanged();

    @Message("Simulation")
    String govSimulateTitle();

    @Message("Replays the recorded increase requests under this version beside what was recorded; writes nothing. Leave the scope empty for everything.")
    String govSimulateIntro();

    @Message("Run the simulation")
    String govSimulate();

    @Message("Credit lines (optional, comma-separated)")
    String govScopeLines();

    @Message("Recorded from")
    String govScopeFrom();

    @Message("to")
    String govScopeTo();

    @Message("Times in Asia/Shanghai; empty: no bound.")
    String govScopeHint();

    @Message("Propose a policy version")
    String govProposeTitle();

    @Message("Edit the policy in force (version {basedOn}) below, or load a file; it is proposed as version {nextVersion}.")
    String govProposeIntro(int basedOn, int nextVersion);

    @Message("Load from a JSON file (optional)")
    String govUpload();

    @Message("Policy (JSON)")
    String govPolicyJson();

    @Message("Propose")
    String govPropose();

    @Message("Simulation of version {version}")
    String govSimulationTitle(int version);

    @Message("{linesRead} lines read; {changed} requests would be decided differently.")
    String govSimulationSummary(long linesRead, long changed);

    @Message("Back to version {version}")
    String govBackToPolicy(int version);

    @Message("Overall")
    String govOverall();

    @Message("Measure")
    String govMeasureCol();

    @Message("Recorded")
    String govRecorded();

    @Message("Version {version}")
    String govCandidate(int version);

    @Message("{#when key}{#is 'requests'}Requests{#is 'approved'}Approved{#is 'referred'}Referred{#is 'declined'}Declined{#is 'refused'}Refused{#is 'approvalRate'}Approval rate{#is 'referralRate'}Referral rate{#is 'declineRate'}Decline rate{#is 'averageIncrease'}Average increase{#is 'addedExposure'}Added exposure{#else}{key}{/when}")
    String govMeasure(String key);

    @Message("By grade")
    String govByGrade();

    @Message("By segment")
    String govBySegment();

    @Message("Segment")
    String govSegment();

    @Message("Approval rate recorded")
    String govRecordedRate();

    @Message("Approval rate simulated")
    String govCandidateRate();

    @Message("Changed")
    String govChangedCol();

    @Message("Added exposure recorded")
    String govRecordedExposure();

    @Message("Added exposure simulated")
    String govCandidateExposure();

    @Message("Newly approved, and what those lines did afterwards")
    String govNewlyApproved();

    @Message("{count} requests newly approved; {missed} of their lines later missed a payment, {dpd30} reached 30+ days past due ({rate}).")
    String govNewlyApprovedLine(long count, long missed, long dpd30, String rate);

    @Message("Max days past due")
    String govMaxDpd();

    @Message("Missed payments")
    String govMissed();

    @Message("Audit")
    String govAuditTitle();

    @Message("Anchored: the heads of {streams} streams, audit stream version {version}.")
    String govAnchored(int streams, long version);

    @Message("Nothing changed since the last anchor; nothing was written.")
    String govNothingToAnchor();

    @Message("Checkpoints {from} to {through}; Merkle roots:")
    String govAnchorRange(String from, String through);

    @Message("Re-verification")
    String govVerifyTitle();

    @Message("Re-decides every recorded decision in scope and walks the hash chains and anchors; leave the scope empty for everything.")
    String govVerifyIntro();

    @Message("Start a verification")
    String govStartVerification();

    @Message("Export for regulators")
    String govExportTitle();

    @Message("The last line is the manifest: counts, range and the SHA-256 of every byte before it.")
    String govExportIntro();

    @Message("What to export")
    String govExportFormat();

    @Message("Every event (NDJSON)")
    String govExportEvents();

    @Message("Decisions and reviews (CSV)")
    String govExportDecisions();

    @Message("Download")
    String govDownload();

    @Message("Anchoring")
    String govAnchorTitle();

    @Message("Records the head hash of every stream changed since the last anchor in the audit stream.")
    String govAnchorIntro();

    @Message("Anchor the heads now")
    String govAnchorHeads();

    @Message("Verification")
    String govVerificationTitle();

    @Message("Requested by")
    String govRequestedBy();

    @Message("Started")
    String govStarted();

    @Message("Finished")
    String govFinished();

    @Message("Scope")
    String govScope();

    @Message("everything")
    String govEverything();

    @Message("Clean: no mismatches, no broken links, no anchor problems.")
    String govClean();

    @Message("Findings: see below.")
    String govUnclean();

    @Message("Running; this page follows it.")
    String govRunning();

    @Message("Checked")
    String govChecked();

    @Message("Found")
    String govFound();

    @Message("{#when key}{#is 'lines'}Credit lines{#is 'events'}Events{#is 'batches'}Command batches{#is 'decisions'}Decisions re-decided{#is 'otherStreams'}Other streams{#is 'anchors'}Anchors{#is 'anchoredHeads'}Anchored heads{#is 'mismatches'}Mismatches{#is 'brokenLinks'}Broken links{#is 'anchorProblems'}Anchor problems{#is 'notRedecidable'}Not re-decidable (other rules version){#is 'analyzerDrift'}Analyzer drift{#else}{key}{/when}")
    String govCount(String key);

    @Message("Stream")
    String govStream();

    @Message("What")
    String govWhat();

    @Message("The action was refused")
    String govRefused();

    @Message("The whole policy")
    String govInFull();

    // ---- operations pages: warnings, portfolio, dead letters (ConsoleOperationsResource, DeadLetterConsoleResource) ----

    @Message("Warnings")
    String navWarnings();

    @Message("Portfolio")
    String navPortfolio();

    @Message("Dead letters")
    String navDeadLetters();

    @Message("Active warnings")
    String warningsTitle();

    @Message("Early-warning flags active across the book, most serious first. Open a line to see why.")
    String warningsIntro();

    @Message("Active warnings per severity")
    String countsBySeverity();

    @Message("Any")
    String anyValue();

    @Message("Rule")
    String warningRule();

    @Message("Filter")
    String applyFilters();

    @Message("Clear filters")
    String clearFilters();

    @Message("Showing {shown} of {matching} active warnings.")
    String warningsMatching(int shown, long matching);

    @Message("No active warnings match.")
    String noActiveWarnings();

    @Message("Raised")
    String raisedAt();

    @Message("Measure")
    String warningDetail();

    @Message("Portfolio")
    String portfolioTitle();

    @Message("The book from the read models, as of {when}. Every chart has a table with the same numbers.")
    String portfolioIntro(String when);

    @Message("Lines")
    String lineCount();

    @Message("Lines and exposure by grade")
    String byGradeTitle();

    @Message("Lines and exposure by segment")
    String bySegmentTitle();

    @Message("Increase decisions")
    String decisionRatesTitle();

    @Message("Requests")
    String requests();

    @Message("Approved")
    String approvalRate();

    @Message("Declined")
    String declineRate();

    @Message("Referred")
    String referralRate();

    @Message("Awaiting review")
    String pendingReviews();

    @Message("Average increase applied")
    String averageIncrease();

    @Message("Overdue rate (30+ days past due) against the benchmark")
    String overdueTitle();

    @Message("Active lines")
    String activeLines();

    @Message("Lines 30+ days past due")
    String overdueLines();

    @Message("Overdue, by lines")
    String overdueByLines();

    @Message("Overdue, by drawn balance")
    String overdueByBalance();

    @Message("Drawn on overdue lines")
    String overdueDrawn();

    @Message("Industry benchmark")
    String benchmark();

    @Message("By balance against the benchmark (percentage points)")
    String versusBenchmark();

    @Message("Benchmark: {source}.")
    String benchmarkSource(String source);

    @Message("This book")
    String thisBook();

    @Message("Whole book")
    String wholeBook();

    @Message("Champion and challenger")
    String championChallengerTitle();

    @Message("Decisions per policy arm recorded on each decision; a line counts in the arm of its latest decision.")
    String championChallengerIntro();

    @Message("Policy arm")
    String policyGroup();

    @Message("Bar chart; the table beside it has the same numbers.")
    String chartBesideTable();

    @Message("Dead letters of the servicing feed")
    String deadLettersTitle();

    @Message("Servicing facts from Kafka that could not be recorded, oldest first. Open one to read it and replay it.")
    String deadLettersIntro();

    @Message("No dead letters.")
    String noDeadLetters();

    @Message("No.")
    String letterId();

    @Message("Reason")
    String letterReason();

    @Message("Topic / partition / offset")
    String letterSource();

    @Message("Replayed")
    String letterReplay();

    @Message("Open")
    String openLetter();

    @Message("Next page")
    String nextPage();

    @Message("Dead letter {id}")
    String deadLetterTitle(long id);

    @Message("The record")
    String letterRecord();

    @Message("Topic")
    String letterTopic();

    @Message("Partition")
    String letterPartition();

    @Message("Offset")
    String letterOffset();

    @Message("Key")
    String letterKey();

    @Message("Message id")
    String letterMessageId();

    @Message("Why it was not recorded")
    String letterProblem();

    @Message("Payload and headers")
    String letterPayload();

    @Message("Headers")
    String letterHeaders();

    @Message("The problem as the API answered it (problem+json)")
    String letterProblemJson();

    @Message("Replay")
    String replayTitle();

    @Message("Submit the message again through the path it took, e.g. once the line it names exists. A recorded letter is not recorded twice.")
    String replayIntro();

    @Message("Replay this message")
    String replayButton();

    @Message("Replayed and recorded (status {status}).")
    String replayRecorded(int status);

    @Message("The replay was refused again")
    String replayRefusedTitle();

    // ---- the increase list (offers) and limit decreases (issue 15) ----

    @Message("Increase list")
    String navOffers();

    @Message("Increase list (offers)")
    String offersTitle();

    @Message("Increases the offer scan made to lines under the policy in force, newest first, as the offers read model lists them (it follows the event log within a second or so).")
    String offersIntro();

    @Message("Showing {shown} of {matching} offers.")
    String offersMatching(int shown, long matching);

    @Message("No offers match.")
    String noOffers();

    @Message("Offer")
    String offerId();

    @Message("Offered limit")
    String offeredLimit();

    @Message("Offered on")
    String offeredOn();

    @Message("Expires on")
    String expiresOn();

    @Message("Offer scans")
    String offerScansTitle();

    @Message("Scan every line for offers now")
    String startOfferScan();

    @Message("Scan {id} started; this page follows it until it has finished.")
    String scanStarted(String id);

    @Message("No scan has run yet.")
    String noOfferScans();

    @Message("Run")
    String scanRun();

    @Message("Business date")
    String scanBusinessDate();

    @Message("Lines scanned")
    String linesScanned();

    @Message("Offered")
    String scanOffered();

    @Message("Withdrawn")
    String scanWithdrawn();

    @Message("Unchanged")
    String scanUnchanged();

    @Message("Failed")
    String scanFailed();

    @Message("Limit decreases")
    String decreasesTitle();

    @Message("No limit decrease on this line.")
    String noDecreases();

    @Message("Review recorded; the decrease is now {status}.")
    String decreaseReviewed(String status);

    @Message("Triggers that held")
    String decreaseTriggers();

    @Message("Reasons for the customer")
    String decreaseCustomerReasons();

    @Message("Review at level {level}")
    String decreaseReviewTitle(int level);
}
