package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import java.util.Optional;

/**
 * An item's text as one participant reads it, after the fallback chain.
 *
 * @param locale      the locale the name was found in (the participant's own, a more general one,
 *                    or the catalog's default); never null
 * @param name        never null or blank
 * @param description the first description found along the same chain, which may be in a later
 *                    locale than the name when a translation gives only a name; never null
 */
public record LocalizedText(Locale locale, String name, Optional<String> description) {
  public LocalizedText {
    requireNonNull(locale, "locale");
    requireNonNull(name, "name");
    requireNonNull(description, "description");
  }
}
