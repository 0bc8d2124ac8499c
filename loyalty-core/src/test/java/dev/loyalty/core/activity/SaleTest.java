package dev.loyalty.core.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.model.Money;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * {@link Sale} computes its total and categories once, when made (it was a record that summed its
 * lines at every read): what it answers, its equality, hash and text must be those of the record it
 * was, which {@link AsRecord} still is.
 */
class SaleTest {
  private static final Currency INR = Currency.getInstance("INR");

  /** The record {@code Sale} was, with its accessors as they were written. */
  private record AsRecord(ActivityHeader header, Currency currency, List<InvoiceLine> lines) {
    Money total() {
      BigDecimal sum = BigDecimal.ZERO;
      for (InvoiceLine line : lines) {
        sum = sum.add(line.amount());
      }
      return Money.of(sum, currency);
    }

    SortedSet<String> categories() {
      SortedSet<String> categories = new TreeSet<>();
      lines.forEach(l -> categories.add(l.category()));
      return categories;
    }
  }

  @Property(tries = 300)
  void answersAsTheRecordItWas(@ForAll("sales") AsRecord record) {
    Sale sale = new Sale(record.header(), record.currency(), record.lines());

    assertThat(sale.total()).isEqualTo(record.total());
    assertThat(sale.categories()).containsExactlyElementsOf(record.categories());
    assertThat(sale.header()).isEqualTo(record.header());
    assertThat(sale.currency()).isEqualTo(record.currency());
    assertThat(sale.lines()).isEqualTo(record.lines());
    assertThat(sale.toString()).isEqualTo(record.toString().replaceFirst("^AsRecord", "Sale"));
    assertThat(sale.total()).isSameAs(sale.total()); // computed once
  }

  @Property(tries = 200)
  void equalsAsTheRecordItWas(@ForAll("sales") AsRecord a, @ForAll("sales") AsRecord b) {
    Sale sa = new Sale(a.header(), a.currency(), a.lines());
    Sale sb = new Sale(b.header(), b.currency(), b.lines());

    assertThat(sa.equals(sb)).isEqualTo(a.equals(b));
    assertThat(sa).isEqualTo(new Sale(a.header(), a.currency(), new ArrayList<>(a.lines())))
        .hasSameHashCodeAs(new Sale(a.header(), a.currency(), a.lines()));
  }

  @Test
  void aLaterChangeToTheListGivenChangesNothing() {
    List<InvoiceLine> lines = new ArrayList<>(List.of(InvoiceLine.of("SW-1", "switches", 2, "100")));
    Sale sale = new Sale(ActivityHeader.of("s-1", "d-1", Instant.EPOCH), INR, lines);
    lines.add(InvoiceLine.of("LT-1", "lighting", 1, "50"));

    assertThat(sale.total()).isEqualTo(Money.of(new BigDecimal("200"), INR));
    assertThat(sale.categories()).containsExactly("switches");
    assertThat(sale.lines()).hasSize(1);
  }

  @Test
  void categoriesCannotBeChangedThroughTheSale() {
    Sale sale = new Sale(ActivityHeader.of("s-1", "d-1", Instant.EPOCH), INR,
        List.of(InvoiceLine.of("SW-1", "switches", 2, "100"), InvoiceLine.of("LT-1", "lighting", 1, "50")));

    assertThat(sale.categories()).containsExactly("lighting", "switches");
    assertThatThrownBy(() -> sale.categories().add("cables")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> sale.lines().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void refusesWhatTheRecordRefused() {
    ActivityHeader header = ActivityHeader.of("s-1", "d-1", Instant.EPOCH);
    assertThatThrownBy(() -> new Sale(header, INR, List.of())).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("invoice s-1 has no lines");
    assertThatThrownBy(() -> new Sale(header, INR, List.of(InvoiceLine.of("SW-1", "switches", 2, "100"),
        InvoiceLine.of("SW-1", "switches", 1, "100")))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lists SKU SW-1 twice");
    assertThatThrownBy(() -> new Sale(null, INR, List.of())).isInstanceOf(NullPointerException.class)
        .hasMessage("header");
    assertThatThrownBy(() -> new Sale(header, null, List.of())).isInstanceOf(NullPointerException.class)
        .hasMessage("currency");
    assertThatThrownBy(() -> new Sale(header, INR, null)).isInstanceOf(NullPointerException.class)
        .hasMessage("lines");
  }

  @Provide
  Arbitrary<AsRecord> sales() {
    Arbitrary<BigDecimal> amounts = Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE),
        Arbitraries.integers().between(-3, 6)).as((u, scale) -> new BigDecimal(BigInteger.valueOf(u), scale));
    Arbitrary<InvoiceLine> line = Combinators.combine(Arbitraries.of("SW-1", "SW-2", "LT-1", "CB-9", "FN-3"),
        Arbitraries.of("switches", "lighting", "cables", "fans"), Arbitraries.longs().between(1, 1_000), amounts)
        .as((sku, category, quantity, amount) -> new InvoiceLine(sku, category, quantity, amount, amount));
    Arbitrary<ActivityHeader> headers = Combinators.combine(Arbitraries.of("s-1", "s-2"), Arbitraries.of("d-1", "d-2"))
        .as((id, partner) -> ActivityHeader.of(id, partner, Instant.EPOCH));
    return Combinators.combine(headers, Arbitraries.of(INR, Currency.getInstance("EUR")),
        line.list().ofMinSize(1).ofMaxSize(4).uniqueElements(InvoiceLine::sku)).as(AsRecord::new);
  }
}
