package dev.loyalty.rules.standard;

/** Counted nouns for the ready-made rules' sentences ("1 point", "3 categories"). */
public final class Words {
  private Words() {
  }

  /** {@code count} followed by {@code noun}, with an "s" unless it is 1 ("1 point", "3 points"). */
  public static String count(long count, String noun) {
    return count(count, noun, noun + "s");
  }

  /** {@code count} followed by {@code one} or {@code many} ("1 category", "3 categories"). */
  public static String count(long count, String one, String many) {
    return count + " " + (count == 1 ? one : many);
  }
}
