package io.tianshu.ingest.hl7v2;

import static io.tianshu.ingest.hl7v2.MappingContext.emptyToNull;
import static io.tianshu.ingest.hl7v2.MappingContext.firstNonEmpty;

import io.tianshu.core.code.Code;
import io.tianshu.core.code.CodeSystem;
import io.tianshu.core.code.MappedCode;
import io.tianshu.core.record.MedicationOrder;
import io.tianshu.core.record.OrderCategory;
import io.tianshu.core.record.Patient;
import io.tianshu.core.record.PatientIdentifier;
import io.tianshu.ingest.IngestErrorCode;
import io.tianshu.ingest.IngestException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Maps ORM^O01 and OML^O21 pharmacy orders: one {@link MedicationOrder} per ORC with an RXO (or
 * RXE) after it. Lab and exam orders (ORC with OBR only) have no CDR record type yet and are
 * quarantined as unsupported, so they wait rather than vanish.
 */
final class OrderMapping {

  private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(?:\\.\\d+)?");

  private OrderMapping() {}

  static MappedMessage map(MappingContext c) {
    IndexedSegment pid = c.first("PID");
    if (pid == null) {
      throw new IngestException(IngestErrorCode.PID_SEGMENT_MISSING, "PID segment missing");
    }
    PatientMapping.PatientKey key = PatientMapping.patientKey(pid, c);
    Patient patient = PatientMapping.demographics(pid, key, c, false);
    IndexedSegment pv1 = c.first("PV1");
    String visit = pv1 == null ? "" : Fields.get(pv1.segment(), 19, 1);
    String encounterId =
        visit.isEmpty()
            ? "unlinked:" + key.patientId()
            : "visit:" + c.header().sourceSystem() + "|" + visit;
    List<MedicationOrder> orders = new ArrayList<>();
    IndexedSegment orc = null;
    for (IndexedSegment s : c.segments()) {
      switch (s.segment().getName()) {
        case "ORC" -> orc = s;
        case "RXO", "RXE" -> {
          if (orc == null) {
            throw new IngestException(
                IngestErrorCode.ORDER_ID_MISSING,
                s.segment().getName() + " " + s.index() + " has no ORC before it");
          }
          orders.add(order(c, key, encounterId, orc, s));
        }
        default -> {
          // OBR, DG1, NTE, OBX, TQ1, RXR: not stored as orders here; the raw message keeps them.
        }
      }
    }
    if (orders.isEmpty()) {
      throw new IngestException(
          IngestErrorCode.UNSUPPORTED_MESSAGE_TYPE,
          c.header().typeAndTrigger()
              + " without RXO/RXE: lab and exam orders have no CDR record type yet");
    }
    List<PatientIdentifier> identifiers = key.identifiers();
    return new MappedMessage(
        c.header().typeAndTrigger(),
        c.header().controlId(),
        c.header().sourceSystem(),
        identifiers,
        patient == null ? List.of() : List.of(patient),
        List.of(),
        List.of(),
        List.of(),
        null,
        List.of(),
        List.of(),
        orders);
  }

  private static MedicationOrder order(
      MappingContext c,
      PatientMapping.PatientKey key,
      String encounterId,
      IndexedSegment orc,
      IndexedSegment rx) {
    String number = firstNonEmpty(Fields.get(orc.segment(), 2, 1), Fields.get(orc.segment(), 3, 1));
    if (number.isEmpty()) {
      throw new IngestException(
          IngestErrorCode.ORDER_ID_MISSING,
          "ORC " + orc.index() + ": ORC-2 placer and ORC-3 filler order number both missing");
    }
    boolean rxe = rx.segment().getName().equals("RXE");
    int codeField = rxe ? 2 : 1;
    String code = Fields.get(rx.segment(), codeField, 1);
    if (code.isEmpty()) {
      throw new IngestException(
          IngestErrorCode.OBSERVATION_INCOMPLETE,
          rx.segment().getName() + "-" + codeField + " drug code missing");
    }
    String system = Fields.get(rx.segment(), codeField, 3);
    MappedCode item =
        new MappedCode(
            Code.of(
                CodeSystem.local(system.isEmpty() ? c.header().sourceSystem() : system),
                code,
                Fields.get(rx.segment(), codeField, 2)),
            null);
    String amount = Fields.get(rx.segment(), rxe ? 3 : 2, 1);
    Double dose = NUMBER.matcher(amount).matches() ? Double.valueOf(amount) : null;
    String unit =
        firstNonEmpty(
            Fields.get(rx.segment(), rxe ? 5 : 4, 2), Fields.get(rx.segment(), rxe ? 5 : 4, 1));
    LocalDateTime start =
        MappingContext.firstNonNull(
            c.time().dateTime(Fields.get(orc.segment(), 15, 1), "ORC-15"),
            MappingContext.firstNonNull(
                c.time().dateTime(Fields.get(orc.segment(), 9, 1), "ORC-9"),
                c.time().dateTime(Fields.get(c.first("MSH").segment(), 7, 1), "MSH-7")));
    if (start == null) {
      throw new IngestException(
          IngestErrorCode.OBSERVATION_INCOMPLETE,
          "ORC " + orc.index() + ": no order time (ORC-15, ORC-9 and MSH-7 empty)");
    }
    String control = Fields.get(orc.segment(), 1, 1);
    // DC discontinues and CA cancels: the order stops at the transaction time.
    LocalDateTime stop =
        control.equals("DC") || control.equals("CA")
            ? MappingContext.firstNonNull(
                c.time().dateTime(Fields.get(orc.segment(), 9, 1), "ORC-9"), start)
            : null;
    IndexedSegment rxr = next(c, rx, "RXR");
    return new MedicationOrder(
        "order:" + c.header().sourceSystem() + "|" + number,
        key.patientId(),
        encounterId,
        OrderCategory.DRUG,
        item,
        dose,
        emptyToNull(unit),
        rxr == null
            ? null
            : emptyToNull(
                firstNonEmpty(
                    Fields.encodedComponent(rxr.segment(), 1, 2),
                    Fields.encodedComponent(rxr.segment(), 1, 1))),
        emptyToNull(Fields.get(orc.segment(), 7, 2)),
        false,
        start,
        stop != null && stop.isBefore(start) ? start : stop,
        emptyToNull(PatientMapping.person(orc.segment(), 12)),
        c.provenance(rx));
  }

  /** The first segment named {@code name} after {@code from} and before the next ORC. */
  private static IndexedSegment next(MappingContext c, IndexedSegment from, String name) {
    for (IndexedSegment s : c.segments()) {
      if (s.index() <= from.index()) {
        continue;
      }
      if (s.segment().getName().equals("ORC")) {
        return null;
      }
      if (s.segment().getName().equals(name)) {
        return s;
      }
    }
    return null;
  }
}
