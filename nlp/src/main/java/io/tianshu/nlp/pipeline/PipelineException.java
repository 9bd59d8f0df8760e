package io.tianshu.nlp.pipeline;

import io.tianshu.core.error.ErrorCode;
import io.tianshu.core.error.TianshuException;

/** A pipeline that cannot work as assembled, e.g. a stage whose needed layer nobody produces. */
public final class PipelineException extends TianshuException {

  /** Stable code for an unmet stage need. */
  public static final ErrorCode UNMET_NEED =
      new ErrorCode("TS-NLP-001", 500, "NLP stage need not met");

  /** Stable code for a stage that did not produce what it declared. */
  public static final ErrorCode BROKEN_PROMISE =
      new ErrorCode("TS-NLP-003", 500, "NLP stage did not produce a declared layer");

  public PipelineException(ErrorCode code, String message) {
    super(code, code.code() + " " + message);
  }
}
