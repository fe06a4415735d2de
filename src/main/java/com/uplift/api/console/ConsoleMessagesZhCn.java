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
    @Message("待人工审核的提额申请和降额，最早的在前（降额在额度页审核）。")
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
    @Message("类型")
    String colKind();

    @Override
    @Message("审核时限")
    String colDueBy();

    @Override
    @Message("提额")
    String kindIncrease();

    @Override
    @Message("降额")
    String kindDecrease();

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

    // ---- policies and audit pages (ConsolePolicyResource, ConsoleAuditResource) ----

    @Override
    @Message("策略")
    String govNavPolicies();

    @Override
    @Message("审计")
    String govNavAudit();

    @Override
    @Message("未找到该策略版本。")
    String govPolicyNotFound();

    @Override
    @Message("表单中有无效的值（版本必须是整数），请返回修改。")
    String formValueInvalid();

    @Override
    @Message("未找到该核验任务。")
    String govVerificationNotFound();

    @Override
    @Message("信贷策略")
    String govPoliciesTitle();

    @Override
    @Message("策略簿的全部版本，最新在前。提案须由提案人以外的另一位管理员批准后才生效。")
    String govPoliciesIntro();

    @Override
    @Message("提交新版本提案")
    String govProposeLink();

    @Override
    @Message("版本")
    String govVersions();

    @Override
    @Message("名称")
    String govName();

    @Override
    @Message("提案人")
    String govProposedBy();

    @Override
    @Message("批准人")
    String govApprovedBy();

    @Override
    @Message("基于版本")
    String govBasedOn();

    @Override
    @Message("理由")
    String govReason();

    @Override
    @Message("{#when status}{#is 'ACTIVE'}生效中{#is 'PROPOSED'}待批准{#is 'APPROVED'}已批准{#is 'REJECTED'}已驳回{#is 'RETIRED'}已停用{#else}{status}{/when}")
    String govStatus(String status);

    @Override
    @Message("策略版本 {version}")
    String govPolicyTitle(int version);

    @Override
    @Message("{#when done}{#is 'PROPOSED'}已提交提案，待另一位管理员批准后生效。{#is 'ACTIVE'}已批准：该版本现已生效。{#is 'CHALLENGER'}已批准为挑战者：它决定其份额内的额度，其余仍由冠军策略决定。{#is 'PROMOTION_PROPOSED'}已提议晋升，待另一位管理员批准后生效。{#is 'ENDED'}挑战者已结束：全部额度由生效策略决定。{#else}已驳回：该版本不会生效。{/when}")
    String govDone(String done);

    @Override
    @Message("状态与来源")
    String govSummary();

    @Override
    @Message("内容哈希（SHA-256）")
    String govContentHash();

    @Override
    @Message("批准或驳回")
    String govVerdictTitle();

    @Override
    @Message("四眼原则：提案的管理员不能批准自己的提案。")
    String govFourEyes();

    @Override
    @Message("批准")
    String govApprove();

    @Override
    @Message("驳回")
    String govReject();

    @Override
    @Message("与生效策略（版本 {against}）对照")
    String govDiffInForce(int against);

    @Override
    @Message("与版本 {against} 对照")
    String govDiffAgainst(int against);

    @Override
    @Message("共 {count} 处取值变更，已高亮。")
    String govChangeCount(int count);

    @Override
    @Message("只显示变更")
    String govOnlyChanges();

    @Override
    @Message("显示完整策略")
    String govShowAll();

    @Override
    @Message("字段")
    String govKey();

    @Override
    @Message("已变更")
    String govChanged();

    @Override
    @Message("模拟")
    String govSimulateTitle();

    @Override
    @Message("以该版本重放已记录的提额申请，并与原记录对照；不写入任何数据。范围留空即全部。")
    String govSimulateIntro();

    @Override
    @Message("运行模拟")
    String govSimulate();

    @Override
    @Message("额度编号（可选，逗号分隔）")
    String govScopeLines();

    @Override
    @Message("记录时间自")
    String govScopeFrom();

    @Override
    @Message("至")
    String govScopeTo();

    @Override
    @Message("时间为北京时间；留空即不限。")
    String govScopeHint();

    @Override
    @Message("提交策略版本提案")
    String govProposeTitle();

    @Override
    @Message("在下方编辑生效策略（版本 {basedOn}），或载入文件；将作为版本 {nextVersion} 提交。")
    String govProposeIntro(int basedOn, int nextVersion);

    @Override
    @Message("从 JSON 文件载入（可选）")
    String govUpload();

    @Override
    @Message("策略（JSON）")
    String govPolicyJson();

    @Override
    @Message("提交提案")
    String govPropose();

    @Override
    @Message("版本 {version} 的模拟结果")
    String govSimulationTitle(int version);

    @Override
    @Message("读取 {linesRead} 个额度；{changed} 笔申请的结果将不同。")
    String govSimulationSummary(long linesRead, long changed);

    @Override
    @Message("返回版本 {version}")
    String govBackToPolicy(int version);

    @Override
    @Message("总体")
    String govOverall();

    @Override
    @Message("指标")
    String govMeasureCol();

    @Override
    @Message("原记录")
    String govRecorded();

    @Override
    @Message("版本 {version}")
    String govCandidate(int version);

    @Override
    @Message("{#when key}{#is 'requests'}申请数{#is 'approved'}批准{#is 'referred'}转人工{#is 'declined'}拒绝{#is 'refused'}不予受理{#is 'approvalRate'}批准率{#is 'referralRate'}转人工率{#is 'declineRate'}拒绝率{#is 'averageIncrease'}平均提额{#is 'addedExposure'}新增敞口{#else}{key}{/when}")
    String govMeasure(String key);

    @Override
    @Message("按等级")
    String govByGrade();

    @Override
    @Message("按客群")
    String govBySegment();

    @Override
    @Message("客群")
    String govSegment();

    @Override
    @Message("原批准率")
    String govRecordedRate();

    @Override
    @Message("模拟批准率")
    String govCandidateRate();

    @Override
    @Message("结果变化")
    String govChangedCol();

    @Override
    @Message("原新增敞口")
    String govRecordedExposure();

    @Override
    @Message("模拟新增敞口")
    String govCandidateExposure();

    @Override
    @Message("新增批准及其后续表现")
    String govNewlyApproved();

    @Override
    @Message("新增批准 {count} 笔；其中 {missed} 个额度此后出现逾期还款，{dpd30} 个逾期 30 天以上（{rate}）。")
    String govNewlyApprovedLine(long count, long missed, long dpd30, String rate);

    @Override
    @Message("最长逾期天数")
    String govMaxDpd();

    @Override
    @Message("未按期还款次数")
    String govMissed();

    @Override
    @Message("审计")
    String govAuditTitle();

    @Override
    @Message("已锚定：{streams} 个事件流的最新哈希，审计流版本 {version}。")
    String govAnchored(int streams, long version);

    @Override
    @Message("自上次锚定以来无变化，未写入任何内容。")
    String govNothingToAnchor();

    @Override
    @Message("检查点 {from} 至 {through}；Merkle 根：")
    String govAnchorRange(String from, String through);

    @Override
    @Message("重新核验")
    String govVerifyTitle();

    @Override
    @Message("重新判定范围内每个已记录的决定，并逐一校验哈希链与锚点；范围留空即全部。")
    String govVerifyIntro();

    @Override
    @Message("开始核验")
    String govStartVerification();

    @Override
    @Message("监管导出")
    String govExportTitle();

    @Override
    @Message("最后一行为清单：条数、范围及其之前全部字节的 SHA-256。")
    String govExportIntro();

    @Override
    @Message("导出内容")
    String govExportFormat();

    @Override
    @Message("全部事件（NDJSON）")
    String govExportEvents();

    @Override
    @Message("决定与审核（CSV）")
    String govExportDecisions();

    @Override
    @Message("下载")
    String govDownload();

    @Override
    @Message("锚定")
    String govAnchorTitle();

    @Override
    @Message("将自上次锚定以来有变化的每个事件流的最新哈希记入审计流。")
    String govAnchorIntro();

    @Override
    @Message("立即锚定")
    String govAnchorHeads();

    @Override
    @Message("核验")
    String govVerificationTitle();

    @Override
    @Message("发起人")
    String govRequestedBy();

    @Override
    @Message("开始时间")
    String govStarted();

    @Override
    @Message("完成时间")
    String govFinished();

    @Override
    @Message("范围")
    String govScope();

    @Override
    @Message("全部")
    String govEverything();

    @Override
    @Message("核验通过：无不一致、无断链、无锚点问题。")
    String govClean();

    @Override
    @Message("发现问题：见下文。")
    String govUnclean();

    @Override
    @Message("核验进行中；本页自动更新。")
    String govRunning();

    @Override
    @Message("已核验")
    String govChecked();

    @Override
    @Message("发现")
    String govFound();

    @Override
    @Message("{#when key}{#is 'lines'}额度{#is 'events'}事件{#is 'batches'}命令批次{#is 'decisions'}重新判定的决定{#is 'otherStreams'}其他事件流{#is 'anchors'}锚点{#is 'anchoredHeads'}已锚定的流头{#is 'mismatches'}不一致{#is 'brokenLinks'}断链{#is 'anchorProblems'}锚点问题{#is 'notRedecidable'}无法重新判定（其他规则版本）{#is 'analyzerDrift'}分析器漂移{#else}{key}{/when}")
    String govCount(String key);

    @Override
    @Message("事件流")
    String govStream();

    @Override
    @Message("内容")
    String govWhat();

    @Override
    @Message("操作被拒绝")
    String govRefused();

    @Override
    @Message("完整策略")
    String govInFull();

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

    // ---- the increase list (offers) and limit decreases (issue 15) ----

    @Override
    @Message("提额名单")
    String navOffers();

    @Override
    @Message("提额名单")
    String offersTitle();

    @Override
    @Message("按现行政策由提额扫描向额度发出的提额邀请，最新的在前，取自提额名单读模型（与事件日志相差约一秒）。")
    String offersIntro();

    @Override
    @Message("显示 {matching} 条提额邀请中的 {shown} 条。")
    String offersMatching(int shown, long matching);

    @Override
    @Message("没有符合条件的提额邀请。")
    String noOffers();

    @Override
    @Message("邀请编号")
    String offerId();

    @Override
    @Message("邀请额度")
    String offeredLimit();

    @Override
    @Message("发出日期")
    String offeredOn();

    @Override
    @Message("到期日")
    String expiresOn();

    @Override
    @Message("提额扫描")
    String offerScansTitle();

    @Override
    @Message("立即扫描全部额度")
    String startOfferScan();

    @Override
    @Message("扫描 {id} 已开始；本页会跟进直到完成。")
    String scanStarted(String id);

    @Override
    @Message("尚未运行过扫描。")
    String noOfferScans();

    @Override
    @Message("运行")
    String scanRun();

    @Override
    @Message("营业日")
    String scanBusinessDate();

    @Override
    @Message("已扫描额度")
    String linesScanned();

    @Override
    @Message("已邀请")
    String scanOffered();

    @Override
    @Message("已撤回")
    String scanWithdrawn();

    @Override
    @Message("未变")
    String scanUnchanged();

    @Override
    @Message("失败")
    String scanFailed();

    @Override
    @Message("降额")
    String decreasesTitle();

    @Override
    @Message("此额度没有降额记录。")
    String noDecreases();

    @Override
    @Message("复核已记录；降额现为 {status}。")
    String decreaseReviewed(String status);

    @Override
    @Message("触发的规则")
    String decreaseTriggers();

    @Override
    @Message("告知客户的原因")
    String decreaseCustomerReasons();

    @Override
    @Message("第 {level} 级复核")
    String decreaseReviewTitle(int level);
}
