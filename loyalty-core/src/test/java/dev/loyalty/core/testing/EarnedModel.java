package dev.loyalty.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.AwardReturn;
import dev.loyalty.core.LoyaltyEngine;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.performance.EarningPeriod;
import dev.loyalty.core.program.Program;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * A model of the points the engine keeps per participant and period, for one rule, added up from
 * receipts the simple way: what a recorded or held activity was given counts in its periods, a
 * rejection takes it back, a return takes back what it says in its invoice's periods; a member's
 * points count for its partner's organisation too. Properties compare the engine's totals with it.
 */
public final class EarnedModel {
  private final Program program;
  private final String rule;
  private final Map<List<Object>, Long> totals = new HashMap<>();

  /** Points of {@code rule} in {@code program}'s periods. */
  public EarnedModel(Program program, String rule) {
    this.program = program;
    this.rule = rule;
  }

  /** What the model holds for {@code who} in the period of {@code kind} that {@code at} is in. */
  public long get(ParticipantId who, EarningPeriod.Kind kind, Instant at) {
    return totals.getOrDefault(List.of(who, period(kind, at)), 0L);
  }

  /** Counts what {@code r} (of {@code activity}) posted or held; {@code sign} -1 takes it back (a rejection). */
  public void awarded(Activity activity, Receipt r, int sign) {
    if (r.status() != Receipt.Status.RECORDED && r.status() != Receipt.Status.IN_REVIEW
        && r.status() != Receipt.Status.REJECTED) {
      return;
    }
    for (PostedAward a : r.awards()) {
      if (a.rule().ruleId().equals(rule)) {
        add(a.beneficiary(), activity.partner(), activity.occurredAt(), sign * a.points());
      }
    }
  }

  /** Takes back what return {@code r} took of {@code invoice}'s awards, in the invoice's periods. */
  public void returned(Activity invoice, Receipt invoiceReceipt, Receipt r) {
    for (AwardReturn back : r.returns()) {
      if (invoiceReceipt.awards().get(back.award()).rule().ruleId().equals(rule)) {
        add(back.beneficiary(), invoice.partner(), invoice.occurredAt(), -back.points());
      }
    }
  }

  private void add(ParticipantId who, PartnerId organisation, Instant at, long points) {
    for (EarningPeriod.Kind kind : EarningPeriod.Kind.values()) {
      EarningPeriod p = period(kind, at);
      totals.merge(List.of(who, p), points, Math::addExact);
      if (who instanceof MemberId) {
        totals.merge(List.of(organisation, p), points, Math::addExact);
      }
    }
  }

  private EarningPeriod period(EarningPeriod.Kind kind, Instant at) {
    return EarningPeriod.of(kind, at.atZone(program.zone()).toLocalDate(), program.yearEnd());
  }

  /**
   * Checks that {@code engine} holds the model's totals in every period the model has, and gives
   * each (participant, period, total) to {@code also}.
   */
  public void check(LoyaltyEngine engine, BiConsumer<ParticipantId, Map.Entry<EarningPeriod, Long>> also) {
    totals.forEach((key, total) -> {
      ParticipantId who = (ParticipantId) key.get(0);
      EarningPeriod p = (EarningPeriod) key.get(1);
      Instant inside = p.first().atStartOfDay(program.zone()).toInstant().plusSeconds(43_200);
      assertThat(engine.earned(who, inside).byRule(p.kind(), rule)).as("%s in %s", who, p).isEqualTo(total);
      also.accept(who, Map.entry(p, total));
    });
  }

  /** Points {@code r} gives {@code who} (posted or held). */
  public static long paid(Receipt r, ParticipantId who) {
    return r.awards().stream().filter(a -> a.beneficiary().equals(who)).mapToLong(PostedAward::points).sum();
  }

  /** Points {@code r} gives {@code partner} and {@code member} together. */
  public static long paidTo(Receipt r, PartnerId partner, Optional<MemberId> member) {
    return paid(r, partner) + member.map(m -> paid(r, m)).orElse(0L);
  }
}
