package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.Names;
import java.util.Optional;

/**
 * An item's name and description in one locale.
 *
 * @param name        never null or blank, at most 200 characters
 * @param description empty when this locale has none (the next locale in the fallback chain then
 *                    gives it); not blank, at most 4,000 characters; never null
 */
public record ItemText(String name, Optional<String> description) {
  public ItemText {
    Names.requireText(name, "item name", Names.MAX_TEXT);
    requireNonNull(description, "description");
    description.ifPresent(d -> Names.requireText(d, "item description", RewardNames.MAX_DESCRIPTION));
  }

  /** A name without a description. */
  public static ItemText of(String name) {
    return new ItemText(name, Optional.empty());
  }

  /** A name with a description. */
  public static ItemText of(String name, String description) {
    return new ItemText(name, Optional.of(description));
  }
}
