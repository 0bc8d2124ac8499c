package dev.loyalty.examples.cli;

import java.util.List;

/** An input the CLI cannot use: a missing file, an invalid program, rules that do not compile. Exit code 4. */
final class InputException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> details;

  InputException(String message, List<String> details) {
    super(message);
    this.details = List.copyOf(details);
  }

  InputException(String message) {
    this(message, List.of());
  }

  /** One line per problem, each naming where it is (file:line:column, a JSON path). */
  List<String> details() {
    return details;
  }
}
