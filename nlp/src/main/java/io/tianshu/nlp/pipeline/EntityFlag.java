package io.tianshu.nlp.pipeline;

/** A context assertion the context stage attaches to an entity. */
public enum EntityFlag {
  /** Explicitly absent: 否认高血压, 无发热, 未见异常. */
  NEGATED,
  /** Possible but not confirmed: 考虑肺炎, 肺癌待排, 胆囊炎？ */
  UNCERTAIN,
  /** Belongs to the patient's past, not the current episode: 既往史, 高血压病史, 10年前. */
  HISTORICAL,
  /** Experienced by someone else, usually a relative: 家族史, 父亲患糖尿病. */
  FAMILY
}
