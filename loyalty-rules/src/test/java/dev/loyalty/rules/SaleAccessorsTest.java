package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleOutcome;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code Sale} is a final class that computes its total and categories once (it was a record): the
 * executable model must still read {@code total}, {@code categories}, {@code lines} and {@code
 * currency} as properties in conditions and bindings, as the rule vocabulary (RULES.md) documents
 * and the ready-made rules use them, and a binding read several times must give the same value.
 */
class SaleAccessorsTest {
  private static DroolsRuleEngine rules;

  @BeforeAll
  static void compile() {
    rules = DroolsRuleEngine.of(RuleSet.always("accessors", RuleSource.of("accessors.drl", """
        package rules;
        import dev.loyalty.core.model.*;
        import dev.loyalty.core.activity.*;
        import dev.loyalty.rules.facts.*;

        rule "big mixed invoice"
          @ruleId("big-mixed")
          ruleflow-group "award"
        when
          $sale : Sale( $total : total.amount > 1000, categories.size() >= 2, currency.currencyCode == "INR",
              lines.size() == categories.size() )
          Partner( $partner : id )
        then
          insert(PointsAward.of($partner, $total.longValue() / 100, "bonus",
              $total.toPlainString() + " in " + String.join("+", $sale.categories()) + ", "
              + $sale.total().amount().add($total).toPlainString() + " counted twice."));
        end

        rule "categories in one sale"
          @ruleId("each-category")
          ruleflow-group "award"
        when
          $sale : Sale( )
          $category : String( ) from $sale.categories
          Partner( $partner : id )
        then
          insert(PointsAward.of($partner, 1, "bonus", "Sold " + $category + "."));
        end
        """)));
  }

  @Test
  void conditionsAndBindingsReadTheSalesTotalAndCategories() {
    RuleOutcome outcome = rules.evaluate(TestFacts.invoice().line("SW-1", "switches", 2, "600")
        .line("LT-1", "lighting", 1, "250.50").facts());

    assertThat(outcome.awards()).extracting(Award::rule).extracting(r -> r.ruleId())
        .containsExactlyInAnyOrder("big-mixed", "each-category", "each-category");
    assertThat(outcome.awards()).extracting(Award::reason).contains(
        "1450.5 in lighting+switches, 2901.0 counted twice.", "Sold lighting.", "Sold switches.");
    assertThat(outcome.awards()).filteredOn(a -> a.rule().ruleId().equals("big-mixed")).extracting(Award::points)
        .containsExactly(14L);
  }

  @Test
  void aConditionOnTheTotalOrCategoriesThatFailsKeepsTheRuleSilent() {
    List<String> small = rules.evaluate(TestFacts.invoice().line("SW-1", "switches", 2, "400")
        .line("LT-1", "lighting", 1, "100").facts()).awards().stream().map(a -> a.rule().ruleId()).toList();
    List<String> oneCategory = rules.evaluate(TestFacts.invoice().line("SW-1", "switches", 2, "600")
        .line("SW-2", "switches", 1, "600").facts()).awards().stream().map(a -> a.rule().ruleId()).toList();

    assertThat(small).containsExactly("each-category", "each-category");
    assertThat(oneCategory).containsExactly("each-category");
  }
}
