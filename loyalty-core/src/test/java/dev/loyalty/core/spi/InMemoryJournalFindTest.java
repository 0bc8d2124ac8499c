package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.rules.RuleDecision;
import dev.loyalty.core.rules.RuleRef;
import java.time.Instant;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The in-memory journal keeps the entry it last unpacked for {@link ActivityJournal#find} (a
 * return reads its invoice's entry four times): random inserts, updates and finds of a few
 * activities, complete (packed) and incomplete (kept as they are), against a map of the entries
 * last written; every find equals the last write, never an entry an update replaced.
 */
class InMemoryJournalFindTest {
  private static final Instant T = Instant.parse("2026-07-02T10:00:00Z");
  private static final RuleRef RULE = RuleRef.of("base-points", "2026-07");

  /** Writes (insert or update) {@code activity}'s entry with {@code points}, or finds it. */
  record Op(boolean write, int activity, long points, boolean complete) {
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    return Combinators.combine(Arbitraries.of(true, false), Arbitraries.integers().between(1, 3),
        Arbitraries.longs().between(1, 5), Arbitraries.frequency(
            net.jqwik.api.Tuple.of(4, true), net.jqwik.api.Tuple.of(1, false)))
        .as(Op::new).list().ofMaxSize(40);
  }

  @Property(tries = 300)
  void everyFindReadsTheLastWrite(@ForAll("ops") List<Op> ops) {
    ActivityJournal journal = ActivityJournal.inMemory();
    Map<ActivityId, JournalEntry> model = new HashMap<>();
    for (Op op : ops) {
      ActivityId id = ActivityId.of("INV-" + op.activity());
      if (op.write()) {
        JournalEntry entry = entry(id, op.points(), op.complete());
        if (model.containsKey(id)) {
          journal.update(entry);
        } else {
          assertThat(journal.insertIfAbsent(entry)).isEmpty();
        }
        model.put(id, entry);
      } else {
        assertThat(journal.find(id)).isEqualTo(Optional.ofNullable(model.get(id)));
        // and again, as a return's steps read it
        assertThat(journal.find(id)).isEqualTo(Optional.ofNullable(model.get(id)));
      }
    }
  }

  private static JournalEntry entry(ActivityId id, long points, boolean complete) {
    Sale sale = new Sale(ActivityHeader.of(id.value(), "dealer-a", T), Currency.getInstance("INR"),
        List.of(InvoiceLine.of("CAB-25", "cables", points, "100.50")));
    PostedAward award = new PostedAward(PartnerId.of("dealer-a"), points * 10, points * 10, RULE,
        "1 point per 100 INR on " + points * 1005 + ".", Optional.empty(), Optional.empty(), Optional.empty());
    Receipt receipt = Receipt.planned(id, Receipt.Status.RECORDED, T, List.of(award), List.of(),
        List.of(RuleDecision.fired(RULE, "Applied to " + points + " units.")), List.of(), List.of(), List.of());
    return new JournalEntry(sale, receipt, complete, (int) points);
  }
}
