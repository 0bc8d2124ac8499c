package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.event.LoyaltyEvent;
import dev.loyalty.core.model.PartnerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The in-memory outbox's table of ids (open addressing over the events' positions) against a model,
 * a {@code LinkedHashSet} of ids: batches of ids appended again and again, ids whose hashes collide
 * ("Aa" and "BB", and their concatenations), enough ids to grow the table several times; every
 * append returns the ids the model did not have, and the outbox reads back the model's order.
 */
class InMemoryEventOutboxTest {
  private static final Instant T = Instant.parse("2026-07-02T10:00:00Z");

  @Provide
  Arbitrary<List<List<String>>> batches() {
    // "Aa" and "BB" have one hash code, so do all their concatenations of one length
    Arbitrary<String> colliding = Arbitraries.of("Aa", "BB").list().ofMinSize(1).ofMaxSize(3)
        .map(parts -> String.join("", parts));
    Arbitrary<String> many = Arbitraries.integers().between(0, 400).map(i -> "award:" + i);
    return Arbitraries.oneOf(colliding, many).list().ofMaxSize(12).list().ofMaxSize(40);
  }

  @Property(tries = 300)
  void appendsAgreeWithASetOfIds(@ForAll("batches") List<List<String>> batches) {
    InMemoryEventOutbox outbox = new InMemoryEventOutbox();
    Set<String> model = new LinkedHashSet<>();
    for (List<String> batch : batches) {
      List<String> fresh = new ArrayList<>();
      for (String id : batch) {
        if (model.add(id)) {
          fresh.add(id);
        }
      }
      List<LoyaltyEvent> events = batch.stream().map(InMemoryEventOutboxTest::event).toList();
      assertThat(outbox.append(events)).extracting(LoyaltyEvent::id).containsExactlyElementsOf(fresh);
    }
    assertThat(outbox.after(0, Integer.MAX_VALUE)).extracting(e -> e.event().id()).containsExactlyElementsOf(model);
  }

  private static LoyaltyEvent event(String id) {
    // a new string each time: ids are matched by value
    return new LoyaltyEvent.TierChanged(new String(id), T, PartnerId.of("dealer-a"), Optional.empty(),
        Optional.empty(), "test");
  }
}
