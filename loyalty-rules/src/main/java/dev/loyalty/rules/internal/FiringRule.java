package dev.loyalty.rules.internal;

/**
 * The id of the rule whose consequence is running on this thread, so that a {@code PointsAward}
 * made in it knows the rule that made its points before it is inserted (a cap matches awards by
 * rule id, and Drools tests a new fact's conditions while it inserts it). Set and cleared by the
 * evaluation around each consequence. Thread-confined.
 */
public final class FiringRule {
  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private FiringRule() {
  }

  /** The running rule's id; empty outside a consequence; never null. */
  public static String current() {
    String id = CURRENT.get();
    return id == null ? "" : id;
  }

  static void set(String ruleId) {
    CURRENT.set(ruleId);
  }

  static void clear() {
    CURRENT.remove();
  }
}
