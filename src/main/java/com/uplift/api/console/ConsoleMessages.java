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
}
