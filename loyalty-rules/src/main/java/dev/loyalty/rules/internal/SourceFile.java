package dev.loyalty.rules.internal;

import dev.loyalty.rules.RuleProblem;
import dev.loyalty.rules.RuleSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One DRL file during compilation: the author's text, the text handed to Drools (with the blocks
 * already known to be wrong blanked out, so that one bad rule does not hide the problems of the
 * others), and the problems found so far.
 */
final class SourceFile {
  private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([A-Za-z_][\\w.]*)");
  final int index;
  final RuleSource source;
  final DrlText original;
  DrlText current;
  /** Set when the file cannot be checked further (a syntax error outside any rule). */
  boolean broken;
  final List<RuleProblem> problems = new ArrayList<>();

  SourceFile(int index, RuleSource source) {
    this.index = index;
    this.source = source;
    this.original = new DrlText(source.drl());
    this.current = original;
  }

  /**
   * The path Drools is given for this file (and reports errors under): in the folder of its
   * package, or Drools warns about every build.
   */
  String resourcePath() {
    Matcher pkg = PACKAGE.matcher(source.drl());
    String folder = pkg.find() ? pkg.group(1).replace('.', '/') + "/" : "";
    return folder + "loyalty-source-" + index + ".drl";
  }

  /** Records a problem at 1-based {@code line} and {@code column}, in {@code rule} if known. */
  void problem(int line, int column, Optional<String> rule, RuleProblem.Kind kind, String message) {
    int safeLine = Math.max(1, Math.min(line, original.lineCount()));
    RuleProblem p = new RuleProblem(source.name(), safeLine, Math.max(1, column), rule, kind, message);
    if (!problems.contains(p)) {
      problems.add(p);
    }
  }

  /** Records a problem at {@code offset} of the text. */
  void problemAt(int offset, Optional<String> rule, RuleProblem.Kind kind, String message) {
    problem(original.lineOf(offset), original.columnOf(offset), rule, kind, message);
  }

  /** Blanks the block containing 1-based {@code line}; returns false if the line is in no block. */
  boolean blankBlockAt(int line) {
    Optional<DrlText.Block> block = current.blockAt(line);
    block.ifPresent(b -> current = current.blank(b));
    return block.isPresent();
  }

  /** Blanks the rule named {@code name}; returns false if there is no such rule left. */
  boolean blankRule(String name) {
    Optional<DrlText.Block> block = current.rule(name);
    block.ifPresent(b -> current = current.blank(b));
    return block.isPresent();
  }

  /** The name of the rule whose block contains 1-based {@code line}, if any. */
  Optional<String> ruleAt(int line) {
    return original.blockAt(line).filter(DrlText.Block::isRule).map(DrlText.Block::name);
  }
}
