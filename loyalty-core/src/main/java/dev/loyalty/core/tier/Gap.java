package dev.loyalty.core.tier;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Money;
import java.util.Set;

/** One thing a participant still misses for a tier. */
public sealed interface Gap {

  /** The gap in words ("12,300 INR more sales"); never null. */
  String describe();

  /**
   * More sales in the window: the larger of what the minimum and the growth target still need.
   *
   * @param missing positive; never null
   */
  record Sales(Money missing) implements Gap {
    public Sales {
      requireNonNull(missing, "missing");
    }

    @Override
    public String describe() {
      return missing.formatted() + " more sales";
    }
  }

  /**
   * More distinct product categories in the window.
   *
   * @param missing positive
   */
  record Categories(int missing) implements Gap {
    @Override
    public String describe() {
      return missing + " more product " + (missing == 1 ? "category" : "categories");
    }
  }

  /**
   * More certifications.
   *
   * @param missing  how many more, at least the size of {@code required}
   * @param required the named certifications still missing; never null
   */
  record Certifications(int missing, Set<String> required) implements Gap {
    public Certifications {
      required = Set.copyOf(requireNonNull(required, "required"));
    }

    @Override
    public String describe() {
      String text = missing + (missing == 1 ? " certification" : " certifications");
      return required.isEmpty() ? text : text + " (" + String.join(", ", new java.util.TreeSet<>(required)) + ")";
    }
  }

  /**
   * The tier cannot be reached at all (for example it sets no sales minimum in the participant's
   * currency).
   *
   * @param reason never null
   */
  record NotOffered(String reason) implements Gap {
    public NotOffered {
      requireNonNull(reason, "reason");
    }

    @Override
    public String describe() {
      return reason;
    }
  }
}
