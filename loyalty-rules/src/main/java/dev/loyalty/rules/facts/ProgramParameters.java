package dev.loyalty.rules.facts;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The program's rule parameters ({@code "points-per-100": "1"}), with typed readers so that one
 * rule set serves programs that differ only in numbers. A reader of a parameter the program does
 * not set, or sets to something that is not a number, fails the evaluation with a message naming
 * the program and the parameter; the readers with a default do not fail on a missing parameter.
 *
 * <p>The engine inserts one instance per program for every evaluation, so {@link #parsed} can keep
 * what helpers read from the parameters (an earn rate, a threshold list) instead of parsing them
 * again for every activity. The typed readers keep what they read too: a rule's condition that
 * binds one ({@code $min : whole("mix.min-categories", 3)}) is read again every time the binding
 * is used, for every activity and every fact it is joined with. Immutable apart from those caches
 * (which hold at most one entry per parameter the program sets); thread-safe.
 */
public final class ProgramParameters {
  private final String program;
  private final Map<String, String> values;
  private final Map<Object, Object> parsed = new ConcurrentHashMap<>();
  private final Map<String, BigDecimal> numbers = new ConcurrentHashMap<>();
  private final Map<String, List<String>> lists = new ConcurrentHashMap<>();

  /**
   * @param program the program's id; never null
   * @param values  never null
   */
  public ProgramParameters(String program, Map<String, String> values) {
    this.program = requireNonNull(program, "program");
    this.values = Map.copyOf(requireNonNull(values, "values"));
  }

  /** The program's id; never null. */
  public String program() {
    return program;
  }

  /** Every parameter; never null. */
  public Map<String, String> values() {
    return values;
  }

  /**
   * What {@code reader} makes of these parameters, read once and kept under {@code key} (a helper
   * class, say) for later evaluations. A reader that throws keeps nothing, so the next call fails
   * the same way.
   */
  @SuppressWarnings("unchecked")
  public <T> T parsed(Object key, Function<ProgramParameters, T> reader) {
    requireNonNull(reader, "reader");
    return (T) parsed.computeIfAbsent(requireNonNull(key, "key"), k -> requireNonNull(reader.apply(this),
        "reader returned null"));
  }

  /** Whether the program sets parameter {@code name}. */
  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** The text of parameter {@code name}; never null. */
  public String text(String name) {
    String value = values.get(requireNonNull(name, "name"));
    if (value == null) {
      throw new IllegalStateException("program " + program + " has no parameter '" + name + "'");
    }
    return value;
  }

  /** The text of parameter {@code name}, or {@code otherwise} if it is not set. */
  public String text(String name, String otherwise) {
    return values.getOrDefault(requireNonNull(name, "name"), requireNonNull(otherwise, "otherwise"));
  }

  /** Parameter {@code name} as an exact decimal number; never null. */
  public BigDecimal number(String name) {
    BigDecimal known = numbers.get(requireNonNull(name, "name"));
    if (known != null) {
      return known;
    }
    BigDecimal read = read(name); // throws (and keeps nothing) if it is not set or not a number
    numbers.putIfAbsent(name, read);
    return read;
  }

  private BigDecimal read(String name) {
    String value = text(name);
    try {
      return new BigDecimal(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalStateException("parameter '" + name + "' of program " + program + " is '" + value
          + "', not a number", e);
    }
  }

  /** Parameter {@code name} as a decimal number, or {@code otherwise} if it is not set. */
  public BigDecimal number(String name, BigDecimal otherwise) {
    return has(name) ? number(name) : requireNonNull(otherwise, "otherwise");
  }

  /**
   * Parameter {@code name} as a decimal number, or the whole number {@code otherwise} if it is not
   * set: a default a condition can write as a plain literal ({@code number("risk.factor", 3)}).
   */
  public BigDecimal number(String name, long otherwise) {
    return has(name) ? number(name) : BigDecimal.valueOf(otherwise);
  }

  /** Parameter {@code name} as a whole number. */
  public long whole(String name) {
    try {
      return number(name).longValueExact();
    } catch (ArithmeticException e) {
      throw new IllegalStateException("parameter '" + name + "' of program " + program + " is '" + text(name)
          + "', not a whole number", e);
    }
  }

  /** Parameter {@code name} as a whole number, or {@code otherwise} if it is not set. */
  public long whole(String name, long otherwise) {
    return has(name) ? whole(name) : otherwise;
  }

  /**
   * Parameter {@code name} as a comma-separated list, each item stripped, empty items dropped; an
   * empty list if it is not set; never null.
   */
  public List<String> list(String name) {
    String value = values.get(requireNonNull(name, "name"));
    if (value == null) {
      return List.of(); // not kept: names a rule builds need not be the program's
    }
    return lists.computeIfAbsent(name, n -> split(value));
  }

  private static List<String> split(String value) {
    List<String> items = new ArrayList<>();
    for (String item : value.split(",")) {
      if (!item.isBlank()) {
        items.add(item.strip());
      }
    }
    return List.copyOf(items);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ProgramParameters other && program.equals(other.program) && values.equals(other.values);
  }

  @Override
  public int hashCode() {
    return program.hashCode() * 31 + values.hashCode();
  }

  @Override
  public String toString() {
    return "parameters of program " + program + " " + values;
  }
}
