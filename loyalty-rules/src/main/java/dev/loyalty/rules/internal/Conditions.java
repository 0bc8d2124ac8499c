package dev.loyalty.rules.internal;

import java.util.function.Consumer;
import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.ConditionalElementDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.PatternDescr;

/**
 * Walks a rule's conditions as the parser gave them: every pattern (those inside {@code not},
 * {@code or}, {@code accumulate} and {@code collect} too) and every {@code eval}, so that each check
 * looks at what it cares about without walking the tree again. Stateless.
 */
final class Conditions {
  private Conditions() {
  }

  /** Calls {@code visit} with each pattern and each eval under {@code descr}, in the order written. */
  static void forEach(BaseDescr descr, Consumer<BaseDescr> visit) {
    if (descr instanceof PatternDescr pattern) {
      visit.accept(pattern);
      if (pattern.getSource() instanceof AccumulateDescr acc) {
        forEach(acc.getInput(), visit);
      } else if (pattern.getSource() instanceof CollectDescr collect) {
        forEach(collect.getInputPattern(), visit);
      }
    } else if (descr instanceof EvalDescr eval) {
      visit.accept(eval);
    } else if (descr instanceof ConditionalElementDescr ce) {
      for (Object child : ce.getDescrs()) {
        if (child instanceof BaseDescr b) {
          forEach(b, visit);
        }
      }
    }
  }
}
