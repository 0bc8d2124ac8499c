package dev.loyalty.core;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * One thing wrong with a JSON document (an activity, a program definition): where, as a JSONPath
 * ({@code $.lines[2].quantity}), and what, in a sentence.
 *
 * @param path    never null or blank
 * @param message never null or blank
 */
public record InputProblem(String path, String message) implements Serializable {
  private static final long serialVersionUID = 1L;

  public InputProblem {
    requireNonNull(path, "path");
    requireNonNull(message, "message");
    if (path.isBlank() || message.isBlank()) {
      throw new IllegalArgumentException("a problem needs a path and a message, got '" + path + "' and '"
          + message + "'");
    }
  }

  /** {@code path: message}, as the exceptions list it. */
  @Override
  public String toString() {
    return path + ": " + message;
  }
}
