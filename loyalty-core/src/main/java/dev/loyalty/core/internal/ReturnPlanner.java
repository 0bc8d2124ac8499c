package dev.loyalty.core.internal;

import dev.loyalty.core.AwardReturn;
import dev.loyalty.core.InvalidActivityException;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.spi.JournalEntry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Works out what a return takes back. Every award of the invoice gives back the share of the
 * invoice amount returned so far, rounded down, less what earlier returns already took; so a
 * series of partial returns that ends in a full return takes back exactly what was awarded, and
 * rounding never takes back more than the proportion.
 */
public final class ReturnPlanner {

  /**
   * The outcome for one return.
   *
   * @param takeBacks  per award of the invoice (index into its receipt), points to take back now
   * @param salesDrop  the invoice amount this return covers, as a positive amount, in the invoice's
   *                   currency, rounded to the currency's minor unit
   * @param byCategory the same per category
   */
  public record Outcome(List<AwardReturn> takeBacks, Money salesDrop, Map<String, Money> byCategory) {
  }

  private ReturnPlanner() {
  }

  /**
   * Plans {@code r} against the invoice {@code saleEntry} after the returns filed before it in
   * {@code previous} (the invoice's returns in filing order; {@code r} itself and any after it are
   * ignored).
   *
   * @throws InvalidActivityException if a line names a SKU the invoice does not have, or returns
   *     more units than were sold less earlier returns
   */
  public static Outcome plan(SaleReturn r, JournalEntry saleEntry, List<JournalEntry> previous) {
    Sale sale = (Sale) saleEntry.activity();
    long[] takenBefore = new long[saleEntry.receipt().awards().size()];
    List<SaleReturn> before = new ArrayList<>();
    for (JournalEntry e : previous) {
      if (e.activity().id().equals(r.id())) {
        break; // only returns filed before this one count, so planning it again gives the same result
      }
      before.add((SaleReturn) e.activity());
      for (AwardReturn t : e.receipt().returns()) {
        takenBefore[t.award()] = Math.addExact(takenBefore[t.award()], t.points());
      }
    }
    Drop drop = drop(r, sale, before);
    List<AwardReturn> takeBacks = new ArrayList<>();
    List<PostedAward> awards = saleEntry.receipt().awards();
    for (int i = 0; i < awards.size(); i++) {
      PostedAward award = awards.get(i);
      long target = drop.shareAfter().isWhole() ? award.points() : drop.shareAfter().floorTimes(award.points());
      long now = target - takenBefore[i];
      if (now > 0) {
        takeBacks.add(new AwardReturn(i, award.beneficiary(), now));
      }
    }
    Map<String, Money> categories = new HashMap<>();
    drop.byCategory().forEach((c, a) -> categories.put(c, Money.of(a, sale.currency())));
    return new Outcome(takeBacks, Money.of(drop.amount(), sale.currency()), categories);
  }

  /**
   * The invoice amount {@code r} covers ({@link Outcome#salesDrop()} of {@link #plan}), from the
   * activities alone: {@code sale} and the returns of it filed before {@code r} in {@code previous}
   * (in filing order; {@code r} itself and any after it are ignored). For reports, which read the
   * activities without their receipts.
   *
   * @throws InvalidActivityException as {@link #plan}
   */
  public static Money salesDrop(SaleReturn r, Sale sale, List<SaleReturn> previous) {
    List<SaleReturn> before = new ArrayList<>();
    for (SaleReturn e : previous) {
      if (e.id().equals(r.id())) {
        break;
      }
      before.add(e);
    }
    return Money.of(drop(r, sale, before).amount(), sale.currency());
  }

  /**
   * What {@code r} takes off {@code sale} after the returns {@code before}: the amount, per category,
   * and the share of the invoice returned once it is counted.
   */
  private record Drop(BigDecimal amount, Map<String, BigDecimal> byCategory, Fraction shareAfter) {
  }

  private static Drop drop(SaleReturn r, Sale sale, List<SaleReturn> before) {
    Map<String, Long> returnedBefore = new HashMap<>();
    for (SaleReturn e : before) {
      for (ReturnLine line : e.lines()) {
        returnedBefore.merge(line.sku(), line.quantity(), Math::addExact);
      }
    }
    Map<String, InvoiceLine> bySku = new LinkedHashMap<>();
    sale.lines().forEach(l -> bySku.put(l.sku(), l));
    Map<String, Long> returnedAfter = new HashMap<>(returnedBefore);
    for (ReturnLine line : r.lines()) {
      InvoiceLine sold = bySku.get(line.sku());
      if (sold == null) {
        throw new InvalidActivityException("return " + r.id() + " returns SKU " + line.sku() + ", which invoice "
            + sale.id() + " does not have (it has " + String.join(", ", bySku.keySet()) + ")");
      }
      long already = returnedBefore.getOrDefault(line.sku(), 0L);
      long after = Math.addExact(already, line.quantity());
      if (after > sold.quantity()) {
        throw new InvalidActivityException("return " + r.id() + " returns " + line.quantity() + " of " + line.sku()
            + ", but invoice " + sale.id() + " sold " + sold.quantity() + " and " + already
            + " were returned before; at most " + (sold.quantity() - already) + " can come back");
      }
      returnedAfter.put(line.sku(), after);
    }
    Money total = sale.total();
    int scale = Math.max(0, sale.currency().getDefaultFractionDigits());
    Fraction shareAfter = Fraction.ZERO;
    Map<String, BigDecimal> dropByCategory = new HashMap<>();
    BigDecimal drop = BigDecimal.ZERO;
    for (InvoiceLine line : sale.lines()) {
      long lineBefore = returnedBefore.getOrDefault(line.sku(), 0L);
      long after = returnedAfter.getOrDefault(line.sku(), 0L);
      if (after == 0) {
        continue;
      }
      BigDecimal quantity = BigDecimal.valueOf(line.quantity());
      Fraction lineAfter = new Fraction(BigDecimal.valueOf(after), quantity);
      // Cumulative amounts, each rounded, so that the drops of all returns add up to the line amount.
      BigDecimal lineDrop = lineAfter.times(line.amount(), scale)
          .subtract(new Fraction(BigDecimal.valueOf(lineBefore), quantity).times(line.amount(), scale));
      drop = drop.add(lineDrop);
      dropByCategory.merge(line.category(), lineDrop, BigDecimal::add);
      if (total.amount().signum() > 0) {
        shareAfter = shareAfter.plus(new Fraction(line.amount().multiply(BigDecimal.valueOf(after)),
            quantity.multiply(total.amount())));
      }
    }
    return new Drop(drop, dropByCategory, shareAfter);
  }
}
