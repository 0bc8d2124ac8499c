package dev.loyalty.core.rewards;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.model.TierId;
import dev.loyalty.core.program.Program;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One version of a program's reward catalog: its items and their terms, and what each participant
 * may redeem from it. Load one from JSON with {@link CatalogLoader}; keep the versions with
 * {@link CatalogVersions}.
 *
 * <p>A catalog belongs to one {@link Program}: its validity dates are days in the program's zone,
 * its minimum tiers are the program's tiers (and rank by the program's order), and money-valued
 * items are worth the program's point value. Every item has a name on the default locale's
 * fallback chain, so every participant sees a name whatever their locale.
 *
 * <p>Immutable and thread-safe. Two catalogs are equal when their program, version, default locale
 * and items are. No method accepts or returns null.
 */
public final class Catalog {
  private final Program program;
  private final CatalogVersion version;
  private final Locale defaultLocale;
  private final List<CatalogItem> items;
  private final Map<CatalogItemId, CatalogItem> byId;

  private Catalog(Program program, CatalogVersion version, Locale defaultLocale, List<CatalogItem> items) {
    this.program = requireNonNull(program, "program");
    this.version = requireNonNull(version, "version");
    this.defaultLocale = ItemTexts.requireTextLocale(defaultLocale);
    this.items = List.copyOf(requireNonNull(items, "items"));
    Map<CatalogItemId, CatalogItem> index = new LinkedHashMap<>();
    for (CatalogItem item : this.items) {
      if (index.put(item.id(), item) != null) {
        throw new IllegalArgumentException("catalog " + version + " lists item " + item.id() + " twice");
      }
      requireDefaultName(item.texts(), defaultLocale).ifPresent(problem -> {
        throw new IllegalArgumentException("catalog " + version + ": item " + item.id() + " " + problem);
      });
      item.eligibility().minimumTier().ifPresent(tier -> requireTier(program, tier).ifPresent(problem -> {
        throw new IllegalArgumentException("catalog " + version + ": item " + item.id() + " needs " + problem);
      }));
    }
    this.byId = Map.copyOf(index);
  }

  /**
   * The catalog {@code version} of {@code program}, showing texts in {@code defaultLocale} when a
   * participant's locale has none.
   *
   * @param items ids unique; each with a name on {@code defaultLocale}'s fallback chain; minimum
   *              tiers defined by {@code program}
   * @throws IllegalArgumentException if an item breaks those rules
   */
  public static Catalog of(Program program, CatalogVersion version, Locale defaultLocale, List<CatalogItem> items) {
    return new Catalog(program, version, defaultLocale, items);
  }

  /** What is wrong with an item's {@code texts} in a catalog defaulting to {@code defaultLocale}, if anything. */
  static Optional<String> requireDefaultName(ItemTexts texts, Locale defaultLocale) {
    List<Locale> chain = ItemTexts.fallbackChain(defaultLocale, defaultLocale);
    if (chain.stream().anyMatch(locale -> texts.in(locale).isPresent())) {
      return Optional.empty();
    }
    List<String> tags = new ArrayList<>();
    chain.forEach(locale -> tags.add(locale.toLanguageTag()));
    String others = tags.size() > 1 ? " (nor in " + String.join(", ", tags.subList(1, tags.size())) + ")" : "";
    return Optional.of("has no name in the catalog's default locale " + tags.get(0) + others
        + "; every item needs one");
  }

  /** What is wrong with an item needing {@code tier} in {@code program}, if anything. */
  static Optional<String> requireTier(Program program, TierId tier) {
    if (program.tier(tier).isPresent()) {
      return Optional.empty();
    }
    List<String> tiers = new ArrayList<>();
    program.tiers().forEach(t -> tiers.add(t.id().value()));
    return Optional.of("unknown tier '" + tier + "'; program " + program.id() + " defines "
        + (tiers.isEmpty() ? "no tiers" : String.join(", ", tiers)));
  }

  /** The program it belongs to. */
  public Program program() {
    return program;
  }

  /** Its version. */
  public CatalogVersion version() {
    return version;
  }

  /** The locale texts fall back to last. */
  public Locale defaultLocale() {
    return defaultLocale;
  }

  /** Every item, in the catalog's order; unmodifiable. */
  public List<CatalogItem> items() {
    return items;
  }

  /** The item {@code id}, if the catalog has it. */
  public Optional<CatalogItem> item(CatalogItemId id) {
    return Optional.ofNullable(byId.get(requireNonNull(id, "id")));
  }

  /**
   * What {@code participant} may redeem at {@code at}, in the catalog's order, each in the
   * participant's locale, with its price and (for money-valued items) its value in the partner's
   * currency.
   *
   * @throws IllegalArgumentException if the participant's tier is not one of the program's
   */
  public List<Offer> visibleTo(Participant participant, Instant at) {
    Judgement judgement = new Judgement(this, participant, at);
    List<Offer> offers = new ArrayList<>();
    for (CatalogItem item : items) {
      if (judgement.of(item) instanceof Visibility.Visible visible) {
        offers.add(visible.offer());
      }
    }
    return List.copyOf(offers);
  }

  /**
   * Whether {@code participant} may redeem item {@code id} at {@code at}: the offer, or every
   * reason why not.
   *
   * @throws UnknownCatalogItemException if the catalog has no such item
   * @throws IllegalArgumentException    if the participant's tier is not one of the program's
   */
  public Visibility visibility(CatalogItemId id, Participant participant, Instant at) {
    CatalogItem item = item(id).orElseThrow(() -> new UnknownCatalogItemException(id, version));
    return new Judgement(this, participant, at).of(item);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Catalog that && program.equals(that.program) && version.equals(that.version)
        && defaultLocale.equals(that.defaultLocale) && items.equals(that.items);
  }

  @Override
  public int hashCode() {
    return Objects.hash(program, version, defaultLocale, items);
  }

  /** {@code "catalog 2026-07 of acme-channel-2026 (12 items)"}. */
  @Override
  public String toString() {
    return "catalog " + version + " of " + program.id() + " (" + items.size() + (items.size() == 1 ? " item)" : " items)");
  }
}
