package io.tianshu.query.export;

import io.tianshu.query.criteria.Count;
import io.tianshu.query.criteria.EventCriterion;
import java.util.Objects;

/**
 * The facts an event criterion of the criteria language selects around the index time, reduced to
 * one value: the first troponin within 24 h, the number of aspirin doses in the stay, whether a PCI
 * was done within 30 days.
 *
 * @param name the column name
 * @param aggregate how the facts become one value
 * @param field which value of a fact a value aggregate reads; null for the others
 * @param distinct what {@link Aggregate#COUNT} counts ({@code FACT} otherwise)
 * @param criterion which facts, with the criterion's window and {@code sameEncounter} relating them
 *     to the index event; its {@code count} is not used
 */
public record FactVariable(
    String name,
    Aggregate aggregate,
    FactField field,
    Count.Distinct distinct,
    EventCriterion criterion)
    implements Variable {

  public FactVariable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(aggregate, "aggregate");
    Objects.requireNonNull(criterion, "criterion");
    distinct = distinct == null ? Count.Distinct.FACT : distinct;
    if (aggregate.readsField()) {
      Objects.requireNonNull(field, "a value aggregate needs a field");
      if (!field.appliesTo(criterion.domain())) {
        throw new IllegalArgumentException(field + " is not a field of " + criterion.domain());
      }
      if (aggregate.numeric() && field.type() != ColumnType.DOUBLE) {
        throw new IllegalArgumentException(aggregate + " needs a numeric field");
      }
    } else if (field != null) {
      throw new IllegalArgumentException(aggregate + " reads no field");
    }
  }

  @Override
  public ColumnType type() {
    return aggregate.fixedType() != null ? aggregate.fixedType() : field.type();
  }
}
