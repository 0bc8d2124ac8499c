package dev.loyalty.rules.internal;

import dev.loyalty.rules.RuleCheck;
import dev.loyalty.rules.RuleCompilationException;
import dev.loyalty.rules.RuleProblem;
import dev.loyalty.rules.RuleSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.builder.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a rule set, or finds every problem in it. The checks run first; then Drools compiles
 * what is left, and each rule it refuses is blanked and the rest compiled again, until Drools has
 * nothing more to say. A rule set with no problem is compiled exactly once.
 */
public final class RuleCompiler {
  private static final Logger LOG = LoggerFactory.getLogger(RuleCompiler.class);
  private static final int MAX_ROUNDS = 12;
  private static final int MAX_ISOLATED_RULES = 40;
  private static final Pattern CONSTANT_EVAL = Pattern.compile("\\beval\\s*\\(");

  private final ClassLoader loader;

  /** A compiler resolving DRL's classes (Drools, the facts, host classes) through {@code loader}. */
  public RuleCompiler(ClassLoader loader) {
    this.loader = loader;
  }

  /**
   * The compiled rule set.
   *
   * @throws RuleCompilationException with every problem found
   */
  public CompiledRuleSet compile(RuleSet ruleSet, Limits limits) {
    long started = System.nanoTime();
    Outcome outcome = run(ruleSet);
    if (!outcome.problems.isEmpty()) {
      throw new RuleCompilationException(ruleSet.version(), outcome.problems);
    }
    CompiledRuleSet compiled = new CompiledRuleSet(ruleSet.version(), ruleSet.effectiveFrom(),
        outcome.base.orElseThrow(), limits, loader, outcome.windows, outcome.warnings, outcome.sites,
        outcome.reads);
    LOG.debug("compiled rule set {} ({} files) in {} ms", ruleSet.version(), ruleSet.sources().size(),
        (System.nanoTime() - started) / 1_000_000);
    return compiled;
  }

  /** Every problem of {@code ruleSet} (empty when it compiles), and its warnings. */
  public RuleCheck check(RuleSet ruleSet) {
    Outcome outcome = run(ruleSet);
    return new RuleCheck(outcome.problems, outcome.warnings);
  }

  private record Outcome(Optional<KieBase> base, List<RuleProblem> problems, List<RuleProblem> warnings,
      Map<String, DateWindow> windows, Map<String, RuleSite> sites, ParameterReads reads) {
  }

  private Outcome run(RuleSet ruleSet) {
    List<SourceFile> files = new ArrayList<>();
    for (int i = 0; i < ruleSet.sources().size(); i++) {
      files.add(new SourceFile(i, ruleSet.sources().get(i)));
    }
    Map<String, DateWindow> windows = new HashMap<>();
    Map<String, RuleSite> sites = new HashMap<>();
    DrlChecker checker = new DrlChecker(loader, ruleSet.trusted());
    for (DrlChecker.RuleSeen rule : checker.check(files)) {
      rule.window().ifPresent(w -> windows.put(RuleIndex.key(rule.pkg(), rule.name()), w));
      sites.putIfAbsent(RuleIndex.key(rule.pkg(), rule.name()), rule.site());
    }
    Optional<KieBase> base = Optional.empty();
    for (int round = 0; round < MAX_ROUNDS; round++) {
      List<SourceFile> buildable = files.stream().filter(f -> !f.broken).toList();
      if (buildable.isEmpty()) {
        break;
      }
      DroolsBuild.Result result = DroolsBuild.build(buildable, loader);
      if (result.base().isPresent()) {
        base = result.base();
        BuildMessages.warnings(result.warnings(), buildable);
        break;
      }
      if (result.crash().isPresent()) {
        isolateCrash(buildable, result.crash().get());
        break;
      }
      BuildMessages.Mapped mapped = BuildMessages.map(result.errors(), buildable);
      if (!mapped.unplaced().isEmpty()) {
        placeByFile(mapped.unplaced(), buildable);
        break;
      }
      boolean progress = false;
      for (BuildMessages.Culprit culprit : mapped.culprits()) {
        progress |= culprit.file().blankBlockAt(culprit.line());
      }
      if (!progress) {
        break;
      }
    }
    List<RuleProblem> problems = new ArrayList<>();
    List<RuleProblem> warnings = new ArrayList<>();
    Comparator<RuleProblem> byPlace = Comparator.comparingInt(RuleProblem::line).thenComparingInt(RuleProblem::column);
    for (SourceFile file : files) {
      file.problems.stream().sorted(byPlace).forEach(problems::add);
      file.warnings.stream().sorted(byPlace).forEach(warnings::add);
    }
    if (problems.isEmpty() && base.isEmpty()) {
      // Drools refused something none of the mappings recognised: still refuse, never half-build.
      problems.add(new RuleProblem(files.get(0).source.name(), 1, 1, Optional.empty(), RuleProblem.Kind.OTHER,
          "Drools could not compile the rule set and gave no reason the checks could place"));
    }
    return new Outcome(problems.isEmpty() ? base : Optional.empty(), problems, warnings, Map.copyOf(windows),
        Map.copyOf(sites), checker.reads);
  }

  /**
   * Errors that name no DRL position nor rule: compile each file alone to learn which file they
   * come from (the brief: each error names its file), then report them there.
   */
  private void placeByFile(List<Message> unplaced, List<SourceFile> buildable) {
    if (buildable.size() == 1) {
      for (Message m : unplaced) {
        buildable.get(0).problem(1, 1, Optional.empty(), RuleProblem.Kind.OTHER, "Drools: " + firstLine(m));
      }
      return;
    }
    boolean placed = false;
    for (SourceFile file : buildable) {
      DroolsBuild.Result alone = DroolsBuild.build(List.of(file), loader);
      if (alone.base().isPresent()) {
        continue;
      }
      placed = true;
      if (alone.crash().isPresent()) {
        isolateCrash(List.of(file), alone.crash().get());
        continue;
      }
      BuildMessages.Mapped mapped = BuildMessages.map(alone.errors(), List.of(file));
      for (Message m : mapped.unplaced()) {
        file.problem(1, 1, Optional.empty(), RuleProblem.Kind.OTHER, "Drools: " + firstLine(m));
      }
    }
    if (!placed) {
      // each file compiles alone: the files clash with each other
      for (Message m : unplaced) {
        buildable.get(0).problem(1, 1, Optional.empty(), RuleProblem.Kind.OTHER,
            "Drools refused the files together (each compiles alone): " + firstLine(m));
      }
    }
  }

  /**
   * Drools threw instead of reporting: compile each rule alone to find which ones make it throw.
   */
  private void isolateCrash(List<SourceFile> buildable, Throwable crash) {
    for (SourceFile file : buildable) {
      DroolsBuild.Result alone = buildable.size() == 1 ? null : DroolsBuild.build(List.of(file), loader);
      if (alone != null && alone.crash().isEmpty()) {
        if (alone.base().isEmpty()) {
          BuildMessages.map(alone.errors(), List.of(file));
        }
        continue;
      }
      List<DrlText.Block> rules = file.current.blocks().stream().filter(DrlText.Block::isRule).toList();
      boolean found = false;
      DrlText whole = file.current;
      for (DrlText.Block rule : rules.subList(0, Math.min(rules.size(), MAX_ISOLATED_RULES))) {
        DrlText only = whole;
        for (DrlText.Block other : rules) {
          if (other != rule) {
            only = only.blank(other);
          }
        }
        file.current = only;
        DroolsBuild.Result one = DroolsBuild.build(List.of(file), loader);
        if (one.crash().isPresent()) {
          found = true;
          crashedRule(file, rule, one.crash().get());
        } else if (one.base().isEmpty()) {
          found = true;
          file.current = only;
          BuildMessages.map(one.errors(), List.of(file));
        }
      }
      file.current = whole;
      if (!found) {
        file.problem(1, 1, Optional.empty(), RuleProblem.Kind.OTHER,
            "Drools failed on this file: " + cause(alone != null ? alone.crash().get() : crash));
      }
    }
  }

  /**
   * A rule Drools threw on while building it. If it has an {@code eval} that reads no variable, that
   * is the usual culprit: the executable model runs a condition of constants once, at build time.
   */
  private static void crashedRule(SourceFile file, DrlText.Block rule, Throwable crash) {
    int from = file.original.offsetOf(rule.firstLine());
    int to = rule.lastLine() < file.original.lineCount() ? file.original.offsetOf(rule.lastLine() + 1)
        : file.original.text().length();
    String code = DrlBlanks.blank(file.original.text().substring(from, to));
    Matcher eval = CONSTANT_EVAL.matcher(code);
    while (eval.find()) {
      int close = closing(code, eval.end() - 1);
      if (close > 0 && code.substring(eval.end(), close).indexOf('$') < 0) {
        file.problemAt(from + eval.start(), Optional.of(rule.name()), RuleProblem.Kind.OTHER, "this condition threw "
            + cause(crash) + " while the rule set was built: Drools tests a condition that reads no fact once, when "
            + "it builds the rule set; compute the value in the consequence, or test a fact's field");
        return;
      }
    }
    file.problem(rule.firstLine(), 1, Optional.of(rule.name()), RuleProblem.Kind.OTHER,
        "Drools threw " + cause(crash) + " while building this rule");
  }

  /** The offset of the bracket closing the one at {@code open}, or -1. */
  private static int closing(String code, int open) {
    int depth = 0;
    for (int i = open; i < code.length(); i++) {
      depth += code.charAt(i) == '(' ? 1 : code.charAt(i) == ')' ? -1 : 0;
      if (depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** "ArithmeticException: Division by zero": the innermost cause, in terms of the Java an author wrote. */
  private static String cause(Throwable crash) {
    Throwable root = crash;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
  }

  private static String firstLine(Message m) {
    String text = m.getText().strip();
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }
}
