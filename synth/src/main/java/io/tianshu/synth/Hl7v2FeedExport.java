package io.tianshu.synth;

import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.EncounterType;
import io.tianshu.core.record.LabResult;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientRecord;
import io.tianshu.core.record.Sex;
import io.tianshu.core.record.Transfer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synthetic hospital as its HIS and LIS would send it over HL7 v2.5.1: per visit an admission
 * (A01) or registration (A04), the transfers (A02) and the discharge (A03) from {@code HIS}, and
 * one ORU^R01 per lab order (results of one panel collected together) from {@code LIS}, all in
 * event-time order across patients as a live feed interleaves them. Only what the ingest mapper
 * reads is written; the generator is for benchmarks, not a full HL7 exporter.
 */
public final class Hl7v2FeedExport {

  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  private static final String FACILITY = "TIANSHU-SYNTH";

  private Hl7v2FeedExport() {}

  private record Event(LocalDateTime at, int order, String text) {}

  /**
   * Writes every message of the hospital, in event-time order, to {@code files} batch files ({@code
   * feed-000.hl7}, ...) in {@code directory}: messages one after the other, each followed by a line
   * feed, as interface engines write file drops. The whole feed is built in memory first (about 0.7
   * kB per message) because the order runs across patients.
   *
   * @return the number of messages written
   */
  public static int writeFiles(SyntheticHospital hospital, Path directory, int files)
      throws IOException {
    List<byte[]> messages = messages(hospital);
    Files.createDirectories(directory);
    int per = Math.max(1, (messages.size() + files - 1) / files);
    for (int f = 0; f * per < messages.size(); f++) {
      Path file = directory.resolve(String.format("feed-%03d.hl7", f));
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        for (int i = f * per; i < Math.min(messages.size(), (f + 1) * per); i++) {
          out.write(messages.get(i));
          out.write('\n');
        }
      }
    }
    return messages.size();
  }

  /** Every message of the hospital, in event-time order. */
  public static List<byte[]> messages(SyntheticHospital hospital) {
    List<Event> events = new ArrayList<>();
    int[] counter = {0};
    for (GeneratedPatient g : (Iterable<GeneratedPatient>) hospital.stream()::iterator) {
      add(events, g.record(), counter);
    }
    events.sort(Comparator.comparing(Event::at).thenComparingInt(Event::order));
    List<byte[]> out = new ArrayList<>(events.size());
    for (Event e : events) {
      out.add(e.text().getBytes(StandardCharsets.UTF_8));
    }
    return out;
  }

  private static void add(List<Event> events, PatientRecord r, int[] counter) {
    Patient p = r.patient();
    for (Encounter e : r.encounters()) {
      String trigger = e.type() == EncounterType.INPATIENT ? "A01" : "A04";
      events.add(
          new Event(
              e.admittedAt(), counter[0]++, adt(trigger, p, e, e.admittedAt(), null, counter[0])));
      for (Transfer t : e.transfers()) {
        events.add(new Event(t.at(), counter[0]++, adt("A02", p, e, t.at(), t, counter[0])));
      }
      if (e.dischargedAt() != null) {
        events.add(
            new Event(
                e.dischargedAt(),
                counter[0]++,
                adt("A03", p, e, e.dischargedAt(), null, counter[0])));
      }
    }
    Map<String, List<LabResult>> orders = new LinkedHashMap<>();
    for (LabResult l : r.labs()) {
      String key = l.encounterId() + "|" + l.panel() + "|" + l.collectedAt();
      orders.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
    }
    for (List<LabResult> order : orders.values()) {
      LabResult first = order.get(0);
      LocalDateTime at = first.reportedAt() != null ? first.reportedAt() : first.collectedAt();
      events.add(new Event(at, counter[0]++, oru(p, order, at, counter[0])));
    }
  }

  private static String adt(
      String trigger, Patient p, Encounter e, LocalDateTime at, Transfer t, int n) {
    StringBuilder s = new StringBuilder(512);
    msh(s, "HIS", "ADT^" + trigger + "^ADT_A01", at, "HIS-" + n);
    s.append("EVN|").append(trigger).append('|').append(TS.format(at)).append('\r');
    pid(s, p, true);
    String[] pv1 = new String[46];
    pv1[1] = "1";
    pv1[2] =
        switch (e.type()) {
          case INPATIENT -> "I";
          case EMERGENCY -> "E";
          default -> "O";
        };
    String ward = t != null ? t.toWard() : e.ward();
    pv1[3] = ward == null ? "" : ward;
    if (t != null && t.fromWard() != null) {
      pv1[6] = t.fromWard();
    }
    pv1[7] = e.attendingDoctor() == null ? "" : "D^" + e.attendingDoctor();
    pv1[10] = t != null ? t.toDepartment() : e.department();
    pv1[19] = e.id();
    pv1[44] = TS.format(e.admittedAt());
    if (trigger.equals("A03")) {
      pv1[45] = TS.format(e.dischargedAt());
      pv1[36] = e.died() ? "5" : "1";
    }
    segment(s, "PV1", pv1);
    return s.toString();
  }

  private static String oru(Patient p, List<LabResult> order, LocalDateTime at, int n) {
    LabResult first = order.get(0);
    StringBuilder s = new StringBuilder(256 + 160 * order.size());
    msh(s, "LIS", "ORU^R01^ORU_R01", at, "LIS-" + n);
    pid(s, p, true);
    String[] pv1 = new String[20];
    pv1[1] = "1";
    pv1[19] = first.encounterId();
    segment(s, "PV1", pv1);
    String[] obr = new String[26];
    obr[1] = "1";
    obr[2] = "ORD" + n;
    obr[3] = "LIS" + n;
    obr[4] = "PANEL^" + (first.panel() == null ? "" : first.panel()) + "^LIS";
    obr[7] = TS.format(first.collectedAt());
    obr[15] = first.specimen() == null ? "" : first.specimen();
    obr[22] = first.reportedAt() == null ? "" : TS.format(first.reportedAt());
    obr[25] = "F";
    segment(s, "OBR", obr);
    int set = 1;
    for (LabResult l : order) {
      String[] obx = new String[15];
      obx[1] = String.valueOf(set++);
      obx[2] = l.numericValue() != null ? "NM" : "ST";
      String code = l.item().local().code() + "^" + l.item().local().display() + "^LIS";
      if (l.item().standard() != null) {
        code += "^" + l.item().standard().code() + "^" + l.item().standard().display() + "^LN";
      }
      obx[3] = code;
      obx[5] = escape(l.textValue());
      obx[6] = l.unit() == null ? "" : escape(l.unit());
      obx[7] = l.referenceText() == null ? "" : escape(l.referenceText());
      obx[8] =
          switch (l.flag()) {
            case LOW -> "L";
            case HIGH -> "H";
            case CRITICAL_LOW -> "LL";
            case CRITICAL_HIGH -> "HH";
            case ABNORMAL -> "A";
            default -> "";
          };
      obx[11] = "F";
      obx[14] = TS.format(l.collectedAt());
      segment(s, "OBX", obx);
    }
    return s.toString();
  }

  private static void msh(StringBuilder s, String app, String type, LocalDateTime at, String id) {
    s.append("MSH|^~\\&|")
        .append(app)
        .append('|')
        .append(FACILITY)
        .append("|TIANSHU|TIANSHU|")
        .append(TS.format(at))
        .append("||")
        .append(type)
        .append('|')
        .append(id)
        .append("|P|2.5.1|||AL|NE||UNICODE UTF-8\r");
  }

  private static void pid(StringBuilder s, Patient p, boolean demographics) {
    String[] pid = new String[14];
    pid[1] = "1";
    pid[3] = p.mrn() + "^^^HIS^MR";
    if (demographics) {
      String name = p.name();
      pid[5] = name.length() > 1 ? name.charAt(0) + "^" + name.substring(1) : name;
      pid[7] = p.birthDate().format(DateTimeFormatter.BASIC_ISO_DATE);
      pid[8] = p.sex() == Sex.MALE ? "1" : p.sex() == Sex.FEMALE ? "2" : "0";
      pid[11] = p.address() == null ? "" : escape(p.address());
      pid[13] = p.phone() == null ? "" : p.phone();
    }
    segment(s, "PID", pid);
  }

  private static void segment(StringBuilder s, String name, String[] fields) {
    int last = fields.length - 1;
    while (last > 0 && (fields[last] == null || fields[last].isEmpty())) {
      last--;
    }
    s.append(name);
    for (int i = 1; i <= last; i++) {
      s.append('|').append(fields[i] == null ? "" : fields[i]);
    }
    s.append('\r');
  }

  /** HL7 escapes for the delimiters a synthetic value may contain (units such as 10^9/L). */
  private static String escape(String value) {
    return value
        .replace("\\", "\\E\\")
        .replace("|", "\\F\\")
        .replace("^", "\\S\\")
        .replace("&", "\\T\\")
        .replace("~", "\\R\\");
  }
}
