package dev.loyalty.rules.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.From;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * The typed readers keep what they read (rules read a bound parameter again on every join): a
 * reader asked again answers what a new instance's reader answers, and a reader that fails fails
 * the same way every time, whatever was asked before.
 */
class ProgramParametersReadersTest {
  private static final List<String> NAMES = List.of("a", "b", "c", "d");

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.of("1", " 2 ", "2.50", "-3", "x", "", "1, 2,, 3", " , ", "OLD-1, OLD-2", "1e3", "7.0");
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of("a", "b", "c", "d", "e");
  }

  @Property(tries = 300)
  void readersAnswerAsANewInstanceWouldAfterAnyReadsBefore(@ForAll @Size(4) List<@From("values") String> values,
      @ForAll @Size(max = 30) List<@From("names") String> reads) {
    Map<String, String> map = Map.of(NAMES.get(0), values.get(0), NAMES.get(1), values.get(1), NAMES.get(2),
        values.get(2), NAMES.get(3), values.get(3));
    ProgramParameters kept = new ProgramParameters("p", map);
    for (String name : reads) {
      ProgramParameters fresh = new ProgramParameters("p", map);
      assertThat(answer(() -> kept.list(name))).isEqualTo(answer(() -> fresh.list(name)));
      assertThat(answer(() -> kept.number(name))).isEqualTo(answer(() -> fresh.number(name)));
      assertThat(answer(() -> kept.whole(name))).isEqualTo(answer(() -> fresh.whole(name)));
      assertThat(answer(() -> kept.whole(name, 9))).isEqualTo(answer(() -> fresh.whole(name, 9)));
      assertThat(answer(() -> kept.number(name, BigDecimal.TEN))).isEqualTo(answer(() -> fresh.number(name,
          BigDecimal.TEN)));
    }
  }

  @Test
  void aParameterThatIsNotANumberFailsEveryTime() {
    ProgramParameters parameters = new ProgramParameters("p", Map.of("mix.points", "lots"));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> parameters.whole("mix.points")).isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("parameter 'mix.points' of program p is 'lots', not a number");
    }
    assertThatThrownBy(() -> parameters.number("missing")).hasMessage("program p has no parameter 'missing'");
    assertThat(parameters.number("missing", 3)).isEqualByComparingTo("3");
  }

  @Test
  void aListReadTwiceIsTheSameAndCannotBeChanged() {
    ProgramParameters parameters = new ProgramParameters("p", Map.of("clearance.skus", "OLD-1, ,OLD-2"));
    assertThat(parameters.list("clearance.skus")).containsExactly("OLD-1", "OLD-2")
        .isEqualTo(parameters.list("clearance.skus"));
    assertThat(parameters.list("other")).isEmpty();
    assertThatThrownBy(() -> parameters.list("clearance.skus").add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  /** What {@code read} returns, or the class and message of what it throws. */
  private static Object answer(java.util.function.Supplier<Object> read) {
    try {
      return read.get();
    } catch (RuntimeException e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }
}
