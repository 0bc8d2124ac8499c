package dev.loyalty.core;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.SampleRules;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.TrialBalance;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;

/**
 * Random activity streams through the engine keep the ledger's invariants, never pay more than a
 * campaign budget, keep every wallet equal to what its receipts say, and change nothing when
 * replayed.
 */
@PropertyDefaults(tries = 60)
class EngineStreamPropertiesTest {
  private static final Instant START = LocalDateTime.parse("2026-07-01T09:00").atZone(ZONE).toInstant();
  private static final long BUDGET = 700;
  private static final List<String> CATEGORIES = List.of("cables", "switches", "smart-switches", "lighting");

  /** One step of a stream; the ids of earlier steps resolve when the stream runs. */
  sealed interface Step {
  }

  record SaleStep(int dealer, int rep, int category, long quantity, int price, int days) implements Step {
  }

  record ReturnStep(int ofSale, int percent) implements Step {
  }

  record TrainingStep(int dealer, int rep) implements Step {
  }

  record CertificationStep(int dealer) implements Step {
  }

  @Provide
  Arbitrary<List<Step>> streams() {
    Arbitrary<Step> sale = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(0, CATEGORIES.size() - 1), Arbitraries.longs().between(1, 600),
        Arbitraries.integers().between(1, 3000), Arbitraries.integers().between(0, 3)).as(SaleStep::new);
    Arbitrary<Step> ret = Combinators.combine(Arbitraries.integers().between(0, 40),
        Arbitraries.integers().between(1, 100)).as(ReturnStep::new);
    Arbitrary<Step> training = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(1, 2)).as(TrainingStep::new);
    Arbitrary<Step> cert = Arbitraries.integers().between(0, 2).map(CertificationStep::new);
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, sale), net.jqwik.api.Tuple.of(2, ret),
        net.jqwik.api.Tuple.of(1, training), net.jqwik.api.Tuple.of(1, cert)).list().ofMinSize(1).ofMaxSize(40);
  }

  /** Runs a stream and returns the activities it recorded, in order. */
  private static List<Activity> run(ChannelFixture f, List<Step> steps) {
    List<Activity> recorded = new ArrayList<>();
    List<Sale> sales = new ArrayList<>();
    Map<ActivityId, Long> returned = new HashMap<>();
    Instant now = START;
    int n = 0;
    for (Step step : steps) {
      n++;
      Activity activity;
      if (step instanceof SaleStep s) {
        now = now.plusSeconds(s.days() * 86_400L + 60);
        PartnerId dealer = DEALERS.get(s.dealer());
        Optional<MemberId> rep = s.rep() == 0 ? Optional.empty() : Optional.of(rep(dealer, s.rep()));
        Sale sale = new Sale(new ActivityHeader(ActivityId.of("S-" + n), dealer, rep, now), INR,
            List.of(InvoiceLine.of("SKU-" + s.category(), CATEGORIES.get(s.category()), s.quantity(),
                s.price() + ".50")));
        sales.add(sale);
        activity = sale;
      } else if (step instanceof ReturnStep r) {
        if (sales.isEmpty()) {
          continue;
        }
        Sale sale = sales.get(r.ofSale() % sales.size());
        long sold = sale.lines().get(0).quantity();
        long left = sold - returned.getOrDefault(sale.id(), 0L);
        long quantity = Math.min(left, Math.max(1, sold * r.percent() / 100));
        if (quantity == 0) {
          continue;
        }
        returned.merge(sale.id(), quantity, Long::sum);
        now = now.plusSeconds(60);
        activity = new SaleReturn(new ActivityHeader(ActivityId.of("R-" + n), sale.partner(), Optional.empty(), now),
            sale.id(), List.of(new ReturnLine(sale.lines().get(0).sku(), quantity)));
      } else if (step instanceof TrainingStep t) {
        now = now.plusSeconds(60);
        PartnerId dealer = DEALERS.get(t.dealer());
        activity = new TrainingCompleted(new ActivityHeader(ActivityId.of("T-" + n), dealer,
            Optional.of(rep(dealer, t.rep())), now), "LED-101");
      } else {
        now = now.plusSeconds(60);
        CertificationStep c = (CertificationStep) step;
        activity = new CertificationEarned(new ActivityHeader(ActivityId.of("C-" + n), DEALERS.get(c.dealer()),
            Optional.empty(), now), "installer-basic", Optional.empty());
      }
      f.clock.set(now);
      f.engine.record(activity);
      recorded.add(activity);
    }
    return recorded;
  }

  private static List<ParticipantId> participants() {
    List<ParticipantId> all = new ArrayList<>();
    for (PartnerId dealer : DEALERS) {
      all.add(dealer);
      all.add(rep(dealer, 1));
      all.add(rep(dealer, 2));
    }
    return all;
  }

  @Property
  void walletsEqualTheirReceiptsAndBudgetsAreNeverOverpaid(@ForAll("streams") List<Step> steps) {
    ChannelFixture f = new ChannelFixture(START, new SampleRules(), BUDGET);
    List<Activity> recorded = run(f, steps);

    Map<ParticipantId, Long> fromReceipts = new HashMap<>();
    long campaignPaid = 0;
    for (Activity a : recorded) {
      Receipt r = f.engine.receipt(a.id()).orElseThrow();
      r.pointsByParticipant().forEach((p, points) -> fromReceipts.merge(p, points, Long::sum));
      for (PostedAward award : r.awards()) {
        assertThat(award.points()).isBetween(0L, award.requested());
        if (award.campaign().isPresent()) {
          campaignPaid += award.points();
        }
      }
      if (a instanceof SaleReturn ret) {
        // a return gives the budget back what it takes of the invoice's campaign awards
        List<PostedAward> invoiceAwards = f.engine.receipt(ret.invoice()).orElseThrow().awards();
        for (AwardReturn t : r.returns()) {
          if (invoiceAwards.get(t.award()).campaign().isPresent()) {
            campaignPaid -= t.points();
          }
        }
      }
    }
    for (ParticipantId p : participants()) {
      long wallet = f.engine.balance(p).posted();
      assertThat(wallet).as("wallet of %s", p).isEqualTo(fromReceipts.getOrDefault(p, 0L));
      assertThat(wallet).isNotNegative();
    }
    AccountId budget = f.program.accounts().budget(CampaignId.of("monsoon"));
    long left = f.ledger.balance(budget).posted();
    assertThat(left).isBetween(0L, BUDGET);
    assertThat(campaignPaid).isEqualTo(BUDGET - left);
    TrialBalance trial = f.ledger.trialBalance();
    assertThat(trial.isBalanced()).isTrue();
    assertThat(f.ledger.verify().intact()).isTrue();
    long issued = f.issued();
    long wallets = participants().stream().mapToLong(p -> f.engine.balance(p).posted()).sum();
    assertThat(wallets + left).isEqualTo(issued);
  }

  @Property
  void aReplayedStreamChangesNothing(@ForAll("streams") List<Step> steps) {
    ChannelFixture f = new ChannelFixture(START, new SampleRules(), BUDGET);
    List<Activity> recorded = run(f, steps);
    TrialBalance trial = f.ledger.trialBalance();
    Map<ActivityId, Receipt> receipts = new HashMap<>();
    recorded.forEach(a -> receipts.put(a.id(), f.engine.receipt(a.id()).orElseThrow()));
    Map<ParticipantId, Object> figures = new HashMap<>();
    participants().forEach(p -> figures.put(p, f.engine.figures(p)));
    int events = f.events.size();

    for (Activity a : recorded) {
      assertThat(f.engine.record(a)).isEqualTo(receipts.get(a.id()));
    }

    assertThat(f.ledger.trialBalance()).isEqualTo(trial);
    participants().forEach(p -> assertThat(f.engine.figures(p)).isEqualTo(figures.get(p)));
    assertThat(f.events).hasSize(events);
  }

  @Property
  void netSalesInTheFiguresEqualSalesLessReturns(@ForAll("streams") List<Step> steps) {
    ChannelFixture f = new ChannelFixture(START, new SampleRules(), BUDGET);
    List<Activity> recorded = run(f, steps);
    Map<ActivityId, Sale> sales = new HashMap<>();
    Map<PartnerId, BigDecimal> net = new HashMap<>();
    for (Activity a : recorded) {
      if (a instanceof Sale s) {
        sales.put(s.id(), s);
        net.merge(s.partner(), s.total().amount(), BigDecimal::add);
      } else if (a instanceof SaleReturn r) {
        InvoiceLine line = sales.get(r.invoice()).lines().get(0);
        BigDecimal share = line.amount().multiply(BigDecimal.valueOf(r.lines().get(0).quantity()))
            .divide(BigDecimal.valueOf(line.quantity()), 10, RoundingMode.HALF_EVEN);
        net.merge(r.partner(), share.negate(), BigDecimal::add);
      }
    }
    for (PartnerId dealer : DEALERS) {
      var figures = f.engine.figures(dealer);
      // streams span under four months: the window and the window before it hold every sale
      BigDecimal all = figures.windowSales().amount().add(figures.priorWindowSales().amount());
      // each invoice's returns are rounded to the paisa once, cumulatively
      BigDecimal tolerance = new BigDecimal("0.005").multiply(BigDecimal.valueOf(sales.size()));
      assertThat(all.subtract(net.getOrDefault(dealer, BigDecimal.ZERO)).abs()).isLessThanOrEqualTo(tolerance);
    }
  }
}
