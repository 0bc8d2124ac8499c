package dev.loyalty.ledger;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * An account's posted movements effective in {@code [from, to)}:
 * {@code closing == opening + sum(line amounts)}.
 *
 * @param account never null
 * @param from    inclusive; never null
 * @param to      exclusive; never null
 * @param opening the posted balance effective before {@code from}
 * @param lines   in effective-time order (then id); never null
 * @param closing the posted balance effective before {@code to}
 */
public record Statement(AccountId account, Instant from, Instant to, long opening, List<StatementLine> lines,
    long closing) {
  public Statement {
    requireNonNull(account, "account");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    lines = List.copyOf(requireNonNull(lines, "lines"));
  }
}
