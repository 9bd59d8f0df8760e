package io.tianshu.synth;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.ClinicalDocument;
import io.tianshu.core.record.Diagnosis;
import io.tianshu.core.record.DiagnosisKind;
import io.tianshu.core.record.DocumentType;
import io.tianshu.core.record.Encounter;
import io.tianshu.core.record.Operation;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The synthetic hospital's admission records, discharge summaries (出院记录) and operation records as
 * its EMR would share them: CDA R2 documents per WS/T 500-2016 (templates C0034 入院记录, C0049 出院记录,
 * C0009 一般手术记录), one file per document. The generator's free text is split into the sections its
 * headings open (主诉, 现病史, … 出院医嘱), each a section with that {@code <title>}, the LOINC code WS/T
 * 500 gives it where there is one and the lines as {@code <paragraph>}s; the admission and
 * discharge diagnoses (ICD-10) and the operation (ICD-9-CM-3) are coded entries in their sections.
 * Patient and visit ids name the HIS as the HL7 v2 feed does ({@code HIS} 病案号, visit {@code
 * HIS/TIANSHU-SYNTH}), so the documents land on the patients and visits the ADT feed registers.
 */
public final class CdaExport {

  private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
  private static final String FACILITY = "TIANSHU-SYNTH";
  private static final String VISIT_AUTHORITY = "HIS/" + FACILITY;
  private static final String DATA_ELEMENTS =
      "codeSystem=\"2.16.156.10011.2.2.1\" codeSystemName=\"卫生信息数据元目录\"";
  private static final String ICD10 = "2.16.156.10011.2.3.3.11";
  private static final String ICD9CM3 = "2.16.156.10011.2.3.3.12";

  /** Template per exported document type: code, templateId, LOINC of the coded-entry section. */
  private record Template(String code, String templateId) {}

  private static final Map<DocumentType, Template> TEMPLATES =
      Map.of(
          DocumentType.ADMISSION_NOTE, new Template("C0034", "2.16.156.10011.2.1.1.54"),
          DocumentType.DISCHARGE_SUMMARY, new Template("C0049", "2.16.156.10011.2.1.1.69"),
          DocumentType.OPERATION_NOTE, new Template("C0009", "2.16.156.10011.2.1.1.29"));

  /** Headings the generator starts lines with, and the LOINC code WS/T 500 gives the section. */
  private static final List<String[]> HEADINGS =
      List.of(
          new String[] {"主诉", "10154-3"},
          new String[] {"现病史", "10164-2"},
          new String[] {"既往史", "11348-0"},
          new String[] {"个人史", "29762-2"},
          new String[] {"婚育史", null},
          new String[] {"月经史", "49033-4"},
          new String[] {"家族史", "10157-6"},
          new String[] {"体格检查", "29545-1"},
          new String[] {"专科情况", null},
          new String[] {"辅助检查", "30954-2"},
          new String[] {"初步诊断", "46241-6"},
          new String[] {"入院情况", "11450-4"},
          new String[] {"入院诊断", "46241-6"},
          new String[] {"诊疗经过", "8648-8"},
          new String[] {"出院情况", null},
          new String[] {"出院诊断", "11535-2"},
          new String[] {"出院医嘱", "46209-3"},
          new String[] {"术前诊断", "10219-4"},
          new String[] {"术后诊断", "10218-6"},
          new String[] {"手术名称", "47519-4"},
          new String[] {"手术经过", "8724-7"});

  private CdaExport() {}

  /**
   * One section of a generator text: its heading (null for the lines before the first) and lines.
   */
  record Section(String title, String loinc, List<String> lines) {}

  /**
   * Writes every admission record, discharge summary and operation record to {@code directory} as
   * {@code <document id>.xml}.
   *
   * @return the number of documents written
   */
  public static int write(SyntheticHospital hospital, Path directory) throws IOException {
    Files.createDirectories(directory);
    int n = 0;
    for (GeneratedPatient g : hospital) {
      PatientRecord r = g.record();
      for (ClinicalDocument d : r.documents()) {
        if (!TEMPLATES.containsKey(d.type())) {
          continue;
        }
        Files.writeString(
            directory.resolve(d.id() + ".xml"), document(r, d), StandardCharsets.UTF_8);
        n++;
      }
    }
    return n;
  }

  /** Whether a document of this type is exported. */
  public static boolean exported(DocumentType type) {
    return TEMPLATES.containsKey(type);
  }

  /** The CDA document for {@code d}, one of {@code r}'s documents. */
  public static String document(PatientRecord r, ClinicalDocument d) {
    Template t = TEMPLATES.get(d.type());
    if (t == null) {
      throw new IllegalArgumentException("no WS/T 500 template for " + d.type());
    }
    Patient p = r.patient();
    Encounter e =
        r.encounters().stream()
            .filter(x -> x.id().equals(d.encounterId()))
            .findFirst()
            .orElse(null);
    StringBuilder x = new StringBuilder(8192);
    x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append("<ClinicalDocument xmlns=\"urn:hl7-org:v3\"")
        .append(" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\n");
    x.append("<realmCode code=\"CN\"/>\n");
    x.append("<typeId root=\"2.16.840.1.113883.1.3\" extension=\"POCD_MT000040\"/>\n");
    x.append("<templateId root=\"").append(t.templateId()).append("\"/>\n");
    x.append("<id root=\"2.16.156.10011.1.1\" extension=\"").append(esc(d.id())).append("\"/>\n");
    x.append("<code code=\"")
        .append(t.code())
        .append("\" codeSystem=\"2.16.156.10011.2.4\"")
        .append(" codeSystemName=\"卫生信息共享文档规范编码体系\"/>\n");
    x.append("<title>").append(esc(d.title())).append("</title>\n");
    x.append("<effectiveTime value=\"").append(ts(d.createdAt())).append("\"/>\n");
    x.append("<confidentialityCode code=\"N\" codeSystem=\"2.16.840.1.113883.5.25\"/>\n");
    x.append("<languageCode code=\"zh-CN\"/>\n");
    recordTarget(x, p);
    x.append("<author typeCode=\"AUT\"><time value=\"")
        .append(ts(d.createdAt()))
        .append("\"/>")
        .append("<assignedAuthor><id root=\"2.16.156.10011.1.7\"/><assignedPerson><name>")
        .append(esc(d.author() == null ? "" : d.author()))
        .append("</name></assignedPerson></assignedAuthor></author>\n");
    x.append("<custodian><assignedCustodian><representedCustodianOrganization>")
        .append("<id root=\"2.16.156.10011.1.5\" extension=\"")
        .append(FACILITY)
        .append("\"/><name>天枢合成医院</name>")
        .append("</representedCustodianOrganization></assignedCustodian></custodian>\n");
    if (d.signedAt() != null) {
      x.append("<legalAuthenticator><time value=\"")
          .append(ts(d.signedAt()))
          .append("\"/>")
          .append("<signatureCode code=\"S\"/><assignedEntity><id root=\"2.16.156.10011.1.4\"/>")
          .append("<assignedPerson><name>")
          .append(esc(d.author() == null ? "" : d.author()))
          .append("</name></assignedPerson></assignedEntity></legalAuthenticator>\n");
    }
    if (e != null) {
      encounter(x, e, d.type() == DocumentType.DISCHARGE_SUMMARY);
    }
    x.append("<component><structuredBody>\n");
    List<Section> sections = sections(d.text());
    String coded = codedEntries(r, d);
    int codedAt = codedSection(sections, d.type());
    for (int i = 0; i < sections.size(); i++) {
      section(x, sections.get(i), i == codedAt ? coded : "");
    }
    x.append("</structuredBody></component>\n</ClinicalDocument>\n");
    return x.toString();
  }

  /**
   * Splits a generator text at the lines its headings open: a line that is a heading, or starts
   * with a heading and a colon. Joining each section's heading (with {@code ：} when its first line
   * had text) and lines restores the text up to blank lines.
   */
  static List<Section> sections(String text) {
    List<Section> out = new ArrayList<>();
    String title = null;
    String loinc = null;
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      String[] heading = heading(line);
      if (heading != null) {
        if (title != null || !lines.isEmpty()) {
          out.add(new Section(title, loinc, lines));
        }
        title = heading[0];
        loinc = heading[1];
        lines = new ArrayList<>();
        String rest = line.substring(heading[0].length());
        rest = rest.startsWith("：") ? rest.substring(1) : rest;
        if (!rest.isBlank()) {
          lines.add(rest);
        }
      } else if (!line.isBlank()) {
        lines.add(line);
      }
    }
    if (title != null || !lines.isEmpty()) {
      out.add(new Section(title, loinc, lines));
    }
    return out;
  }

  private static String[] heading(String line) {
    for (String[] h : HEADINGS) {
      if (line.equals(h[0]) || line.startsWith(h[0] + "：")) {
        return h;
      }
    }
    return null;
  }

  private static void recordTarget(StringBuilder x, Patient p) {
    x.append("<recordTarget><patientRole>")
        .append("<id root=\"2.16.156.10011.1.13\" extension=\"")
        .append(esc(p.mrn()))
        .append("\" assigningAuthorityName=\"HIS\"/>");
    if (p.address() != null) {
      x.append("<addr use=\"H\"><streetAddressLine>")
          .append(esc(p.address()))
          .append("</streetAddressLine></addr>");
    }
    if (p.phone() != null) {
      x.append("<telecom value=\"tel:").append(esc(p.phone())).append("\"/>");
    }
    x.append("<patient>");
    if (p.idNumber() != null) {
      x.append("<id root=\"2.16.156.10011.1.3\" extension=\"")
          .append(esc(p.idNumber()))
          .append("\"/>");
    }
    x.append("<name>").append(esc(p.name())).append("</name>");
    x.append("<administrativeGenderCode code=\"")
        .append(p.sex().gbCode())
        .append("\" codeSystem=\"2.16.156.10011.2.3.3.4\" displayName=\"")
        .append(p.sex().chinese())
        .append("\"/>");
    x.append("<birthTime value=\"")
        .append(p.birthDate().format(DateTimeFormatter.BASIC_ISO_DATE))
        .append("\"/>");
    x.append("</patient></patientRole></recordTarget>\n");
  }

  private static void encounter(StringBuilder x, Encounter e, boolean withDischarge) {
    String code =
        switch (e.type()) {
          case INPATIENT -> "IMP";
          case EMERGENCY -> "EMER";
          case OUTPATIENT -> "AMB";
        };
    x.append("<componentOf><encompassingEncounter>")
        .append("<id root=\"2.16.156.10011.1.12\" extension=\"")
        .append(esc(e.id()))
        .append("\" assigningAuthorityName=\"")
        .append(VISIT_AUTHORITY)
        .append("\"/>")
        .append("<code code=\"")
        .append(code)
        .append("\" codeSystem=\"2.16.840.1.113883.5.4\"/>")
        .append("<effectiveTime><low value=\"")
        .append(ts(e.admittedAt()))
        .append("\"/>");
    if (withDischarge && e.dischargedAt() != null) {
      x.append("<high value=\"").append(ts(e.dischargedAt())).append("\"/>");
    }
    x.append("</effectiveTime><location><healthCareFacility><serviceProviderOrganization>");
    x.append("<asOrganizationPartOf><wholeOrganization>");
    if (e.ward() != null) {
      x.append("<id root=\"2.16.156.10011.1.27\"/><name>").append(esc(e.ward())).append("</name>");
      x.append("<asOrganizationPartOf><wholeOrganization>");
    }
    x.append("<id root=\"2.16.156.10011.1.26\"/><name>")
        .append(esc(e.department()))
        .append("</name>");
    if (e.ward() != null) {
      x.append("</wholeOrganization></asOrganizationPartOf>");
    }
    x.append("</wholeOrganization></asOrganizationPartOf>");
    x.append("</serviceProviderOrganization></healthCareFacility></location>");
    x.append("</encompassingEncounter></componentOf>\n");
  }

  private static void section(StringBuilder x, Section s, String entries) {
    x.append("<component><section>");
    if (s.loinc() != null) {
      x.append("<code code=\"")
          .append(s.loinc())
          .append("\" codeSystem=\"2.16.840.1.113883.6.1\" codeSystemName=\"LOINC\"/>");
    }
    if (s.title() != null) {
      x.append("<title>").append(esc(s.title())).append("</title>");
    }
    x.append("<text>");
    for (String line : s.lines()) {
      x.append("<paragraph>").append(esc(line)).append("</paragraph>");
    }
    x.append("</text>").append(entries).append("</section></component>\n");
  }

  /** The section the coded entries go in: the diagnoses' or operation's, else the last. */
  private static int codedSection(List<Section> sections, DocumentType type) {
    String wanted =
        switch (type) {
          case ADMISSION_NOTE -> "初步诊断";
          case DISCHARGE_SUMMARY -> "出院诊断";
          default -> "手术名称";
        };
    for (int i = 0; i < sections.size(); i++) {
      if (wanted.equals(sections.get(i).title())) {
        return i;
      }
    }
    return sections.size() - 1;
  }

  private static String codedEntries(PatientRecord r, ClinicalDocument d) {
    StringBuilder x = new StringBuilder();
    if (d.type() == DocumentType.OPERATION_NOTE) {
      r.operations().stream()
          .filter(o -> o.encounterId().equals(d.encounterId()))
          .filter(o -> d.eventAt() != null && d.eventAt().equals(o.endedAt()))
          .findFirst()
          .ifPresent(o -> operation(x, o));
      return x.toString();
    }
    DiagnosisKind kind =
        d.type() == DocumentType.ADMISSION_NOTE ? DiagnosisKind.ADMISSION : DiagnosisKind.DISCHARGE;
    int rank = 1;
    for (Diagnosis dx : r.diagnoses()) {
      if (dx.kind() == kind && dx.encounterId().equals(d.encounterId()) && dx.main()) {
        diagnosis(x, dx, kind, rank++);
      }
    }
    for (Diagnosis dx : r.diagnoses()) {
      if (dx.kind() == kind && dx.encounterId().equals(d.encounterId()) && !dx.main()) {
        diagnosis(x, dx, kind, rank++);
      }
    }
    return x.toString();
  }

  private static void diagnosis(StringBuilder x, Diagnosis dx, DiagnosisKind kind, int rank) {
    x.append("<entry><observation classCode=\"OBS\" moodCode=\"EVN\">")
        .append("<code code=\"DE05.01.024.00\" ")
        .append(DATA_ELEMENTS)
        .append(" displayName=\"")
        .append(kind.chinese())
        .append("-西医诊断编码\"/>")
        .append("<effectiveTime value=\"")
        .append(ts(dx.diagnosedAt()))
        .append("\"/>");
    coded(x, "value", dx.code(), ICD10, "ICD-10");
    x.append(
            "<entryRelationship typeCode=\"COMP\"><observation classCode=\"OBS\" moodCode=\"EVN\">")
        .append("<code code=\"DE05.01.080.00\" ")
        .append(DATA_ELEMENTS)
        .append(" displayName=\"")
        .append(kind.chinese())
        .append("顺位\"/><value xsi:type=\"INT\" value=\"")
        .append(rank)
        .append("\"/></observation></entryRelationship>");
    x.append("</observation></entry>");
  }

  private static void operation(StringBuilder x, Operation o) {
    x.append("<entry><procedure classCode=\"PROC\" moodCode=\"EVN\">");
    coded(x, "code", o.code(), ICD9CM3, "ICD-9-CM-3");
    x.append("<effectiveTime><low value=\"").append(ts(o.startedAt())).append("\"/>");
    if (o.endedAt() != null) {
      x.append("<high value=\"").append(ts(o.endedAt())).append("\"/>");
    }
    x.append("</effectiveTime>");
    if (o.surgeon() != null) {
      x.append("<performer typeCode=\"PRF\"><assignedEntity><id root=\"2.16.156.10011.1.4\"/>")
          .append("<assignedPerson><name>")
          .append(esc(o.surgeon()))
          .append("</name></assignedPerson></assignedEntity></performer>");
    }
    relation(
        x,
        "DE06.00.094.00",
        "手术(操作)名称",
        "<value xsi:type=\"ST\">" + esc(o.code().preferred().display()) + "</value>");
    if (o.level() > 0) {
      relation(
          x,
          "DE06.00.255.00",
          "手术级别",
          "<value xsi:type=\"CD\" code=\""
              + o.level()
              + "\" codeSystem=\"2.16.156.10011.2.3.1.258\" codeSystemName=\"手术级别代码表\"/>");
    }
    if (o.incisionClass() != null) {
      relation(
          x, null, "手术切口类别", "<value xsi:type=\"CD\" code=\"" + esc(o.incisionClass()) + "\"/>");
    }
    if (o.anaesthesia() != null) {
      relation(
          x,
          "DE06.00.073.00",
          "麻醉方式",
          "<value xsi:type=\"CD\" displayName=\""
              + esc(o.anaesthesia())
              + "\" codeSystem=\"2.16.156.10011.2.3.1.159\"/>");
    }
    x.append("</procedure></entry>");
  }

  private static void relation(StringBuilder x, String element, String label, String value) {
    x.append(
            "<entryRelationship typeCode=\"COMP\"><observation classCode=\"OBS\" moodCode=\"EVN\">")
        .append("<code ");
    if (element != null) {
      x.append("code=\"").append(element).append("\" ").append(DATA_ELEMENTS).append(' ');
    }
    x.append("displayName=\"")
        .append(label)
        .append("\"/>")
        .append(value)
        .append("</observation></entryRelationship>");
  }

  /**
   * A CD (or a procedure's code) in the standard system with the source's local code as a
   * translation; a code never mapped to the standard is sent in the local system alone.
   */
  private static void coded(
      StringBuilder x, String element, MappedCode code, String standardOid, String standardName) {
    Code std = code.standard();
    Code local = code.local();
    boolean localDiffers = std == null || !local.equals(std);
    Code main = std != null ? std : local;
    x.append('<').append(element);
    if (element.equals("value")) {
      x.append(" xsi:type=\"CD\"");
    }
    x.append(" code=\"").append(esc(main.code())).append('"');
    system(x, std != null ? null : local.system(), standardOid, standardName);
    x.append(" displayName=\"").append(esc(main.display())).append('"');
    if (std != null && localDiffers) {
      x.append("><translation code=\"").append(esc(local.code())).append('"');
      system(x, local.system(), standardOid, standardName);
      x.append(" displayName=\"")
          .append(esc(local.display()))
          .append("\"/></")
          .append(element)
          .append(">");
    } else {
      x.append("/>");
    }
  }

  /** A local list is named by its source system and identified by a name-based UUID. */
  private static void system(StringBuilder x, CodeSystem local, String oid, String name) {
    if (local == null) {
      x.append(" codeSystem=\"")
          .append(oid)
          .append("\" codeSystemName=\"")
          .append(name)
          .append('"');
      return;
    }
    String source = local.isLocal() ? local.id().substring("local:".length()) : local.id();
    x.append(" codeSystem=\"")
        .append(UUID.nameUUIDFromBytes(local.uri().getBytes(StandardCharsets.UTF_8)))
        .append("\" codeSystemName=\"")
        .append(esc(source))
        .append('"');
  }

  private static String ts(LocalDateTime t) {
    return TS.format(t);
  }

  private static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        default -> {
          // XML 1.0 forbids most C0 controls; the generator never writes them.
          if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
