package dev.loyalty.rules.internal;

import java.util.Map;
import java.util.Optional;

/**
 * Where a compiled rule came from, for messages about an evaluation that failed: the rule's place
 * ({@code points.drl:12:1}, or {@code incentives.csv row 11} for a decision table's rule) and the
 * place of each of its conditions, by the text Drools names them with.
 *
 * @param where      the rule's place; never null
 * @param conditions each condition's text ({@code total.amount > $limit}, {@code eval(...)}) to its
 *                   place; never null
 */
record RuleSite(String where, Map<String, String> conditions) {
  RuleSite {
    conditions = Map.copyOf(conditions);
  }

  /** The place of the condition written {@code text}, if the rule has it. */
  Optional<String> condition(String text) {
    return Optional.ofNullable(conditions.get(text.strip()));
  }

  /** The rule's only {@code eval}, if it has exactly one: its text and place. */
  Optional<Map.Entry<String, String>> onlyEval() {
    var evals = conditions.entrySet().stream().filter(e -> e.getKey().startsWith("eval(")).toList();
    return evals.size() == 1 ? Optional.of(evals.get(0)) : Optional.empty();
  }
}
