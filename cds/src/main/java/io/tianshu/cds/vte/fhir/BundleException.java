package io.tianshu.cds.vte.fhir;

/** A bundle that cannot be assessed, with a stable code. */
public final class BundleException extends RuntimeException {
  private final String code;

  public BundleException(String code, String message) {
    super(code + " " + message);
    this.code = code;
  }

  public String code() {
    return code;
  }
}
