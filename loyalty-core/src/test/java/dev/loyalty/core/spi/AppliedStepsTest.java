package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.model.ActivityId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The in-memory performance store's record of what it applied per activity ({@link AppliedSteps},
 * an open-addressing table of ids and a byte of bits each) against the map it used to keep (an
 * {@code Integer} of bits per activity id): random marks and lookups over ids that include equal
 * hash codes ("Aa" and "BB") and equal ids made twice, across several growths of the table.
 */
class AppliedStepsTest {

  /** Marks {@code bit} when {@code mark}, otherwise asks whether it is marked. */
  record Op(boolean mark, String id, int bit) {
  }

  @Provide
  Arbitrary<List<Op>> ops() {
    // colliding strings ("Aa".hashCode() == "BB".hashCode()) and many similar ids, as invoices have
    Arbitrary<String> colliding = Arbitraries.of("Aa", "BB", "AaAa", "AaBB", "BBAa", "BBBB");
    Arbitrary<String> invoices = Arbitraries.integers().between(1, 400).map(n -> "INV-" + n);
    Arbitrary<String> ids = Arbitraries.frequencyOf(Tuple.of(1, colliding), Tuple.of(4, invoices));
    Arbitrary<Integer> bits = Arbitraries.of(1, 2, 4, 8, 16, 32, 64);
    return Combinators.combine(Arbitraries.of(true, false), ids, bits).as(Op::new).list().ofMaxSize(600);
  }

  @Property(tries = 300)
  void agreesWithAMapOfBitsPerActivity(@ForAll("ops") List<Op> ops) {
    AppliedSteps applied = new AppliedSteps();
    Map<ActivityId, Integer> model = new HashMap<>();
    for (Op op : ops) {
      // a new ActivityId every time: equal ids, not the same object
      ActivityId id = ActivityId.of(op.id());
      if (op.mark()) {
        applied.mark(id, op.bit());
        model.merge(id, op.bit(), (a, b) -> a | b);
      } else {
        Integer done = model.get(id);
        assertThat(applied.has(id, op.bit())).isEqualTo(done != null && (done & op.bit()) != 0);
      }
      assertThat(applied.size()).isEqualTo(model.size());
    }
    model.forEach((id, done) -> {
      for (int bit = 1; bit <= 64; bit <<= 1) {
        assertThat(applied.has(ActivityId.of(id.value()), bit)).isEqualTo((done & bit) != 0);
      }
    });
  }

  @Test
  void aBitThatIsNotOneOfTheSevenIsRefused_andNothingChanges() {
    AppliedSteps applied = new AppliedSteps();
    ActivityId id = ActivityId.of("INV-1");
    applied.mark(id, 2);
    for (int bit : new int[] {0, 3, 128, -1, 1 << 20}) {
      assertThatThrownBy(() -> applied.mark(id, bit)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(String.valueOf(bit));
      assertThatThrownBy(() -> applied.mark(ActivityId.of("INV-2"), bit)).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(applied.size()).isEqualTo(1);
    assertThat(applied.has(id, 2)).isTrue();
    assertThat(applied.has(id, 1)).isFalse();
    assertThat(applied.has(ActivityId.of("INV-2"), 2)).isFalse();
  }
}
