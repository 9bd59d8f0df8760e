package io.tianshu.nlp.context;

/**
 * The cue words and scope rules of the context stage, in the spirit of NegEx/ConText adapted to
 * Chinese notes: a cue before an entity reaches it unless a scope breaker lies between; a cue after
 * an entity (阴性, (-), 待排, 可能, ？) reaches back over a short gap. List connectors 、 及 和 与 do not
 * break scope, so 否认高血压、糖尿病病史 negates both.
 */
final class ContextRules {

  private ContextRules() {}

  static final CueList NEGATION_BEFORE =
      longestFirst(
          "否认", "无", "未", "未见", "未闻及", "未触及", "未及", "未引出", "不伴", "没有", "未再", "未诉", "未发现", "并无",
          "未出现", "未再出现", "没有出现", "均无");

  static final CueList NEGATION_AFTER =
      longestFirst("阴性", "(-)", "(—)", "(－)", "未引出", "未触及", "未扪及", "未及");

  // Words that contain a negation cue but negate nothing: 无痛性血尿 is painless haematuria, not absent.
  static final CueList PSEUDO_NEGATION =
      longestFirst(
          "无菌", "无创", "无痛", "无明显诱因", "无诱因", "未予重视", "未予处理", "未予治疗", "无效", "未愈", "无法", "无明显原因", "尚无",
          "未能排除", "不能排除", "未能除外", "不能除外", "未明");

  // Besides doubt, the cues of what is not asserted at all: a differential to rule out (需与…相鉴别),
  // what is being prevented or watched for (预防血栓, 注意有无…), a risk (出血风险高). Note facts carry
  // no "hypothetical" flag, and these mentions must not read as the patient having the condition.
  static final CueList UNCERTAIN_BEFORE =
      longestFirst(
          "疑似", "考虑", "未能排除", "不能排除", "未能除外", "不能除外", "可疑", "不除外", "不排除", "怀疑", "拟诊", "可能为", "可能是",
          "疑为", "疑诊", "疑有", "待排除", "以排除", "以除外", "?", "需与", "应与", "须与", "注意与", "预防", "防止", "警惕",
          "谨防", "以防", "有无");

  static final CueList UNCERTAIN_AFTER =
      longestFirst(
          "可能", "可能性大", "待排", "待查", "待除外", "不除外", "不排除", "不能除外", "不能排除", "未能除外", "未能排除", "?", "相鉴别",
          "风险");

  static final CueList HISTORY_BEFORE =
      longestFirst("既往", "曾", "年前", "多年前", "以前", "早年", "幼年", "儿时", "年轻时");

  static final CueList HISTORY_AFTER = longestFirst("史", "病史", "术后");

  static final CueList FAMILY_BEFORE =
      longestFirst(
          "父亲",
          "母亲",
          "其父",
          "其母",
          "父母",
          "兄弟",
          "姐妹",
          "哥哥",
          "弟弟",
          "姐姐",
          "妹妹",
          "儿子",
          "女儿",
          "子女",
          "祖父",
          "祖母",
          "外祖父",
          "外祖母",
          "爷爷",
          "奶奶",
          "外公",
          "外婆",
          "叔叔",
          "伯父",
          "舅舅",
          "姑姑",
          "姨妈",
          "家族中",
          "家族成员",
          "家族内",
          "亲属",
          "其兄",
          "其弟",
          "其姐",
          "其妹",
          "胞兄",
          "胞弟",
          "胞姐",
          "胞妹",
          // Added with the third test batch (2026-11-26): 患者之父, grandchildren, the spouse.
          "之父",
          "之母",
          "孙子",
          "孙女",
          "外孙",
          "外孙女",
          "配偶",
          "爱人",
          "妻子",
          "丈夫",
          "其妻",
          "其夫");

  // Words that end a cue's forward scope. "，" is folded to "," by normalisation before this runs.
  static final CueList SCOPE_BREAKERS =
      longestFirst(",", ";", ":", "。", "但", "伴", "并", "而", "出现", "诱因", "遂", "现");

  // Words that contain a scope breaker but end no scope: 不排除合并真菌感染 still doubts the infection.
  static final CueList NON_BREAKERS = longestFirst("合并", "并发");

  static final CueList FAMILY_BREAKERS = longestFirst("患者", "本人", "。", ";");

  private static CueList longestFirst(String... cues) {
    return CueList.longestFirst(cues);
  }
}
