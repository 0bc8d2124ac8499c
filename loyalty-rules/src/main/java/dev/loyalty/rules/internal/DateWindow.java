package dev.loyalty.rules.internal;

import java.time.LocalDate;
import java.util.Optional;

/**
 * The days a rule applies to, from its {@code date-effective} (included) and {@code date-expires}
 * (excluded), compared with the activity's day in the program's time zone.
 *
 * @param from  the first day, if the rule has a {@code date-effective}
 * @param until the first day it no longer applies to, if it has a {@code date-expires}
 */
record DateWindow(Optional<LocalDate> from, Optional<LocalDate> until) {
  /** Whether an activity on {@code day} is in the window. */
  boolean contains(LocalDate day) {
    return from.map(f -> !day.isBefore(f)).orElse(true) && until.map(day::isBefore).orElse(true);
  }
}
