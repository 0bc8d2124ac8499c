package dev.loyalty.core.activity;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A typed attribute of a {@link CustomActivity}. */
public sealed interface AttributeValue {

  /** Text. @param value never null */
  record Text(String value) implements AttributeValue {
    public Text {
      requireNonNull(value, "value");
    }
  }

  /** An exact number. @param value never null */
  record Number(BigDecimal value) implements AttributeValue {
    public Number {
      value = Decimals.normalize(requireNonNull(value, "value"));
    }
  }

  /** True or false. */
  record Flag(boolean value) implements AttributeValue {
  }

  /** A calendar date. @param value never null */
  record Date(LocalDate value) implements AttributeValue {
    public Date {
      requireNonNull(value, "value");
    }
  }
}
