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

    @Message("Referred increase requests, oldest first.")
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
}
