package dev.loyalty.examples.cli;

import dev.loyalty.core.InputProblem;
import dev.loyalty.core.program.Program;
import dev.loyalty.rules.DroolsRuleEngine;
import dev.loyalty.rules.RuleCheck;
import dev.loyalty.rules.RuleSet;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code loyalty validate RULES... [--program P]}: does the rule set compile, and does the program fit it. */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Checks a rule set: every problem at file:line:column (a decision table's row and cell), "
        + "and the warnings. With --program, also checks the program file and that every parameter it sets is "
        + "one the rules read, with a value they can read.",
        "RULES: DRL files, directories of DRL files, decision tables (.xls, .xlsx, .csv), 'standard' (every "
        + "ready-made rule) or 'standard:NAME' (one of them)."})
final class ValidateCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "RULES", description = "the rule files of the rule set")
  List<String> rules;

  @Option(names = "--program", paramLabel = "P", description = "a program file (JSON) to check against the rules, "
      + "or 'standard' for the ready-made program")
  String program;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    RuleSet ruleSet = Inputs.ruleSet("validate", rules);
    RuleCheck check = DroolsRuleEngine.check(ruleSet);
    check.problems().forEach(out::println);
    check.warnings().forEach(w -> out.println("warning: " + w));
    if (!check.compiles()) {
      out.println(check.problems().size() + (check.problems().size() == 1 ? " problem" : " problems")
          + " in the rules; nothing of them would be installed");
      return LoyaltyCli.PROBLEMS;
    }
    out.println("The rules compile: " + ruleSet.sources().size() + " files" + (check.warnings().isEmpty() ? ""
        : ", " + check.warnings().size() + " warnings") + ".");
    if (program == null) {
      return LoyaltyCli.OK;
    }
    Program p;
    try {
      p = Inputs.program(program);
    } catch (InputException invalid) {
      invalid.details().forEach(out::println);
      out.println(invalid.getMessage());
      return LoyaltyCli.PROBLEMS;
    }
    List<InputProblem> problems = DroolsRuleEngine.of(ruleSet).problems(p);
    problems.forEach(problem -> out.println(program + ": " + problem));
    if (!problems.isEmpty()) {
      out.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " with the program "
          + p.id() + " as its rules read it");
      return LoyaltyCli.PROBLEMS;
    }
    out.println("The program " + p.id() + " fits the rules: every parameter it sets is read by them.");
    return LoyaltyCli.OK;
  }
}
