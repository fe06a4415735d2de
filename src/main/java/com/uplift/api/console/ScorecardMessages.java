package com.uplift.api.console;

import io.quarkus.qute.i18n.Message;
import io.quarkus.qute.i18n.MessageBundle;

/**
 * The console's words for scorecard developments and for rolling a version out as challenger, in English; templates
 * use {score:key}. A bundle of its own because one more method in {@link ConsoleMessages} breaks its generated
 * resolver (Quarkus issue 55584: a VerifyError at start once a bundle has too many entries).
 */
@MessageBundle(value = "score", locale = "en")
public interface ScorecardMessages {

    @Message("Challenger")
    String govChallengerTitle();

    @Message("Version {version} is the challenger for {share}% of the lines; the champion, version {champion}, decides the rest.")
    String govChallengerRunning(int version, int share, int champion);

    @Message("challenger {share}%")
    String govChallengerArm(int share);

    @Message("as challenger for {share}%")
    String govAsChallenger(int share);

    @Message("Challenger share")
    String govChallengerShare();

    @Message("Proposed as challenger: approving puts it in the challenger arm for {share}% of the lines; the policy in force keeps deciding the rest.")
    String govChallengerApprovalHint(int share);

    @Message("Approve as challenger ({share}%)")
    String govApproveAsChallenger(int share);

    @Message("Promotion to champion proposed by {by}; another admin approves it.")
    String govPromotionProposed(String by);

    @Message("Propose promotion to champion")
    String govProposePromotion();

    @Message("Approve promotion")
    String govApprovePromotion();

    @Message("End the challenger")
    String govEndChallenger();

    @Message("Scorecards")
    String scoreNav();

    @Message("Scorecard developments")
    String scoreTitle();

    @Message("Scorecards fitted on the book's own outcomes, newest first; each is proposed as a policy version that another admin approves.")
    String scoreIntro();

    @Message("Developments")
    String scoreDevelopments();

    @Message("No scorecard has been developed yet.")
    String scoreNone();

    @Message("Development")
    String scoreDevelopment();

    @Message("As of")
    String scoreAsOf();

    @Message("Developed by")
    String scoreDevelopedBy();

    @Message("Proposed as")
    String scoreProposedVersion();

    @Message("Observations")
    String scoreObservations();

    @Message("Hold-out AUC (fitted)")
    String scoreHoldoutAuc();

    @Message("Hold-out AUC (hand-set)")
    String scoreHandSetAuc();

    @Message("{#when verdict}{#is 'STABLE'}stable{#is 'MONITOR'}watch{#is 'SHIFTED'}shifted{#is 'NO_POPULATION'}no population{#else}{verdict}{/when}")
    String scoreVerdict(String verdict);

    @Message("Scorecard validation report")
    String scoreReportTitle();

    @Message("No such scorecard development.")
    String scoreNotFound();

    @Message("Proposed as policy version {version}")
    String scoreProposal(int version);

    @Message("Version {version}: diff, simulation and approval")
    String scoreProposalLink(int version);

    @Message("Outcome")
    String scoreOutcome();

    @Message("{days}+ days past due within {months} months; {holdout}% of lines held out")
    String scoreOutcomeText(int days, int months, int holdout);

    @Message("Sample and exclusions")
    String scoreSample();

    @Message("Lines read")
    String scoreLinesRead();

    @Message("Decisions read")
    String scoreDecisionsRead();

    @Message("Training")
    String scoreTrain();

    @Message("Hold-out")
    String scoreHoldout();

    @Message("Bads (training)")
    String scoreTrainBads();

    @Message("Bads (hold-out)")
    String scoreHoldoutBads();

    @Message("Bad rate")
    String scoreBadRate();

    @Message("Excluded because")
    String scoreExcludedBecause();

    @Message("Decisions")
    String scoreCount();

    @Message("Discrimination against the hand-set card")
    String scoreDiscrimination();

    @Message("Card and sample")
    String scoreOn();

    @Message("Bads")
    String scoreBads();

    @Message("{#when sample}{#is 'TRAIN'}fitted, training{#is 'HOLDOUT'}fitted, hold-out{#else}hand-set, hold-out{/when}")
    String scoreSampleName(String sample);

    @Message("Calibration by score band (hold-out)")
    String scoreCalibration();

    @Message("Scores")
    String scoreScores();

    @Message("Predicted bad rate")
    String scorePredicted();

    @Message("Observed bad rate")
    String scoreObserved();

    @Message("Population and characteristic stability (PSI, CSI)")
    String scoreStability();

    @Message("development sample {development}, today's population {population}")
    String scoreSizes(long development, long population);

    @Message("Development share")
    String scoreDevelopmentShare();

    @Message("Today's share")
    String scorePopulationShare();

    @Message("Characteristic")
    String scoreCharacteristic();

    @Message("Reading")
    String scoreReading();

    @Message("Fitted points per characteristic and bin")
    String scorePoints();

    @Message("Points to double the odds: {pdo}; score at even odds: {offset}.")
    String scoreScaling(java.math.BigDecimal pdo, java.math.BigDecimal offset);

    @Message("Bin")
    String scoreBin();

    @Message("Goods")
    String scoreGoods();

    @Message("Fitted points")
    String scoreFittedPoints();

    @Message("Hand-set points")
    String scoreHandSetPoints();

    @Message("left out: {why}")
    String scoreLeftOut(String why);
}
