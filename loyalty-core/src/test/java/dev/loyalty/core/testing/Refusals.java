package dev.loyalty.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Supplier;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** The check every refusal gets: the exception, the parts of its message, and nothing changed. */
public final class Refusals {
  private Refusals() {
  }

  /**
   * Asserts that {@code call} throws {@code type} with every one of {@code messageParts} in its
   * message, and that {@code state} reads the same before and after.
   */
  public static void refused(Supplier<?> state, ThrowingCallable call, Class<? extends Throwable> type,
      String... messageParts) {
    Object before = state.get();
    var thrown = assertThatThrownBy(call).isInstanceOf(type);
    for (String part : messageParts) {
      thrown.hasMessageContaining(part);
    }
    assertThat(state.get()).isEqualTo(before);
  }
}
