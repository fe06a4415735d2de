package com.uplift.api.console;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

/** {@link ScorecardMessages} in simplified Chinese (zh-CN). */
@Localized("zh-CN")
public interface ScorecardMessagesZhCn extends ScorecardMessages {

    @Override
    @Message("挑战者")
    String govChallengerTitle();

    @Override
    @Message("版本 {version} 为挑战者，决定 {share}% 的额度；其余由冠军策略版本 {champion} 决定。")
    String govChallengerRunning(int version, int share, int champion);

    @Override
    @Message("挑战者 {share}%")
    String govChallengerArm(int share);

    @Override
    @Message("作为挑战者，{share}%")
    String govAsChallenger(int share);

    @Override
    @Message("挑战者份额")
    String govChallengerShare();

    @Override
    @Message("以挑战者身份提案：批准后它进入挑战者组，决定 {share}% 的额度；其余仍由生效策略决定。")
    String govChallengerApprovalHint(int share);

    @Override
    @Message("批准为挑战者（{share}%）")
    String govApproveAsChallenger(int share);

    @Override
    @Message("{by} 已提议晋升为冠军策略，须由另一位管理员批准。")
    String govPromotionProposed(String by);

    @Override
    @Message("提议晋升为冠军策略")
    String govProposePromotion();

    @Override
    @Message("批准晋升")
    String govApprovePromotion();

    @Override
    @Message("结束挑战者")
    String govEndChallenger();

    @Override
    @Message("评分卡")
    String scoreNav();

    @Override
    @Message("评分卡开发")
    String scoreTitle();

    @Override
    @Message("基于本账簿实际表现拟合的评分卡，最新在前；每张均作为策略版本提案，须由另一位管理员批准。")
    String scoreIntro();

    @Override
    @Message("开发记录")
    String scoreDevelopments();

    @Override
    @Message("尚未开发评分卡。")
    String scoreNone();

    @Override
    @Message("开发编号")
    String scoreDevelopment();

    @Override
    @Message("截至")
    String scoreAsOf();

    @Override
    @Message("开发人")
    String scoreDevelopedBy();

    @Override
    @Message("提案版本")
    String scoreProposedVersion();

    @Override
    @Message("样本数")
    String scoreObservations();

    @Override
    @Message("验证集 AUC（拟合）")
    String scoreHoldoutAuc();

    @Override
    @Message("验证集 AUC（人工设定）")
    String scoreHandSetAuc();

    @Override
    @Message("{#when verdict}{#is 'STABLE'}稳定{#is 'MONITOR'}需关注{#is 'SHIFTED'}已偏移{#is 'NO_POPULATION'}无可比人群{#else}{verdict}{/when}")
    String scoreVerdict(String verdict);

    @Override
    @Message("评分卡验证报告")
    String scoreReportTitle();

    @Override
    @Message("未找到该评分卡开发记录。")
    String scoreNotFound();

    @Override
    @Message("提案为策略版本 {version}")
    String scoreProposal(int version);

    @Override
    @Message("版本 {version}：差异、模拟与批准")
    String scoreProposalLink(int version);

    @Override
    @Message("表现定义")
    String scoreOutcome();

    @Override
    @Message("{months} 个月内逾期 {days} 天以上；{holdout}% 的额度留作验证")
    String scoreOutcomeText(int days, int months, int holdout);

    @Override
    @Message("样本与排除")
    String scoreSample();

    @Override
    @Message("读取额度数")
    String scoreLinesRead();

    @Override
    @Message("读取决策数")
    String scoreDecisionsRead();

    @Override
    @Message("训练集")
    String scoreTrain();

    @Override
    @Message("验证集")
    String scoreHoldout();

    @Override
    @Message("坏样本（训练）")
    String scoreTrainBads();

    @Override
    @Message("坏样本（验证）")
    String scoreHoldoutBads();

    @Override
    @Message("坏账率")
    String scoreBadRate();

    @Override
    @Message("排除原因")
    String scoreExcludedBecause();

    @Override
    @Message("决策数")
    String scoreCount();

    @Override
    @Message("区分能力（对比人工设定评分卡）")
    String scoreDiscrimination();

    @Override
    @Message("评分卡与样本")
    String scoreOn();

    @Override
    @Message("坏样本")
    String scoreBads();

    @Override
    @Message("{#when sample}{#is 'TRAIN'}拟合卡，训练集{#is 'HOLDOUT'}拟合卡，验证集{#else}人工设定卡，验证集{/when}")
    String scoreSampleName(String sample);

    @Override
    @Message("按分数段校准（验证集）")
    String scoreCalibration();

    @Override
    @Message("分数段")
    String scoreScores();

    @Override
    @Message("预测坏账率")
    String scorePredicted();

    @Override
    @Message("实际坏账率")
    String scoreObserved();

    @Override
    @Message("人群与特征稳定性（PSI、CSI）")
    String scoreStability();

    @Override
    @Message("开发样本 {development}，当前人群 {population}")
    String scoreSizes(long development, long population);

    @Override
    @Message("开发样本占比")
    String scoreDevelopmentShare();

    @Override
    @Message("当前占比")
    String scorePopulationShare();

    @Override
    @Message("特征")
    String scoreCharacteristic();

    @Override
    @Message("结论")
    String scoreReading();

    @Override
    @Message("各特征分箱的拟合分值")
    String scorePoints();

    @Override
    @Message("好坏比翻倍所需分值：{pdo}；好坏比 1:1 时的分数：{offset}。")
    String scoreScaling(java.math.BigDecimal pdo, java.math.BigDecimal offset);

    @Override
    @Message("分箱")
    String scoreBin();

    @Override
    @Message("好样本")
    String scoreGoods();

    @Override
    @Message("拟合分值")
    String scoreFittedPoints();

    @Override
    @Message("人工设定分值")
    String scoreHandSetPoints();

    @Override
    @Message("未入模：{why}")
    String scoreLeftOut(String why);
}
