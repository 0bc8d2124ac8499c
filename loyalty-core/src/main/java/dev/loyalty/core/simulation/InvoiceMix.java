package dev.loyalty.core.simulation;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.activity.InvoiceLine;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The lines of a generated invoice, drawn from a caller's random stream (so a generator that draws
 * other things from the same stream stays reproducible): 1 to 4 lines (35/30/20/15%) in {@link
 * ActivityGenerator#CATEGORIES}, a line in five in the premium "smart-switches", one in fifty the SKU
 * "SW-PRO", one in twenty-five a clearance SKU ("OLD-1", "OLD-2"), 1 to 24 units times {@code scale}
 * at 50.00 to 5,000.00 each; then one invoice in 300 gets a bulk first line of 10 units at 50,000 to
 * 250,000, and one in 2,000 a first line of 1,001 to 1,200 units at 10. Those are the products the
 * ready-made program's parameters name. Stateless; never null.
 */
public final class InvoiceMix {
  private InvoiceMix() {
  }

  /**
   * Drawn lines, and whether the invoice is ordinary (neither bulk nor of a blocked quantity).
   *
   * @param lines    1 to 4, each SKU once
   * @param ordinary false for the bulk and blocked-quantity invoices
   */
  public record Drawn(List<InvoiceLine> lines, boolean ordinary) {
    public Drawn {
      lines = List.copyOf(requireNonNull(lines, "lines"));
    }
  }

  /** One invoice's lines, with quantities {@code scale} times the usual (1 for the smallest partner). */
  public static Drawn draw(SplittableRandom random, long scale) {
    requireNonNull(random, "random");
    if (scale < 1 || scale > 1_000) {
      throw new IllegalArgumentException("scale must be 1 to 1000, got " + scale);
    }
    List<String> categories = ActivityGenerator.CATEGORIES;
    int roll = random.nextInt(100);
    int lineCount = roll < 35 ? 1 : roll < 65 ? 2 : roll < 85 ? 3 : 4;
    List<InvoiceLine> lines = new ArrayList<>(lineCount);
    Set<String> skus = new HashSet<>();
    while (lines.size() < lineCount) {
      int pick = random.nextInt(100);
      String category = random.nextInt(5) == 0 ? categories.get(0)
          : categories.get(1 + random.nextInt(categories.size() - 1));
      String sku = pick < 2 ? "SW-PRO" : pick < 6 ? (pick < 4 ? "OLD-1" : "OLD-2")
          : category + "-" + (100 + random.nextInt(40));
      if (pick < 2) {
        category = categories.get(0);
      }
      if (skus.add(sku)) {
        BigDecimal unitPrice = BigDecimal.valueOf(5_000 + random.nextInt(495_001), 2);
        lines.add(InvoiceLine.of(sku, category, (1 + random.nextInt(24)) * scale, unitPrice.toPlainString()));
      }
    }
    if (random.nextInt(300) == 0) {
      BigDecimal unitPrice = BigDecimal.valueOf(50_000 + random.nextInt(200_001));
      lines.set(0, InvoiceLine.of("bulk-" + random.nextInt(10), "switchgear", 10, unitPrice.toPlainString()));
      return new Drawn(lines, false);
    }
    if (random.nextInt(2_000) == 0) {
      lines.set(0, InvoiceLine.of("bulk-" + random.nextInt(10), "wires", 1_001 + random.nextInt(200), "10"));
      return new Drawn(lines, false);
    }
    return new Drawn(lines, true);
  }
}
