package dev.loyalty.core.testing;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static dev.loyalty.core.testing.ChannelFixture.reviewer;

import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
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
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Random streams for properties of earned points and caps: sales of two dealers (with or without a
 * rep) dated anywhere over five months from 1 July 2026 and so recorded in any order, reviews of the
 * sales held for review (approved or rejected), and partial returns. {@link #run} records a stream
 * on an engine, keeps an {@link EarnedModel} of it, and lets a property check each sale's receipt
 * against what the model held before it.
 */
public final class EarningStreams {
  /** The first day sales are dated on. */
  public static final Instant JULY = LocalDateTime.parse("2026-07-01T09:00").atZone(ZONE).toInstant();
  /** A clock after every activity of a stream. */
  public static final Instant NOW = LocalDateTime.parse("2027-01-15T09:00").atZone(ZONE).toInstant();

  private EarningStreams() {
  }

  /** One step of a stream; the steps it names (a sale to return, a held sale) resolve when it runs. */
  public sealed interface Step permits SaleStep, ReturnStep, ReviewStep {
  }

  /** A sale of {@code units} of "CAB-25" at {@code unitPrice} INR, {@code day} days and {@code hour} hours after 1 July. */
  public record SaleStep(int dealer, boolean withRep, int day, int hour, long units, long unitPrice) implements Step {
  }

  /** Returns up to {@code units} of an earlier sale, {@code days} after it. */
  public record ReturnStep(int ofSale, int units, int days) implements Step {
  }

  /** Approves or rejects a sale held for review. */
  public record ReviewStep(int ofHeld, boolean approve) implements Step {
  }

  /** What a property checks of each recorded sale, before the model counts its receipt. */
  @FunctionalInterface
  public interface SaleCheck {
    void check(Sale sale, Receipt receipt);
  }

  /** Streams of 5 to {@code maxSteps} steps, sales of {@code units} units at {@code unitPrices}. */
  public static Arbitrary<List<Step>> streams(Arbitrary<Long> units, Arbitrary<Long> unitPrices, int maxSteps) {
    Arbitrary<Step> sale = Combinators.combine(Arbitraries.integers().between(0, 1), Arbitraries.of(true, false),
        Arbitraries.integers().between(0, 150), Arbitraries.integers().between(0, 23), units, unitPrices)
        .as(SaleStep::new);
    Arbitrary<Step> ret = Combinators.combine(Arbitraries.integers().between(0, 30),
        Arbitraries.integers().between(1, 20), Arbitraries.integers().between(0, 20)).as(ReturnStep::new);
    Arbitrary<Step> review = Combinators.combine(Arbitraries.integers().between(0, 10), Arbitraries.of(true, false))
        .as(ReviewStep::new);
    return Arbitraries.frequencyOf(Tuple.of(8, sale), Tuple.of(3, ret), Tuple.of(2, review)).list().ofMinSize(5)
        .ofMaxSize(maxSteps);
  }

  /** Records {@code steps} on {@code f}'s engine, counting them in {@code model}; {@code check} sees each sale. */
  public static void run(ChannelFixture f, EarnedModel model, List<Step> steps, SaleCheck check) {
    List<Sale> sales = new ArrayList<>();
    Map<ActivityId, Receipt> receipts = new HashMap<>();
    List<Sale> held = new ArrayList<>();
    Map<ActivityId, Long> returned = new HashMap<>();
    int n = 0;
    for (Step step : steps) {
      n++;
      if (step instanceof SaleStep s) {
        PartnerId dealer = DEALERS.get(s.dealer());
        Optional<MemberId> member = s.withRep() ? Optional.of(rep(dealer, 1)) : Optional.empty();
        Instant at = JULY.plusSeconds(s.day() * 86_400L + s.hour() * 3_600L);
        Sale sale = ChannelFixture.sale("inv-" + n, dealer, member, at, "CAB-25", "cables", s.units(),
            String.valueOf(s.unitPrice()));
        Receipt r = f.engine.record(sale);
        check.check(sale, r);
        model.awarded(sale, r, 1);
        Statistics.label("sale").collect(r.status(), sales.stream().anyMatch(o -> o.occurredAt().isAfter(at))
            ? "late" : "in order");
        sales.add(sale);
        receipts.put(sale.id(), r);
        if (r.status() == Receipt.Status.IN_REVIEW) {
          held.add(sale);
        }
      } else if (step instanceof ReviewStep v && !held.isEmpty()) {
        Sale sale = held.remove(v.ofHeld() % held.size());
        Receipt decided = v.approve() ? f.engine.approve(sale.id(), reviewer("auditor"), "checked")
            : f.engine.reject(sale.id(), reviewer("auditor"), "checked");
        if (!v.approve()) {
          model.awarded(sale, decided, -1);
        }
        receipts.put(sale.id(), decided);
        Statistics.label("review").collect(v.approve() ? "approved" : "rejected");
      } else if (step instanceof ReturnStep t && !sales.isEmpty()) {
        Sale sale = sales.get(t.ofSale() % sales.size());
        Receipt invoice = receipts.get(sale.id());
        long units = Math.min(t.units(), sale.lines().get(0).quantity() - returned.getOrDefault(sale.id(), 0L));
        // an approved invoice's points were posted when it was approved (now), and the ledger does
        // not reverse a posting with a return dated before it
        if (invoice.status() != Receipt.Status.RECORDED || !invoice.holds().isEmpty() || units == 0) {
          continue;
        }
        Receipt r = f.engine.record(new SaleReturn(new ActivityHeader(ActivityId.of("ret-" + n), sale.partner(),
            Optional.empty(), sale.occurredAt().plusSeconds(t.days() * 86_400L)), sale.id(),
            List.of(new ReturnLine("CAB-25", units))));
        returned.merge(sale.id(), units, Long::sum);
        model.returned(sale, invoice, r);
        Statistics.label("return").collect(r.status());
      }
    }
  }
}
