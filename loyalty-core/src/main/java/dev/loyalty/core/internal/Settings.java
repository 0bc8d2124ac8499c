package dev.loyalty.core.internal;

import static java.util.Objects.requireNonNull;

/** What the library's builders share: a setting may be given once. */
public final class Settings {
  private Settings() {
  }

  /**
   * {@code value}, for a setting {@code name} whose value so far is {@code current} (null when not
   * set yet).
   *
   * @throws NullPointerException  if {@code value} is null
   * @throws IllegalStateException if the setting was given before
   */
  public static <T> T once(T current, T value, String name) {
    requireNonNull(value, name);
    if (current != null) {
      throw new IllegalStateException(name + " was already set");
    }
    return value;
  }
}
