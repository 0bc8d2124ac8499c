package dev.loyalty.rules.internal;

import dev.loyalty.core.InputProblem;
import dev.loyalty.core.json.internal.JsonPaths;
import dev.loyalty.core.json.internal.Suggestions;
import dev.loyalty.core.program.Program;
import dev.loyalty.rules.standard.PeriodCaps;
import dev.loyalty.rules.standard.StandardParameters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A program's parameters against what the installed rule sets read: every parameter and campaign
 * parameter must be read by some rule of some installed rule set (a name none reads is almost
 * always a misspelling, which would silently switch a rule off), a parameter a ready-made rule
 * reads must hold a value it can read, and a cap per period must name a rule one of them has.
 * Stateless.
 */
public final class ParameterProblems {
  private static final String PARAMETERS = member(JsonPaths.ROOT, "parameters");
  private static final String CAMPAIGNS = member(JsonPaths.ROOT, "campaigns");

  private ParameterProblems() {
  }

  /** Every problem of {@code program} for {@code ruleSets}; empty if none is installed; never null. */
  public static List<InputProblem> of(Program program, Collection<CompiledRuleSet> ruleSets) {
    if (ruleSets.isEmpty()) {
      return List.of();
    }
    ParameterReads reads = new ParameterReads();
    List<String> versions = new ArrayList<>();
    Set<String> ruleIds = new TreeSet<>();
    for (CompiledRuleSet ruleSet : ruleSets) {
      reads.addAll(ruleSet.parameterReads());
      versions.add(ruleSet.version());
      ruleIds.addAll(ruleSet.ruleIds());
    }
    String ofRuleSets = "rule set" + (versions.size() == 1 ? " " : "s ") + String.join(", ", versions);
    List<InputProblem> problems = new ArrayList<>(StandardParameters.valueProblems(program, reads::reads));
    for (String name : new TreeSet<>(program.parameters().keySet())) {
      // a cap on a rule no rule set has would never cut anything: almost always a misspelt id
      PeriodCaps.ruleOf(name).filter(rule -> reads.reads(name) && !ruleIds.contains(rule)).ifPresent(rule ->
          problems.add(new InputProblem(member(PARAMETERS, name), "caps rule '" + rule + "', which no rule of "
              + ofRuleSets + " has" + Suggestions.closest(rule, ruleIds).map(s -> "; did you mean '" + s + "'?")
              .orElse(""))));
    }
    if (reads.open()) {
      return List.copyOf(problems); // a rule reads names the DRL does not show: any name may be one of them
    }
    String notRead = "is not read by any rule of " + ofRuleSets;
    for (String name : new TreeSet<>(program.parameters().keySet())) {
      if (!reads.reads(name)) {
        problems.add(new InputProblem(member(PARAMETERS, name), notRead + suggestion(name, reads)));
      }
    }
    for (int i = 0; i < program.campaigns().size(); i++) {
      for (String name : new TreeSet<>(program.campaigns().get(i).parameters().keySet())) {
        if (!reads.reads(name)) {
          problems.add(new InputProblem(member(member(JsonPaths.index(CAMPAIGNS, i), "parameters"), name), notRead + suggestion(name, reads)));
        }
      }
    }
    return List.copyOf(problems);
  }

  private static String suggestion(String name, ParameterReads reads) {
    return StandardParameters.renamed(name).map(s -> "; " + s).orElseGet(() -> PeriodCaps.suggestion(name)
        .filter(reads::reads).or(() -> Suggestions.closest(name, reads.known())).map(s -> "; did you mean '" + s + "'?")
        .orElse(""));
  }

  /** A field's path as the program loader writes it: {@code $.parameters['earn.points']}. */
  private static String member(String path, String name) {
    return JsonPaths.PLAIN_OR_DOLLAR.member(path, name);
  }
}
