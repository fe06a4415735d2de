package com.uplift.api.console;

import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.Message;

/** The console's words in simplified Chinese (zh-CN). */
@Localized("zh-CN")
public interface ConsoleMessagesZhCn extends ConsoleMessages {

    @Override
    @Message("Uplift 风控台")
    String appName();

    @Override
    @Message("跳到正文")
    String skipToContent();

    @Override
    @Message("审核队列")
    String navQueue();

    @Override
    @Message("额度查询")
    String navLine();

    @Override
    @Message("当前用户：{user}")
    String signedInAs(String user);

    @Override
    @Message("退出登录")
    String signOut();

    @Override
    @Message("语言")
    String language();

    @Override
    @Message("时间均为业务时区（Asia/Shanghai，北京时间）。")
    String timesIn();

    @Override
    @Message("登录")
    String loginTitle();

    @Override
    @Message("用户名")
    String username();

    @Override
    @Message("密码")
    String password();

    @Override
    @Message("登录")
    String signIn();

    @Override
    @Message("用户名或密码错误。")
    String loginFailed();

    @Override
    @Message("本地运行与测试：演示用户（officer1、officer2、senior1、auditor），密码与用户名相同。")
    String demoUsersHint();

    @Override
    @Message("审核队列")
    String queueTitle();

    @Override
    @Message("待人工审核的提额申请，最早的在前。")
    String queueIntro();

    @Override
    @Message("暂无待审核的申请。")
    String queueEmpty();

    @Override
    @Message("已等待")
    String colAge();

    @Override
    @Message("审核级别")
    String colLevel();

    @Override
    @Message("额度")
    String colLine();

    @Override
    @Message("等级")
    String colGrade();

    @Override
    @Message("评分")
    String colScore();

    @Override
    @Message("当前额度")
    String colOldLimit();

    @Override
    @Message("建议额度")
    String colProposed();

    @Override
    @Message("原因")
    String colReasons();

    @Override
    @Message("渠道")
    String colChannel();

    @Override
    @Message("打开案件")
    String openCase();

    @Override
    @Message("{hours}小时{minutes}分钟")
    String age(long hours, long minutes);

    @Override
    @Message("第{level}级")
    String level(int level);

    @Override
    @Message("审核案件")
    String caseTitle();

    @Override
    @Message("申请")
    String request();

    @Override
    @Message("申请人")
    String requestedBy();

    @Override
    @Message("决定时间")
    String referredAt();

    @Override
    @Message("所需审核级数")
    String levelsRequired();

    @Override
    @Message("状态")
    String status();

    @Override
    @Message("额度现状")
    String lineSection();

    @Override
    @Message("额度")
    String limit();

    @Override
    @Message("已用")
    String drawn();

    @Override
    @Message("可用")
    String available();

    @Override
    @Message("等级")
    String grade();

    @Override
    @Message("评分")
    String score();

    @Override
    @Message("年化利率")
    String apr();

    @Override
    @Message("客群")
    String segment();

    @Override
    @Message("预警")
    String warnings();

    @Override
    @Message("无")
    String noWarnings();

    @Override
    @Message("严重程度")
    String severity();

    @Override
    @Message("评分卡：各特征得分与满分")
    String scorecardTitle();

    @Override
    @Message("评分 {score}/100（{points} 分），等级 {grade}")
    String scoreLine(int score, int points, String grade);

    @Override
    @Message("特征")
    String characteristic();

    @Override
    @Message("取值")
    String value();

    @Override
    @Message("分箱")
    String bin();

    @Override
    @Message("得分")
    String points();

    @Override
    @Message("满分")
    String maxPoints();

    @Override
    @Message("主要原因")
    String reasonsTitle();

    @Override
    @Message("无")
    String noReasons();

    @Override
    @Message("规则")
    String rulesTitle();

    @Override
    @Message("规则")
    String rule();

    @Override
    @Message("结果")
    String result();

    @Override
    @Message("未通过时")
    String effect();

    @Override
    @Message("取值")
    String detail();

    @Override
    @Message("数据质量")
    String dataQualityTitle();

    @Override
    @Message("无数据问题。")
    String noDataProblems();

    @Override
    @Message("问题")
    String problem();

    @Override
    @Message("输入数据及时效")
    String inputsTitle();

    @Override
    @Message("输入")
    String input();

    @Override
    @Message("来源")
    String reference();

    @Override
    @Message("日期")
    String asOfDate();

    @Override
    @Message("天数")
    String ageDays();

    @Override
    @Message("额度测算")
    String sizingTitle();

    @Override
    @Message("建议额度")
    String proposedLimit();

    @Override
    @Message("约束来源")
    String boundBy();

    @Override
    @Message("已有审核")
    String reviewsTitle();

    @Override
    @Message("暂无。")
    String noReviews();

    @Override
    @Message("审核人")
    String reviewer();

    @Override
    @Message("结论")
    String outcome();

    @Override
    @Message("批准额度（元）")
    String approvedLimit();

    @Override
    @Message("审核意见")
    String comment();

    @Override
    @Message("时间")
    String when();

    @Override
    @Message("您的第{level}级审核")
    String reviewTitle(Integer level);

    @Override
    @Message("批准")
    String approve();

    @Override
    @Message("拒绝")
    String decline();

    @Override
    @Message("超幅理由（仅在批准额度超出提额幅度时填写）")
    String overrideReason();

    @Override
    @Message("无")
    String noOverride();

    @Override
    @Message("提交审核")
    String submitReview();

    @Override
    @Message("审核未被受理")
    String refusedTitle();

    @Override
    @Message("审核已记录：申请当前状态为 {status}。")
    String reviewed(String status);

    @Override
    @Message("该申请不在待审核状态：{status}。")
    String notPending(String status);

    @Override
    @Message("额度")
    String lineTitle();

    @Override
    @Message("按额度编号查询")
    String lineLookup();

    @Override
    @Message("额度编号")
    String lineId();

    @Override
    @Message("打开")
    String open();

    @Override
    @Message("截至（记录时间，北京时间）")
    String asOfLabel();

    @Override
    @Message("查看")
    String show();

    @Override
    @Message("当前")
    String showNow();

    @Override
    @Message("当前状态（第 {version} 版）")
    String stateNow(long version);

    @Override
    @Message("截至 {when} 记录的状态（第 {version} 版）")
    String stateAsOf(String when, long version);

    @Override
    @Message("该时间点之前该额度尚无记录。")
    String noLineYet();

    @Override
    @Message("借款人")
    String borrower();

    @Override
    @Message("产品")
    String product();

    @Override
    @Message("开立日期")
    String openedOn();

    @Override
    @Message("事件时间线")
    String timelineTitle();

    @Override
    @Message("事件")
    String event();

    @Override
    @Message("操作人")
    String who();

    @Override
    @Message("渠道")
    String channel();

    @Override
    @Message("版本")
    String version();

    @Override
    @Message("提额决定")
    String decisionsTitle();

    @Override
    @Message("暂无提额申请。")
    String noDecisions();

    @Override
    @Message("未找到该额度。")
    String lineNotFound();

    @Override
    @Message("您的角色无权打开此页面。")
    String forbiddenTitle();

    @Override
    @Message("评分卡得分柱状图；下表列出相同数据。")
    String chartLabel();

    // ---- operations pages: warnings, portfolio, dead letters (ConsoleOperationsResource, DeadLetterConsoleResource) ----

    @Override
    @Message("预警")
    String navWarnings();

    @Override
    @Message("资产组合")
    String navPortfolio();

    @Override
    @Message("死信")
    String navDeadLetters();

    @Override
    @Message("生效中的预警")
    String warningsTitle();

    @Override
    @Message("全量额度上生效中的预警信号，按严重程度排序。打开额度查看原因。")
    String warningsIntro();

    @Override
    @Message("各严重程度的预警数")
    String countsBySeverity();

    @Override
    @Message("全部")
    String anyValue();

    @Override
    @Message("规则")
    String warningRule();

    @Override
    @Message("筛选")
    String applyFilters();

    @Override
    @Message("清除筛选")
    String clearFilters();

    @Override
    @Message("显示 {matching} 条生效预警中的 {shown} 条。")
    String warningsMatching(int shown, long matching);

    @Override
    @Message("没有符合条件的生效预警。")
    String noActiveWarnings();

    @Override
    @Message("触发时间")
    String raisedAt();

    @Override
    @Message("触发值")
    String warningDetail();

    @Override
    @Message("资产组合")
    String portfolioTitle();

    @Override
    @Message("来自读模型的全量资产，截至 {when}。每个图表旁的表格列出相同数据。")
    String portfolioIntro(String when);

    @Override
    @Message("额度数")
    String lineCount();

    @Override
    @Message("按评级的额度数与敞口")
    String byGradeTitle();

    @Override
    @Message("按客群的额度数与敞口")
    String bySegmentTitle();

    @Override
    @Message("提额决定")
    String decisionRatesTitle();

    @Override
    @Message("申请数")
    String requests();

    @Override
    @Message("批准率")
    String approvalRate();

    @Override
    @Message("拒绝率")
    String declineRate();

    @Override
    @Message("转人工率")
    String referralRate();

    @Override
    @Message("待审核")
    String pendingReviews();

    @Override
    @Message("平均提额")
    String averageIncrease();

    @Override
    @Message("逾期率（逾期30天以上）与行业基准")
    String overdueTitle();

    @Override
    @Message("有效额度数")
    String activeLines();

    @Override
    @Message("逾期30天以上额度数")
    String overdueLines();

    @Override
    @Message("逾期率（按额度数）")
    String overdueByLines();

    @Override
    @Message("逾期率（按用信余额）")
    String overdueByBalance();

    @Override
    @Message("逾期额度的用信余额")
    String overdueDrawn();

    @Override
    @Message("行业基准")
    String benchmark();

    @Override
    @Message("按余额与基准之差（百分点）")
    String versusBenchmark();

    @Override
    @Message("基准来源：{source}。")
    String benchmarkSource(String source);

    @Override
    @Message("本资产组合")
    String thisBook();

    @Override
    @Message("全量")
    String wholeBook();

    @Override
    @Message("冠军与挑战者策略")
    String championChallengerTitle();

    @Override
    @Message("按每个决定记录的策略组统计；额度计入其最近一次决定的策略组。")
    String championChallengerIntro();

    @Override
    @Message("策略组")
    String policyGroup();

    @Override
    @Message("柱状图；旁边的表格列出相同数据。")
    String chartBesideTable();

    @Override
    @Message("贷后数据流的死信")
    String deadLettersTitle();

    @Override
    @Message("来自 Kafka 但未能记录的贷后事实，按时间先后排列。打开可查看并重放。")
    String deadLettersIntro();

    @Override
    @Message("没有死信。")
    String noDeadLetters();

    @Override
    @Message("编号")
    String letterId();

    @Override
    @Message("原因")
    String letterReason();

    @Override
    @Message("主题 / 分区 / 偏移量")
    String letterSource();

    @Override
    @Message("重放")
    String letterReplay();

    @Override
    @Message("打开")
    String openLetter();

    @Override
    @Message("下一页")
    String nextPage();

    @Override
    @Message("死信 {id}")
    String deadLetterTitle(long id);

    @Override
    @Message("原始记录")
    String letterRecord();

    @Override
    @Message("主题")
    String letterTopic();

    @Override
    @Message("分区")
    String letterPartition();

    @Override
    @Message("偏移量")
    String letterOffset();

    @Override
    @Message("键")
    String letterKey();

    @Override
    @Message("消息编号")
    String letterMessageId();

    @Override
    @Message("未记录的原因")
    String letterProblem();

    @Override
    @Message("消息内容与消息头")
    String letterPayload();

    @Override
    @Message("消息头")
    String letterHeaders();

    @Override
    @Message("接口返回的问题详情（problem+json）")
    String letterProblemJson();

    @Override
    @Message("重放")
    String replayTitle();

    @Override
    @Message("按原路径重新提交该消息，例如在其所指额度开立之后。已记录的死信不会重复记录。")
    String replayIntro();

    @Override
    @Message("重放此消息")
    String replayButton();

    @Override
    @Message("已重放并记录（状态 {status}）。")
    String replayRecorded(int status);

    @Override
    @Message("重放再次被拒绝")
    String replayRefusedTitle();
}
