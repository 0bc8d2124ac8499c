package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;

/**
 * An item's names and descriptions by locale, and how a participant's locale finds one.
 *
 * <p>The fallback chain for a wanted locale is the JDK's own candidate list for resource bundles
 * (language, script, region and variant, dropped from the most specific end: {@code hi-IN} then
 * {@code hi}; {@code zh-Hant-TW} then {@code zh-Hant}, {@code zh-TW}, {@code zh}), followed by the
 * same chain for the catalog's default locale. The catalog requires every item to have a name
 * somewhere on the default locale's chain, so every locale finds a name.
 *
 * @param byLocale every locale given, in the order given; each locale names an ISO 639 language,
 *                 optionally with a script, region or variant, and no extensions; never null or empty
 */
public record ItemTexts(Map<Locale, ItemText> byLocale) {
  private static final Set<String> ISO_LANGUAGES = Set.of(Locale.getISOLanguages());
  private static final ResourceBundle.Control CANDIDATES =
      ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_DEFAULT);

  public ItemTexts {
    requireNonNull(byLocale, "byLocale");
    if (byLocale.isEmpty()) {
      throw new IllegalArgumentException("an item needs a name in at least one locale");
    }
    Map<Locale, ItemText> copy = new LinkedHashMap<>();
    byLocale.forEach((locale, text) -> copy.put(requireTextLocale(locale), requireNonNull(text, "text")));
    byLocale = Collections.unmodifiableMap(copy);
  }

  /** The text {@code name} in {@code locale} alone. */
  public static ItemTexts of(Locale locale, ItemText text) {
    return new ItemTexts(Map.of(locale, text));
  }

  /**
   * Returns {@code locale} if a text can be given in it: an ISO 639 language (a two-letter code the
   * JDK knows, or any three-letter code), optionally with a script, region or variant, and no
   * extensions.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static Locale requireTextLocale(Locale locale) {
    requireNonNull(locale, "locale");
    String language = locale.getLanguage();
    if (language.isEmpty()) {
      throw new IllegalArgumentException("locale '" + locale.toLanguageTag() + "' names no language");
    }
    // BCP 47 syntax allows a language of up to 8 letters ("english" is well-formed); only ISO 639
    // codes name languages in practice. Three-letter codes cannot be checked against the JDK's
    // two-letter list, and are common where two-letter ones do not exist (kok, mai, sat).
    if (language.length() > 3 || language.length() == 2 && !ISO_LANGUAGES.contains(language)) {
      throw new IllegalArgumentException("locale '" + locale.toLanguageTag() + "' has no ISO 639 language code ('"
          + language + "'); expected a tag such as en-IN, hi or zh-Hant-TW");
    }
    if (locale.hasExtensions()) {
      throw new IllegalArgumentException("locale '" + locale.toLanguageTag()
          + "' has extensions; a text's locale is a language with an optional script, region and variant");
    }
    return locale;
  }

  /**
   * The locales tried, in order, for a participant who reads {@code wanted} in a catalog whose
   * default is {@code defaultLocale}: {@code hi-IN} in a catalog defaulting to {@code en-IN} tries
   * {@code hi-IN}, {@code hi}, {@code en-IN}, {@code en}. Never empty.
   */
  public static List<Locale> fallbackChain(Locale wanted, Locale defaultLocale) {
    requireNonNull(wanted, "wanted");
    requireNonNull(defaultLocale, "defaultLocale");
    Set<Locale> chain = new LinkedHashSet<>(candidates(wanted));
    chain.addAll(candidates(defaultLocale));
    return List.copyOf(chain);
  }

  private static List<Locale> candidates(Locale locale) {
    List<Locale> candidates = new ArrayList<>(CANDIDATES.getCandidateLocales("", locale.stripExtensions()));
    // The root locale ends every candidate list; a text is never in it.
    candidates.remove(Locale.ROOT);
    return candidates;
  }

  /** The text given exactly in {@code locale}, if any. */
  public Optional<ItemText> in(Locale locale) {
    return Optional.ofNullable(byLocale.get(requireNonNull(locale, "locale")));
  }

  /**
   * The name and description for {@code wanted}, along its {@link #fallbackChain}; empty only if no
   * locale on the chain has a text, which a catalog never allows.
   */
  public Optional<LocalizedText> resolve(Locale wanted, Locale defaultLocale) {
    List<Locale> chain = fallbackChain(wanted, defaultLocale);
    for (int i = 0; i < chain.size(); i++) {
      ItemText text = byLocale.get(chain.get(i));
      if (text != null) {
        Optional<String> description = text.description();
        for (int j = i + 1; j < chain.size() && description.isEmpty(); j++) {
          description = Optional.ofNullable(byLocale.get(chain.get(j))).flatMap(ItemText::description);
        }
        return Optional.of(new LocalizedText(chain.get(i), text.name(), description));
      }
    }
    return Optional.empty();
  }
}
