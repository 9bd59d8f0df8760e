package io.tianshu.query.export.deid;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes personal identifiers from one patient's free text and moves its dates by the patient's
 * shift: the names, numbers, phone and address the record itself holds, anything that looks like a
 * resident ID number, mobile or landline number, e-mail address or street address, cities and
 * districts named after a province, values written after labels such as {@code 姓名：} or {@code
 * 住院号：}, and ages of 90 and over.
 *
 * <p>Matching runs on a copy of the text with full-width letters, digits and punctuation folded to
 * ASCII (same length, so positions carry over); text that is not replaced keeps its original
 * characters. All matches are collected first and replaced in one pass, leftmost and longest first,
 * so a replacement never creates or hides another match.
 */
public final class TextScrubber {

  public static final String NAME = "[姓名已隐去]";
  public static final String ID_NUMBER = "[身份证号已隐去]";
  public static final String NUMBER = "[编号已隐去]";
  public static final String PHONE = "[电话已隐去]";
  public static final String ADDRESS = "[地址已隐去]";
  public static final String EMAIL = "[邮箱已隐去]";

  private static final String NAME_CHARS = "[\\p{IsHan}·•]";

  private static final Pattern LABELLED_NAME =
      Pattern.compile(
          "(?:患者姓名|病人姓名|姓名|联系人|家属|监护人|代理人|医师签名|医生签名|护士签名|签名|记录者|记录人"
              + "|手术者|手术医师|助手|麻醉医师|主持人|报告医师|审核医师|报告者|审核者)\\s*:\\s*("
              + NAME_CHARS
              + "{2,4})");

  private static final Pattern LABELLED_NUMBER =
      Pattern.compile(
          "(身份证号码|身份证号|身份证|证件号码|证件号|住院号|病案号|门诊号|病历号|医保卡号|社保卡号|就诊卡号"
              + "|(?<![A-Za-z])ID号?)\\s*:\\s*([0-9A-Za-z*][0-9A-Za-z*\\-]{3,29})");

  private static final Pattern LABELLED_PHONE =
      Pattern.compile(
          "(?:联系电话|电话号码|手机号码|手机号|电话|手机|联系方式|(?<![A-Za-z])(?:Tel|TEL|tel|Phone|phone))"
              + "\\s*:\\s*(\\+?[0-9][0-9\\-() ]{4,20}[0-9])");

  private static final Pattern LABELLED_ADDRESS =
      Pattern.compile(
          "(?:(?:家庭住址|现住址|户籍地址|户口地址|联系地址|通讯地址|住址|地址|现住)\\s*:\\s*|家住|居住于|居住在)"
              + "([^,。;\\n\\r]{2,60})");

  private static final Pattern LABELLED_AGE = Pattern.compile("年龄\\s*:\\s*([0-9]{2,3})(?![0-9.])");

  /**
   * GB 11643-1999 resident ID numbers (17 digits and a check character), the masked form the store
   * keeps, and the 15-digit first-generation numbers.
   */
  private static final Pattern ID_NUMBER_PATTERN =
      Pattern.compile(
          "(?<![0-9A-Za-z])(?:[0-9]{17}[0-9Xx]|[0-9]{6}\\*{8}[0-9]{3}[0-9Xx*]|[0-9]{15})"
              + "(?![0-9A-Za-z])");

  /** Mainland mobile numbers (1[3-9]x xxxx xxxx), with or without +86 and separators. */
  private static final Pattern MOBILE =
      Pattern.compile("(?<![0-9])(?:\\+?86[- ]?)?1[3-9][0-9](?:[- ]?[0-9]{4}){2}(?![0-9])");

  /** Landlines with their area code: 0571-87654321, (010)12345678, 021 1234567-808. */
  private static final Pattern LANDLINE =
      Pattern.compile(
          "(?<![0-9])(?:\\(0[0-9]{2,3}\\) ?|0[0-9]{2,3}[- ])[0-9]{7,8}(?:-[0-9]{1,6})?(?![0-9])");

  private static final Pattern EMAIL_PATTERN =
      Pattern.compile("[A-Za-z0-9._%+\\-]+@[A-Za-z0-9.\\-]+\\.[A-Za-z]{2,}");

  /** The cheap part of the street-address patterns, checked first: a street with a number. */
  private static final Pattern STREET_NUMBER = Pattern.compile("(?:路|街|大道|巷|弄|胡同)[0-9]+(?:号|弄)");

  private static final String PROVINCES =
      "北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南"
          + "|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门";

  /**
   * City, district, town, street with house number, then building, unit and room numbers. Place
   * names are kept short (city 2–4 characters, district up to 4), so that the words before an
   * address are not taken for a place.
   */
  private static final String ADDRESS_TAIL =
      "(?:\\p{IsHan}{2,4}?(?:市|自治州|地区|盟))?(?:\\p{IsHan}{1,4}?(?:区|县|旗))?"
          + "(?:\\p{IsHan}{1,5}?(?:镇|乡|街道))?"
          + "\\p{IsHan}{2,5}?(?:路|街|大道|巷|弄|胡同)[0-9]+(?:号|弄)"
          + "(?:[\\p{IsHan}A-Za-z]{0,12}?[0-9]+(?:号楼|幢|栋|单元|楼|层|室|号))*";

  /**
   * A street address that starts where an address can start: at a province name, or after
   * punctuation, a space or a word such as 住, 在, 于 ("住在文三路100号"). Starting there keeps the
   * preceding clinical words out of the match.
   */
  private static final Pattern STREET_ADDRESS =
      Pattern.compile(
          "(?:(?:"
              + PROVINCES
              + ")(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)?"
              + "|^|(?<=[\\s\\p{Punct}。、，；：“”‘’（）《》【】…住在于居址自至到往为是]))"
              + ADDRESS_TAIL);

  /**
   * The city, district and town after a province ("生于浙江省杭州市"): HIPAA Safe Harbor keeps only the
   * state, so the province stays and the rest goes. Place names with no province before them
   * ("久居杭州") are not recognised; that would need a gazetteer.
   */
  private static final Pattern PLACE_IN_PROVINCE =
      Pattern.compile(
          "(?:"
              + PROVINCES
              + ")(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)?"
              + "((?:\\p{IsHan}{2,4}?(?:市|自治州|地区|盟))?(?:\\p{IsHan}{1,4}?(?:区|县|旗))?"
              + "(?:\\p{IsHan}{1,5}?(?:镇|乡|街道))?)");

  /**
   * A street with a house number anywhere, for addresses with no such start ("患者文三路100号"): used
   * only where {@link #STREET_ADDRESS} found nothing, since it may take two to four words before
   * the street name with it.
   */
  private static final Pattern LOOSE_STREET_ADDRESS =
      Pattern.compile(
          "\\p{IsHan}{2,4}(?:路|街|大道|巷|弄|胡同)[0-9]+(?:号|弄)"
              + "(?:[\\p{IsHan}A-Za-z]{0,12}?[0-9]+(?:号楼|幢|栋|单元|楼|层|室|号))*");

  /** 2025-03-10, 2025/3/10, 2025.03.10, 2025年3月10日. */
  private static final Pattern DATE =
      Pattern.compile(
          "(?<![0-9])((?:19|20)[0-9]{2})(?:([-/.])([0-9]{1,2})\\2([0-9]{1,2})"
              + "|年([0-9]{1,2})月([0-9]{1,2})日)(?![0-9])");

  /** 3月10日 without a year. */
  private static final Pattern MONTH_DAY = Pattern.compile("(?<![0-9年])([0-9]{1,2})月([0-9]{1,2})日");

  private static final Pattern AGE = Pattern.compile("(?<![0-9.])([0-9]{2,3})\\s*(?:周岁|岁)");

  private static final String HONORIFICS = "先生|女士|小姐|老师|师傅|阿姨|大爷|大妈|老人|老伯|奶奶|爷爷";

  private static final Set<String> COMPOUND_SURNAMES =
      Set.of(
          "欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木",
          "申屠");

  private final int shiftDays;
  private final Pattern names;
  private final Pattern numbers;
  private final Pattern addresses;

  /**
   * @param identifiers what the patient's record says identifies people
   * @param shiftDays the patient's date shift; 0 leaves dates as they are
   */
  public TextScrubber(PatientIdentifiers identifiers, int shiftDays) {
    Objects.requireNonNull(identifiers, "identifiers");
    this.shiftDays = shiftDays;
    this.names = names(identifiers);
    List<String> numbers = new ArrayList<>(identifiers.numbers());
    for (String phone : identifiers.phones()) {
      String digits = phone.replaceAll("[^0-9+]", "");
      // A phone field holding a short code ("120", "-") must not blank every such number.
      if (digits.length() >= 7) {
        numbers.add(phone);
        numbers.add(digits);
      }
    }
    this.numbers = literals(numbers, "(?<![0-9A-Za-z])(?:", ")(?![0-9A-Za-z])");
    this.addresses = literals(identifiers.addresses(), "(?:", ")");
  }

  /** The text with identifiers replaced and dates shifted; null stays null. */
  public String scrub(String text) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    String folded = fold(text);
    List<Span> spans = new ArrayList<>();
    group(LABELLED_NAME, folded, 1, NAME, spans);
    labelledNumbers(folded, spans);
    group(LABELLED_PHONE, folded, 1, PHONE, spans);
    group(LABELLED_ADDRESS, folded, 1, ADDRESS, spans);
    // Kinds before the record's own values, so that an ID number reads as one wherever it is.
    whole(ID_NUMBER_PATTERN, folded, ID_NUMBER, spans);
    whole(MOBILE, folded, PHONE, spans);
    whole(LANDLINE, folded, PHONE, spans);
    whole(EMAIL_PATTERN, folded, EMAIL, spans);
    whole(numbers, folded, NUMBER, spans);
    whole(addresses, folded, ADDRESS, spans);
    if (STREET_NUMBER.matcher(folded).find()) {
      streetAddresses(folded, spans);
    }
    places(folded, spans);
    whole(names, folded, NAME, spans);
    ages(folded, spans);
    if (shiftDays != 0) {
      dates(folded, spans);
    }
    return apply(text, spans);
  }

  /** Full-width ASCII variants and the ideographic space as ASCII: one char for one char. */
  static String fold(String text) {
    char[] chars = text.toCharArray();
    for (int i = 0; i < chars.length; i++) {
      char c = chars[i];
      if (c >= '\uFF01' && c <= '\uFF5E') {
        chars[i] = (char) (c - 0xFEE0);
      } else if (c == '\u3000') {
        chars[i] = ' ';
      }
    }
    return new String(chars);
  }

  private static Pattern names(PatientIdentifiers identifiers) {
    List<String> alternatives = new ArrayList<>();
    for (String name : identifiers.patientNames()) {
      alternatives.add(Pattern.quote(fold(name)));
      String surname = surname(name);
      if (surname != null) {
        alternatives.add(Pattern.quote(surname) + "(?:" + HONORIFICS + ")");
      }
    }
    for (String name : identifiers.staffNames()) {
      alternatives.add(Pattern.quote(fold(name)));
    }
    if (alternatives.isEmpty()) {
      return null;
    }
    // Longest first, so 欧阳明 wins over a shorter overlapping name at the same position.
    alternatives.sort(Comparator.comparingInt(String::length).reversed());
    return Pattern.compile(
        String.join("|", alternatives), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  private static String surname(String name) {
    if (name.length() >= 3 && COMPOUND_SURNAMES.contains(name.substring(0, 2))) {
      return name.substring(0, 2);
    }
    if (name.isEmpty() || !Character.isIdeographic(name.codePointAt(0))) {
      return null;
    }
    return name.substring(0, Character.charCount(name.codePointAt(0)));
  }

  private static Pattern literals(List<String> values, String before, String after) {
    List<String> quoted =
        values.stream()
            .filter(v -> v != null && !v.isBlank())
            .map(TextScrubber::fold)
            .distinct()
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote)
            .toList();
    if (quoted.isEmpty()) {
      return null;
    }
    return Pattern.compile(before + String.join("|", quoted) + after, Pattern.CASE_INSENSITIVE);
  }

  private static void whole(Pattern pattern, String text, String replacement, List<Span> spans) {
    if (pattern == null) {
      return;
    }
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (m.end() > m.start()) {
        spans.add(new Span(m.start(), m.end(), replacement));
      }
    }
  }

  private static void streetAddresses(String text, List<Span> spans) {
    List<Span> anchored = new ArrayList<>();
    whole(STREET_ADDRESS, text, ADDRESS, anchored);
    Matcher m = LOOSE_STREET_ADDRESS.matcher(text);
    while (m.find()) {
      int start = m.start();
      int end = m.end();
      if (anchored.stream().noneMatch(a -> a.start() < end && start < a.end())) {
        spans.add(new Span(start, end, ADDRESS));
      }
    }
    spans.addAll(anchored);
  }

  private static void places(String text, List<Span> spans) {
    Matcher m = PLACE_IN_PROVINCE.matcher(text);
    while (m.find()) {
      if (m.end(1) > m.start(1)) {
        spans.add(new Span(m.start(1), m.end(1), ADDRESS));
      }
    }
  }

  private static void group(
      Pattern pattern, String text, int group, String replacement, List<Span> spans) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      spans.add(new Span(m.start(group), m.end(group), replacement));
    }
  }

  private static void labelledNumbers(String text, List<Span> spans) {
    Matcher m = LABELLED_NUMBER.matcher(text);
    while (m.find()) {
      String replacement = m.group(1).startsWith("身份证") ? ID_NUMBER : NUMBER;
      spans.add(new Span(m.start(2), m.end(2), replacement));
    }
  }

  /** Ages of 90 and over become "≥90", as HIPAA Safe Harbor allows them only as one category. */
  private static void ages(String text, List<Span> spans) {
    for (Pattern pattern : List.of(AGE, LABELLED_AGE)) {
      Matcher m = pattern.matcher(text);
      while (m.find()) {
        if (Integer.parseInt(m.group(1)) >= Deidentification.AGE_TOP_CODE) {
          spans.add(new Span(m.start(1), m.end(1), "≥" + Deidentification.AGE_TOP_CODE));
        }
      }
    }
  }

  private void dates(String text, List<Span> spans) {
    Matcher m = DATE.matcher(text);
    while (m.find()) {
      boolean chinese = m.group(2) == null;
      String month = chinese ? m.group(5) : m.group(3);
      String day = chinese ? m.group(6) : m.group(4);
      LocalDate date = date(Integer.parseInt(m.group(1)), month, day);
      if (date == null) {
        continue;
      }
      LocalDate shifted = date.plusDays(shiftDays);
      boolean padded = padded(month, day, !chinese);
      String written =
          chinese
              ? shifted.getYear()
                  + "年"
                  + digits(shifted.getMonthValue(), padded)
                  + "月"
                  + digits(shifted.getDayOfMonth(), padded)
                  + "日"
              : shifted.getYear()
                  + m.group(2)
                  + digits(shifted.getMonthValue(), padded)
                  + m.group(2)
                  + digits(shifted.getDayOfMonth(), padded);
      spans.add(new Span(m.start(), m.end(), written));
    }
    Matcher md = MONTH_DAY.matcher(text);
    while (md.find()) {
      String month = md.group(1);
      String day = md.group(2);
      // Without a year, shift within a common year (29 February within a leap year): the result
      // can differ by one day from the real date's shift only across a 29 February.
      boolean leapDay = Integer.parseInt(month) == 2 && Integer.parseInt(day) == 29;
      LocalDate date = date(leapDay ? 2000 : 2001, month, day);
      if (date == null) {
        continue;
      }
      LocalDate shifted = date.plusDays(shiftDays);
      boolean padded = padded(month, day, false);
      spans.add(
          new Span(
              md.start(),
              md.end(),
              digits(shifted.getMonthValue(), padded)
                  + "月"
                  + digits(shifted.getDayOfMonth(), padded)
                  + "日"));
    }
  }

  private static LocalDate date(int year, String month, String day) {
    try {
      return LocalDate.of(year, Integer.parseInt(month), Integer.parseInt(day));
    } catch (DateTimeException e) {
      return null; // not a date after all (2025-13-45): left as written
    }
  }

  /**
   * Whether the written date pads month and day to two digits: when it shows a leading zero ("03"),
   * or, with numeric separators, when both parts have two digits ("2025-12-15", ISO style).
   * "2024年12月1日" and "3月10日" are not padded.
   */
  private static boolean padded(String month, String day, boolean numericSeparators) {
    return month.startsWith("0")
        || day.startsWith("0")
        || (numericSeparators && month.length() == 2 && day.length() == 2);
  }

  private static String digits(int value, boolean padded) {
    return padded && value < 10 ? "0" + value : Integer.toString(value);
  }

  private static String apply(String original, List<Span> spans) {
    if (spans.isEmpty()) {
      return original;
    }
    spans.sort(
        Comparator.comparingInt(Span::start)
            .thenComparing(Comparator.comparingInt(Span::end).reversed()));
    StringBuilder out = new StringBuilder(original.length());
    int copied = 0;
    for (Span span : spans) {
      if (span.end() <= copied) {
        continue; // inside a longer match that is already replaced
      }
      // A match that starts inside the previous one but runs past it is replaced too, so no part
      // of an identifier survives between two replacements.
      out.append(original, copied, Math.max(copied, span.start())).append(span.replacement());
      copied = span.end();
    }
    return out.append(original, copied, original.length()).toString();
  }

  private record Span(int start, int end, String replacement) {}
}
