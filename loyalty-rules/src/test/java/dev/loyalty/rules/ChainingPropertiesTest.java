package dev.loyalty.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.model.TierId;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.testing.ChannelFixture;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The chaining example (points per amount, tier multiplier, cap, split) against its arithmetic,
 * for random invoices, tiers, caps and reps: points are never negative, never above the cap, add
 * up to what the stages say, and more sales never earn fewer points.
 */
@PropertyDefaults(tries = 300)
class ChainingPropertiesTest {
  private static DroolsRuleEngine engine;

  @BeforeContainer
  static void compileOnce() {
    engine = DroolsRuleEngine.of(RuleSet.always("chain-1", RuleSource.fromClasspath("examples/chaining.drl")));
  }

  @Provide
  Arbitrary<BigDecimal> amounts() {
    return Arbitraries.bigDecimals().between(BigDecimal.ZERO, new BigDecimal("5000000")).ofScale(2);
  }

  @Provide
  Arbitrary<Optional<TierId>> tiers() {
    return Arbitraries.of(Optional.empty(), Optional.of(ChannelFixture.SILVER), Optional.of(ChannelFixture.GOLD));
  }

  @Provide
  Arbitrary<Optional<Long>> caps() {
    return Arbitraries.longs().between(0, 20_000).optional(0.5);
  }

  private static RuleOutcome evaluate(BigDecimal amount, Optional<TierId> tier, Optional<Long> cap, boolean rep) {
    TestFacts facts = TestFacts.sale(amount.toPlainString());
    tier.ifPresent(facts::tier);
    cap.ifPresent(c -> facts.parameters(Map.of("max-points-per-invoice", Long.toString(c))));
    if (rep) {
      facts.rep();
    }
    return engine.evaluate(facts.facts());
  }

  private static long total(RuleOutcome outcome) {
    return outcome.awards().stream().mapToLong(Award::points).sum();
  }

  @Property
  void theStagesAddUp(@ForAll("amounts") BigDecimal amount, @ForAll("tiers") Optional<TierId> tier,
      @ForAll("caps") Optional<Long> cap, @ForAll boolean rep) {
    RuleOutcome outcome = evaluate(amount, tier, cap, rep);

    long expected = amount.divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR).longValueExact();
    if (tier.equals(Optional.of(ChannelFixture.GOLD))) {
      expected = new BigDecimal(expected).multiply(new BigDecimal("1.5")).setScale(0, RoundingMode.FLOOR)
          .longValueExact();
    }
    if (cap.isPresent()) {
      expected = Math.min(expected, cap.get());
    }
    assertThat(total(outcome)).isEqualTo(expected);
    assertThat(outcome.awards()).allSatisfy(a -> {
      assertThat(a.points()).isPositive();
      cap.ifPresent(c -> assertThat(a.points()).isLessThanOrEqualTo(c));
      assertThat(a.rule().ruleId()).isEqualTo("base-points");
      assertThat(a.rule().version()).isEqualTo("chain-1");
    });
    Map<String, Long> byKind = new HashMap<>();
    outcome.awards().forEach(a -> byKind.merge(a.beneficiary().kind(), a.points(), Long::sum));
    long repShare = expected * 30 / 100;
    assertThat(byKind.getOrDefault("member", 0L)).isEqualTo(rep ? repShare : 0);
    assertThat(byKind.getOrDefault("partner", 0L)).isEqualTo(rep ? expected - repShare : expected);
  }

  @Property
  void moreSalesNeverEarnFewerPoints(@ForAll("amounts") BigDecimal amount, @ForAll("amounts") BigDecimal more,
      @ForAll("tiers") Optional<TierId> tier, @ForAll("caps") Optional<Long> cap, @ForAll boolean rep) {
    long less = total(evaluate(amount, tier, cap, rep));
    long bigger = total(evaluate(amount.add(more), tier, cap, rep));

    assertThat(bigger).isGreaterThanOrEqualTo(less);
  }
}
