package dev.loyalty.core;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.INR;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.core.testing.SampleRules;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The in-memory journal keeps finished receipts packed: over random streams of invoices (some held
 * for review, some cut by a small campaign budget), returns, trainings and certifications, every
 * receipt it reads back equals, sentence for sentence, the receipt the same stream leaves in a
 * journal that keeps its entries as they were given, and the receipt {@code record} returned.
 */
class PackedJournalStreamTest {
  private static final Instant START = LocalDateTime.parse("2026-07-01T09:00").atZone(ZONE).toInstant();
  private static final List<String> CATEGORIES = List.of("cables", "switches", "smart-switches", "lighting");

  sealed interface Step {
  }

  record SaleStep(int dealer, int rep, int lines, int category, long quantity, int price) implements Step {
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
        Arbitraries.integers().between(1, 3), Arbitraries.integers().between(0, CATEGORIES.size() - 1),
        Arbitraries.longs().between(1, 400), Arbitraries.integers().between(1, 90_000)).as(SaleStep::new);
    Arbitrary<Step> ret = Combinators.combine(Arbitraries.integers().between(0, 30), Arbitraries.integers().between(1,
        100)).as(ReturnStep::new);
    Arbitrary<Step> training = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.integers().between(1, 2)).as(TrainingStep::new);
    Arbitrary<Step> cert = Arbitraries.integers().between(0, 2).map(CertificationStep::new);
    return Arbitraries.frequencyOf(Tuple.of(8, sale), Tuple.of(3, ret), Tuple.of(1, training), Tuple.of(1, cert))
        .list().ofMinSize(5).ofMaxSize(40);
  }

  @Property(tries = 60)
  void everyReceiptReadBackEqualsTheEagerOne(@ForAll("streams") List<Step> steps,
      @ForAll("budgets") long budget) {
    Program program = ChannelFixture.program(budget);
    var rules = SampleRules.reviewing(q -> q % 7 == 0, "sevens");
    ChannelFixture packed = ChannelFixture.withJournal(START, program, rules, ActivityJournal.inMemory());
    ChannelFixture eager = ChannelFixture.withJournal(START, program, rules, new EagerJournal());
    List<Sale> sales = new ArrayList<>();
    Map<ActivityId, Receipt> returned = new LinkedHashMap<>();
    int n = 0;
    for (Step step : steps) {
      n++;
      Instant at = START.plusSeconds(60L * n);
      Activity activity = activity(step, n, at, sales);
      if (activity == null) {
        continue;
      }
      packed.clock.set(at.plusSeconds(1));
      eager.clock.set(at.plusSeconds(1));
      Receipt receipt;
      try {
        receipt = packed.engine.record(activity);
      } catch (LoyaltyException refused) {
        // a return the engine refuses (of an invoice held or blocked, say) is refused alike by both
        assertThatThrownBy(() -> eager.engine.record(activity)).isInstanceOf(refused.getClass())
            .hasMessage(refused.getMessage());
        continue;
      }
      Receipt reference = eager.engine.record(activity);
      assertThat(receipt).isEqualTo(reference);
      JournalEntry read = packed.journal.find(activity.id()).orElseThrow();
      assertThat(read.receipt()).isEqualTo(receipt);
      assertThat(read.receipt().explanation()).isEqualTo(receipt.explanation());
      assertThat(read.activity()).isEqualTo(activity);
      assertThat(packed.engine.record(activity)).isEqualTo(receipt);
      returned.put(activity.id(), receipt);
    }
    Map<ActivityId, JournalEntry> fromPacked = all(packed.journal);
    Map<ActivityId, JournalEntry> fromEager = all(eager.journal);
    assertThat(fromPacked).isEqualTo(fromEager);
    assertThat(fromPacked.keySet()).isEqualTo(returned.keySet());
    fromPacked.forEach((id, entry) -> {
      assertThat(entry.complete()).isTrue();
      assertThat(entry.receipt().explanation()).isEqualTo(fromEager.get(id).receipt().explanation());
    });
  }

  @Provide
  Arbitrary<Long> budgets() {
    return Arbitraries.of(1_000_000_000L, 400L, 1L);
  }

  private static Activity activity(Step step, int n, Instant at, List<Sale> sales) {
    if (step instanceof SaleStep s) {
      PartnerId dealer = DEALERS.get(s.dealer());
      Optional<MemberId> member = s.rep() == 0 ? Optional.empty() : Optional.of(rep(dealer, s.rep()));
      List<InvoiceLine> lines = new ArrayList<>();
      for (int i = 0; i < s.lines(); i++) {
        lines.add(InvoiceLine.of("sku-" + i, CATEGORIES.get((s.category() + i) % CATEGORIES.size()), s.quantity() + i,
            Integer.toString(s.price())));
      }
      Sale sale = new Sale(new ActivityHeader(ActivityId.of("INV-" + n), dealer, member, at), INR, lines);
      sales.add(sale);
      return sale;
    }
    if (step instanceof ReturnStep r) {
      if (sales.isEmpty()) {
        return null;
      }
      Sale sale = sales.get(r.ofSale() % sales.size());
      InvoiceLine line = sale.lines().get(0);
      long quantity = Math.max(1, line.quantity() * r.percent() / 100);
      return new SaleReturn(new ActivityHeader(ActivityId.of("RET-" + n), sale.partner(), Optional.empty(), at),
          sale.id(), List.of(new ReturnLine(line.sku(), quantity)));
    }
    if (step instanceof TrainingStep t) {
      PartnerId dealer = DEALERS.get(t.dealer());
      return new TrainingCompleted(new ActivityHeader(ActivityId.of("TRN-" + n), dealer,
          Optional.of(rep(dealer, t.rep())), at), "wiring-basics");
    }
    CertificationStep c = (CertificationStep) step;
    return new CertificationEarned(new ActivityHeader(ActivityId.of("CRT-" + n), DEALERS.get(c.dealer()),
        Optional.empty(), at), "installer", Optional.empty());
  }

  private static Map<ActivityId, JournalEntry> all(ActivityJournal journal) {
    Map<ActivityId, JournalEntry> all = new HashMap<>();
    journal.forEach(e -> all.put(e.activity().id(), e));
    return all;
  }

  /** A journal that keeps every entry as it was given: the eager form the packed one must equal. */
  private static final class EagerJournal implements ActivityJournal {
    private final Map<ActivityId, JournalEntry> entries = new LinkedHashMap<>();

    @Override
    public synchronized Optional<JournalEntry> find(ActivityId activity) {
      return Optional.ofNullable(entries.get(activity));
    }

    @Override
    public synchronized Optional<JournalEntry> insertIfAbsent(JournalEntry entry) {
      JournalEntry existing = entries.putIfAbsent(entry.activity().id(), entry);
      return Optional.ofNullable(existing);
    }

    @Override
    public synchronized void update(JournalEntry entry) {
      if (entries.replace(entry.activity().id(), entry) == null) {
        throw new IllegalStateException("no entry of " + entry.activity().id());
      }
    }

    @Override
    public synchronized List<JournalEntry> returnsOf(ActivityId invoice) {
      return entries.values().stream().filter(e -> e.activity() instanceof SaleReturn r && r.invoice().equals(invoice))
          .toList();
    }

    @Override
    public synchronized List<JournalEntry> incomplete() {
      return entries.values().stream().filter(e -> !e.complete()).toList();
    }

    @Override
    public synchronized void forEach(Consumer<JournalEntry> action) {
      List.copyOf(entries.values()).forEach(action);
    }
  }
}
