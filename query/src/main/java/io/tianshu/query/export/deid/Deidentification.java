package io.tianshu.query.export.deid;

import io.tianshu.core.record.PatientRecord;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDateTime;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The rules of a de-identified research export, keyed by a per-installation secret: a pseudonym per
 * patient, one date shift per patient, ages of 90 and over top-coded, and free text scrubbed. The
 * same secret gives the same pseudonyms and shifts in every export, so a registry can be refreshed
 * and its rows still line up; a different secret gives unlinkable exports.
 */
public final class Deidentification {

  /**
   * Ages from this value up are reported as this value: HIPAA Safe Harbor (45 CFR
   * 164.514(b)(2)(i)(C)) allows ages over 89 only as a single category of 90 or older.
   */
  public static final int AGE_TOP_CODE = 90;

  private static final String HMAC = "HmacSHA256";
  private static final int PSEUDONYM_BYTES = 8;

  private final SecretKeySpec key;
  private final DateShiftRange shiftRange;

  /**
   * @param secret the installation's de-identification secret, at least 16 bytes; never written
   *     into an export or its manifest
   * @param shiftRange how far dates move
   */
  public Deidentification(byte[] secret, DateShiftRange shiftRange) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < 16) {
      throw new IllegalArgumentException("the de-identification secret must be at least 16 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), HMAC);
    this.shiftRange = Objects.requireNonNull(shiftRange, "shiftRange");
  }

  public DateShiftRange shiftRange() {
    return shiftRange;
  }

  /**
   * The patient's pseudonym: the first 64 bits of HMAC-SHA256(secret, patient id) in hex. Keyed, so
   * nobody without the secret can recompute it from a known patient id.
   */
  public String pseudonym(String patientId) {
    byte[] mac = mac("pseudonym", patientId);
    return HexFormat.of().formatHex(mac, 0, PSEUDONYM_BYTES);
  }

  /**
   * The patient's date shift in whole days: never 0, between {@link DateShiftRange#minDays} and
   * {@link DateShiftRange#maxDays} earlier or later, the same for every date of the patient.
   */
  public int shiftDays(String patientId) {
    byte[] mac = mac("date-shift", patientId);
    long bits = 0;
    for (int i = 0; i < 8; i++) {
      bits = (bits << 8) | (mac[i] & 0xff);
    }
    int span = shiftRange.maxDays() - shiftRange.minDays() + 1;
    int magnitude = shiftRange.minDays() + (int) Long.remainderUnsigned(bits, span);
    return (mac[8] & 1) == 0 ? magnitude : -magnitude;
  }

  /** {@code at} moved by the patient's shift; null stays null. */
  public LocalDateTime shift(String patientId, LocalDateTime at) {
    return at == null ? null : at.plusDays(shiftDays(patientId));
  }

  /** The age as a de-identified export reports it: 90 and over become 90. */
  public static int topCodedAge(int age) {
    return Math.min(age, AGE_TOP_CODE);
  }

  /** A scrubber for the free text of this patient's record. */
  public TextScrubber scrubberFor(PatientRecord record) {
    return new TextScrubber(PatientIdentifiers.of(record), shiftDays(record.patient().id()));
  }

  private byte[] mac(String purpose, String patientId) {
    Objects.requireNonNull(patientId, "patientId");
    try {
      // A fresh Mac per call: Mac objects are not thread-safe, and this costs microseconds.
      Mac mac = Mac.getInstance(HMAC);
      mac.init(key);
      // The purpose keeps pseudonyms and shifts independent though they share one secret.
      mac.update(purpose.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(patientId.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "Deidentification[shift=" + shiftRange + "]";
  }
}
