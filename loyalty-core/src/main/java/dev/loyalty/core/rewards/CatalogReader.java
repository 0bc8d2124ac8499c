package dev.loyalty.core.rewards;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.loyalty.core.json.internal.Dialect;
import dev.loyalty.core.json.internal.JsonPaths;
import dev.loyalty.core.json.internal.JsonTreeReader;
import dev.loyalty.core.json.internal.JsonTreeReader.Fields;
import dev.loyalty.core.json.internal.Suggestions;
import dev.loyalty.core.json.internal.ValueReader;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Names;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.program.Program;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IllformedLocaleException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Turns a parsed JSON tree into a {@link Catalog} of one program, or into the list of everything
 * wrong with it, each problem at its JSON path (the format is docs/REWARDS.md's). The walking is
 * {@link JsonTreeReader}'s, worded in the definition dialect the program format uses, so a catalog's
 * problems read like a program's.
 *
 * <p>One instance reads one document; not thread-safe ({@link CatalogLoader} makes one per call).
 */
final class CatalogReader {
  static final String POINT_VALUE = "point-value";
  static final String UNLIMITED = "unlimited";
  /** The prefix of a version derived from the document's content. */
  static final String CONTENT_VERSION_PREFIX = "sha256-";

  private static final List<String> CATALOG_FIELDS = List.of("program", "version", "defaultLocale", "items");
  private static final List<String> ITEM_FIELDS = List.of("id", "kind", "points", "texts", "eligibility",
      "validFrom", "validUntil", "limits", "stock");
  /** Each kind's own fields, in the order of docs/REWARDS.md. */
  private static final Map<String, List<String>> KIND_FIELDS = kindFields();
  private static final List<String> KINDS = List.copyOf(KIND_FIELDS.keySet());
  private static final List<String> TEXT_FIELDS = List.of("name", "description");
  private static final List<String> ELIGIBILITY_FIELDS = List.of("regions", "countries", "partnerTypes", "roles",
      "audience", "minTier");
  private static final List<String> LIMIT_FIELDS = List.of("units", "per");
  private static final List<String> CODES_FIELDS = List.of("pool", "provider");

  /** Writes a tree with every object's fields sorted, so that field order does not change the content version. */
  private static final JsonMapper CANONICAL = JsonTreeReader.MAPPER.rebuild()
      .enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED)
      .build();

  private final JsonTreeReader json = new JsonTreeReader(Dialect.DEFINITION);
  /** The program the catalog is for; empty when one stored item is read back, not checked against a program. */
  private final Optional<Program> program;

  private final ValueReader<LocalDate> date = json.parsed(json::text, LocalDate::parse, "a date as YYYY-MM-DD");
  private final ValueReader<Period> period =
      json.parsed(json::text, Period::parse, "an ISO-8601 period such as P3M or P90D");
  private final ValueReader<Optional<LocalDate>> optionalDate = (node, path) -> date.read(node, path).map(Optional::of);
  private final ValueReader<Optional<String>> optionalText = (node, path) -> text("text").read(node, path)
      .map(Optional::of);

  // Read before the items, which check their texts against it; empty if it could not be read.
  private Optional<Locale> defaultLocale = Optional.empty();

  private CatalogReader(Optional<Program> program) {
    this.program = program;
  }

  /** What {@code root} defines for {@code program}; throws with every problem found if anything is wrong. */
  static Catalog read(JsonNode root, String source, Program program) {
    CatalogReader reader = new CatalogReader(Optional.of(program));
    Optional<Catalog> catalog = reader.fields(root, JsonPaths.ROOT, CATALOG_FIELDS)
        .flatMap(f -> reader.catalog(f, root));
    if (reader.json.problemCount() > 0) {
      throw new CatalogDefinitionException(source, reader.json.problems());
    }
    return catalog.orElseThrow(() -> new IllegalStateException("no catalog and no problem reported"));
  }

  /**
   * The one item {@code root} defines (an element of a catalog's {@code items}), as it was written:
   * its minimum tier is not checked against a program, and its texts not against a default locale
   * (both were, when the catalog it came from was loaded). Throws with every problem found.
   */
  static CatalogItem readItem(JsonNode root, String source) {
    CatalogReader reader = new CatalogReader(Optional.empty());
    Optional<CatalogItem> item = reader.item(root, JsonPaths.ROOT, new HashMap<>());
    if (reader.json.problemCount() > 0) {
      throw new CatalogDefinitionException(source, reader.json.problems());
    }
    return item.orElseThrow(() -> new IllegalStateException("no catalog item and no problem reported"));
  }

  // ---------------------------------------------------------------------------------------------
  // The format, top down

  private Optional<Catalog> catalog(Fields f, JsonNode root) {
    Program of = program.orElseThrow();
    f.optional("program", json::nonBlank).ifPresent(id -> {
      if (!id.equals(of.id())) {
        json.problem(f.at("program"), "the catalog is for program '" + id + "', but is being loaded for program '"
            + of.id() + "'");
      }
    });
    Optional<CatalogVersion> version = root.has("version")
        ? f.required("version", json.built(json::text, CatalogVersion::of))
        : Optional.of(contentVersion(root));
    defaultLocale = f.required("defaultLocale", (node, path) -> json.nonBlank(node, path)
        .flatMap(tag -> locale(tag, path)));
    Optional<List<CatalogItem>> items = f.required("items", this::items);
    if (json.problemCount() > 0) {
      return Optional.empty();
    }
    return json.build(JsonPaths.ROOT,
        () -> Catalog.of(of, version.orElseThrow(), defaultLocale.orElseThrow(), items.orElseThrow()));
  }

  private Optional<List<CatalogItem>> items(JsonNode node, String path) {
    Map<CatalogItemId, String> seen = new HashMap<>();
    return json.arrayOf((element, elementPath) -> item(element, elementPath, seen)).read(node, path);
  }

  private Optional<CatalogItem> item(JsonNode node, String path, Map<CatalogItemId, String> seen) {
    if (!node.isObject()) {
      return json.typeMismatch(node, path, "an object");
    }
    // Which fields an item may have depends on its kind; with no known kind, no kind's field is a typo.
    JsonNode kindNode = node.get("kind");
    Optional<String> kindName = Optional.ofNullable(kindNode).filter(JsonNode::isTextual).map(JsonNode::textValue)
        .filter(KIND_FIELDS::containsKey);
    List<String> known = new ArrayList<>(ITEM_FIELDS);
    kindName.ifPresentOrElse(k -> known.addAll(KIND_FIELDS.get(k)),
        () -> KIND_FIELDS.values().forEach(fields -> fields.stream().filter(x -> !known.contains(x)).forEach(known::add)));
    Fields fields = json.object(node, path, "an object").orElseThrow();
    fields.rejectUnknown(known, name -> unknownItemField(name, known, kindName));
    return json.<CatalogItem>record(f -> {
      Optional<CatalogItemId> id = f.required("id", json.built(json::text, CatalogItemId::of));
      id.ifPresent(given -> {
        String first = seen.putIfAbsent(given, f.path());
        if (first != null) {
          json.problem(f.at("id"), "duplicate item id '" + given + "'; " + first + " has it already");
        }
      });
      Optional<String> kind = f.required("kind", json::text).filter(k -> {
        if (KIND_FIELDS.containsKey(k)) {
          return true;
        }
        json.problem(f.at("kind"), "unknown kind '" + k + "'" + Suggestions.didYouMean(k, KINDS)
            + "; expected one of " + String.join(", ", KINDS));
        return false;
      });
      Optional<Long> points = f.required("points", (n, p) -> json.wholeNumber(n, p, 1, Long.MAX_VALUE));
      Optional<ItemTexts> texts = f.required("texts", this::texts);
      Optional<Eligibility> eligibility = f.optional("eligibility", this::eligibility, Eligibility.everyone());
      Optional<Optional<LocalDate>> validFrom = f.optional("validFrom", optionalDate, Optional.empty());
      Optional<Optional<LocalDate>> validUntil = f.optional("validUntil", optionalDate, Optional.empty());
      validFrom.flatMap(Function.identity()).ifPresent(from -> validUntil.flatMap(Function.identity())
          .filter(until -> until.isBefore(from))
          .ifPresent(until -> json.problem(f.at("validUntil"), until + " is before validFrom " + from
              + "; an item's validity must end on or after the day it starts")));
      Optional<List<RedemptionLimit>> limits = f.optional("limits", this::limits, List.of());
      Optional<Stock> stock = f.optional("stock", this::stock, Stock.unlimited());
      Optional<RewardKind> rewardKind = kind.flatMap(k -> kind(k, f));
      return () -> new CatalogItem(id.orElseThrow(), rewardKind.orElseThrow(), points.orElseThrow(),
          texts.orElseThrow(), eligibility.orElseThrow(),
          new DateSpan(validFrom.orElseThrow(), validUntil.orElseThrow()), limits.orElseThrow(), stock.orElseThrow());
    }).apply(fields);
  }

  private static String unknownItemField(String name, List<String> known, Optional<String> kind) {
    String hint = Suggestions.didYouMean(name, known);
    List<String> owners = new ArrayList<>();
    KIND_FIELDS.forEach((k, fields) -> {
      if (fields.contains(name)) {
        owners.add(k);
      }
    });
    String belongs = hint.isEmpty() && !owners.isEmpty() ? " (only " + String.join(", ", owners) + " items have it)"
        : "";
    String what = kind.map(k -> "an item of kind " + k).orElse("an item");
    return "unknown field" + hint + belongs + "; " + what + " has " + String.join(", ", known);
  }

  // --- texts

  private Optional<ItemTexts> texts(JsonNode node, String path) {
    int before = json.problemCount();
    Map<Locale, String> tags = new HashMap<>();
    Optional<Map<Locale, ItemText>> texts = json.entries(node, path, "an object", (tag, value, valuePath) -> {
      Optional<Locale> locale = locale(tag, valuePath).filter(l -> {
        String first = tags.putIfAbsent(l, tag);
        if (first != null) {
          json.problem(valuePath, "locale '" + tag + "' is the same as '" + first + "' given before");
          return false;
        }
        return true;
      });
      Optional<ItemText> text = itemText(value, valuePath);
      return locale.isPresent() && text.isPresent() ? Optional.of(Map.entry(locale.get(), text.get()))
          : Optional.empty();
    });
    if (texts.isEmpty() || json.problemCount() > before) {
      return Optional.empty();
    }
    if (texts.get().isEmpty()) {
      json.problem(path, "must give a name in at least one locale");
      return Optional.empty();
    }
    Optional<ItemTexts> read = json.build(path, () -> new ItemTexts(texts.get()));
    read.ifPresent(t -> defaultLocale.flatMap(d -> Catalog.requireDefaultName(t, d))
        .ifPresent(problem -> json.problem(path, problem)));
    return read;
  }

  private Optional<ItemText> itemText(JsonNode node, String path) {
    return fields(node, path, TEXT_FIELDS).flatMap(json.record(f -> {
      Optional<String> name = f.required("name", text("item name"));
      Optional<Optional<String>> description = f.optional("description",
          (n, p) -> json.built(json::text, d -> Names.requireText(d, "item description", RewardNames.MAX_DESCRIPTION))
              .read(n, p).map(Optional::of), Optional.empty());
      return () -> new ItemText(name.orElseThrow(), description.orElseThrow());
    }));
  }

  /** The locale the BCP 47 tag {@code tag} names, if a text can be in it. */
  private Optional<Locale> locale(String tag, String path) {
    Locale locale;
    try {
      locale = new Locale.Builder().setLanguageTag(tag).build();
    } catch (IllformedLocaleException e) {
      json.problem(path, "'" + tag + "' is not a BCP 47 language tag such as en-IN, hi or zh-Hant-TW");
      return Optional.empty();
    }
    return json.build(path, () -> ItemTexts.requireTextLocale(locale));
  }

  // --- who, when, how many

  private Optional<Eligibility> eligibility(JsonNode node, String path) {
    return fields(node, path, ELIGIBILITY_FIELDS).flatMap(json.record(f -> {
      Optional<List<String>> regions = f.optional("regions",
          json.arrayOf(json.built(json::text, s -> Names.requireSlug(s, "region"))), List.of());
      Optional<List<String>> countries = f.optional("countries",
          json.arrayOf(json.built(json::text, Eligibility::requireCountry)), List.of());
      Optional<List<PartnerType>> partnerTypes = f.optional("partnerTypes",
          json.arrayOf(json.built(json::text, PartnerType::of)), List.of());
      Optional<List<MemberRole>> roles = f.optional("roles", json.arrayOf(json.built(json::text, MemberRole::of)),
          List.of());
      Optional<Audience> audience = f.optional("audience", this::audience, Audience.ANYONE);
      Optional<Optional<TierId>> minTier = f.optional("minTier", this::tier, Optional.empty());
      // Sets, not Set.copyOf: a name listed twice is harmless, not an error.
      return () -> new Eligibility(new HashSet<>(regions.orElseThrow()), new HashSet<>(countries.orElseThrow()),
          new HashSet<>(partnerTypes.orElseThrow()), new HashSet<>(roles.orElseThrow()), audience.orElseThrow(),
          minTier.orElseThrow());
    }));
  }

  private Optional<Audience> audience(JsonNode node, String path) {
    return json.text(node, path).flatMap(name -> named(name, path, "audience", Audience.values(), Audience::jsonName));
  }

  private Optional<Optional<TierId>> tier(JsonNode node, String path) {
    return json.built(json::text, TierId::of).read(node, path).flatMap(tier -> {
      Optional<String> problem = program.flatMap(p -> Catalog.requireTier(p, tier));
      problem.ifPresent(p -> json.problem(path, p));
      return problem.isPresent() ? Optional.empty() : Optional.of(Optional.of(tier));
    });
  }

  private Optional<List<RedemptionLimit>> limits(JsonNode node, String path) {
    Map<LimitPeriod, String> seen = new EnumMap<>(LimitPeriod.class);
    return json.arrayOf((element, elementPath) -> limit(element, elementPath, seen)).read(node, path);
  }

  private Optional<RedemptionLimit> limit(JsonNode node, String path, Map<LimitPeriod, String> seen) {
    return fields(node, path, LIMIT_FIELDS).flatMap(json.record(f -> {
      Optional<Long> units = f.required("units", (n, p) -> json.wholeNumber(n, p, 1, Long.MAX_VALUE));
      Optional<LimitPeriod> per = f.required("per", (n, p) -> json.text(n, p)
          .flatMap(name -> named(name, p, "period", LimitPeriod.values(), LimitPeriod::jsonName)));
      per.ifPresent(period -> {
        String first = seen.putIfAbsent(period, path);
        if (first != null) {
          json.problem(f.at("per"), "a limit per " + period.jsonName() + " is already given at " + first
              + "; give one limit per period");
        }
      });
      return () -> new RedemptionLimit(units.orElseThrow(), per.orElseThrow());
    }));
  }

  private Optional<Stock> stock(JsonNode node, String path) {
    if (node.isTextual()) {
      if (node.textValue().equals(UNLIMITED)) {
        return Optional.of(Stock.unlimited());
      }
      json.problem(path, "'" + node.textValue() + "' is not a stock; expected a whole number or \"" + UNLIMITED + "\"");
      return Optional.empty();
    }
    if (node.isNumber()) {
      return json.wholeNumber(node, path, 0, Long.MAX_VALUE).map(Stock::of);
    }
    return json.typeMismatch(node, path, "a whole number or \"" + UNLIMITED + "\"");
  }

  // --- kinds

  private static Map<String, List<String>> kindFields() {
    Map<String, List<String>> kinds = new LinkedHashMap<>();
    kinds.put("merchandise", List.of("shipping", "sku"));
    kinds.put("e-voucher", List.of("codes"));
    kinds.put("gift-card", List.of("codes"));
    kinds.put("cashback", List.of("value"));
    kinds.put("experience", List.of("location", "startsOn"));
    kinds.put("training-seat", List.of("course", "certification", "startsOn"));
    kinds.put("early-access", List.of("offering"));
    kinds.put("co-marketing-funds", List.of("value"));
    kinds.put("priority-support", List.of("duration"));
    kinds.put("donation", List.of("cause", "value"));
    return Collections.unmodifiableMap(kinds);
  }

  /** The kind {@code name} with its own fields read from {@code f}. */
  private Optional<RewardKind> kind(String name, Fields f) {
    ValueReader<ValueBasis> value = this::valueBasis;
    return switch (name) {
      case "merchandise" -> {
        Optional<Boolean> shipping = f.optional("shipping", json::bool, true);
        Optional<Optional<String>> sku = f.optional("sku", (n, p) -> text("sku").read(n, p).map(Optional::of),
            Optional.empty());
        yield build(f, () -> new RewardKind.Merchandise(shipping.orElseThrow(), sku.orElseThrow()), shipping, sku);
      }
      case "e-voucher", "gift-card" -> {
        RewardKind.DigitalCode.CodeType type = name.equals("e-voucher") ? RewardKind.DigitalCode.CodeType.E_VOUCHER
            : RewardKind.DigitalCode.CodeType.GIFT_CARD;
        yield f.required("codes", this::codes).map(source -> new RewardKind.DigitalCode(type, source));
      }
      case "cashback" -> f.optional("value", value, ValueBasis.PointValue.INSTANCE).map(RewardKind.Cashback::new);
      case "experience" -> {
        Optional<Optional<String>> location = f.optional("location", optionalText, Optional.empty());
        Optional<Optional<LocalDate>> startsOn = f.optional("startsOn", optionalDate, Optional.empty());
        yield build(f, () -> new RewardKind.Experience(location.orElseThrow(), startsOn.orElseThrow()), location,
            startsOn);
      }
      case "training-seat" -> {
        Optional<String> course = f.required("course", text("course"));
        Optional<Boolean> certification = f.optional("certification", json::bool, false);
        Optional<Optional<LocalDate>> startsOn = f.optional("startsOn", optionalDate, Optional.empty());
        yield build(f, () -> new RewardKind.TrainingSeat(course.orElseThrow(), certification.orElseThrow(),
            startsOn.orElseThrow()), course, certification, startsOn);
      }
      case "early-access" -> f.required("offering", text("offering")).map(RewardKind.EarlyAccess::new);
      case "co-marketing-funds" -> f.optional("value", value, ValueBasis.PointValue.INSTANCE)
          .map(RewardKind.CoMarketingFunds::new);
      // Built at the duration's path, so that a zero period is reported where it was written.
      case "priority-support" -> f.required("duration", json.built(period, RewardKind.PrioritySupport::new))
          .map(RewardKind.class::cast);
      case "donation" -> {
        Optional<String> cause = f.required("cause", text("cause"));
        Optional<ValueBasis> basis = f.optional("value", value, ValueBasis.PointValue.INSTANCE);
        yield build(f, () -> new RewardKind.Donation(cause.orElseThrow(), basis.orElseThrow()), cause, basis);
      }
      default -> throw new IllegalStateException("kind '" + name + "' is in KIND_FIELDS but not read");
    };
  }

  /** The kind {@code constructor} makes, once every one of {@code parts} was read. */
  private Optional<RewardKind> build(Fields f, Supplier<RewardKind> constructor, Optional<?>... parts) {
    if (Arrays.stream(parts).anyMatch(Optional::isEmpty)) {
      return Optional.empty();
    }
    return json.build(f.path(), constructor);
  }

  private Optional<CodeSource> codes(JsonNode node, String path) {
    return fields(node, path, CODES_FIELDS).flatMap(f -> {
      boolean pool = node.has("pool");
      if (pool == node.has("provider")) {
        json.problem(path, "give exactly one of pool, provider");
        return Optional.empty();
      }
      return pool
          ? f.required("pool", json.built(json::text, CodeSource.Pool::new)).map(CodeSource.class::cast)
          : f.required("provider", json.built(json::text, CodeSource.Provider::new)).map(CodeSource.class::cast);
    });
  }

  private Optional<ValueBasis> valueBasis(JsonNode node, String path) {
    if (node.isTextual()) {
      if (node.textValue().equals(POINT_VALUE)) {
        return Optional.of(ValueBasis.PointValue.INSTANCE);
      }
      json.problem(path, "unknown value '" + node.textValue() + "'; expected \"" + POINT_VALUE
          + "\" or an object of face values by currency code");
      return Optional.empty();
    }
    if (!node.isObject()) {
      return json.typeMismatch(node, path, "\"" + POINT_VALUE + "\" or an object of face values by currency code");
    }
    int before = json.problemCount();
    Optional<Map<Currency, BigDecimal>> amounts = json.entries(node, path, "an object", (code, amount, amountPath) -> {
      Optional<Currency> currency = json.currency(code, amountPath);
      Optional<BigDecimal> read = json.decimal(amount, amountPath);
      if (currency.isEmpty() || read.isEmpty()) {
        return Optional.empty();
      }
      return json.build(amountPath, () -> ValueBasis.FaceValue.requireAmount(currency.get(), read.get()))
          .map(valid -> Map.entry(currency.get(), valid));
    });
    if (amounts.isEmpty() || json.problemCount() > before) {
      return Optional.empty();
    }
    return json.build(path, () -> new ValueBasis.FaceValue(amounts.get()));
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing

  /** A string that is not blank and at most 200 characters; {@code what} names it in the problem. */
  private ValueReader<String> text(String what) {
    return json.built(json::text, value -> Names.requireText(value, what, Names.MAX_TEXT));
  }

  /** The constant of {@code values} whose JSON name is {@code name}; otherwise a problem with a hint. */
  private <E> Optional<E> named(String name, String path, String what, E[] values, Function<E, String> jsonName) {
    List<String> names = new ArrayList<>();
    for (E value : values) {
      if (jsonName.apply(value).equals(name)) {
        return Optional.of(value);
      }
      names.add(jsonName.apply(value));
    }
    json.problem(path, "unknown " + what + " '" + name + "'" + Suggestions.didYouMean(name, names)
        + "; expected one of " + String.join(", ", names));
    return Optional.empty();
  }

  /** An object's fields, after reporting every field it should not have: those come first in the problems. */
  private Optional<Fields> fields(JsonNode node, String path, List<String> known) {
    Optional<Fields> fields = json.object(node, path, "an object");
    fields.ifPresent(f -> f.rejectUnknown(known,
        name -> "unknown field" + Suggestions.didYouMean(name, known) + "; expected one of " + String.join(", ", known)));
    return fields;
  }

  /**
   * The version of a document that gives none: a digest of its content with fields sorted, so that the
   * same catalog loaded again (from the same file, after a restart) is the same version.
   */
  private static CatalogVersion contentVersion(JsonNode root) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(CANONICAL.writeValueAsString(root).getBytes(StandardCharsets.UTF_8));
      // 64 bits: two different catalogs of one program sharing a version would take billions of versions.
      return CatalogVersion.of(CONTENT_VERSION_PREFIX + HexFormat.of().formatHex(digest, 0, 8));
    } catch (NoSuchAlgorithmException | JsonProcessingException e) {
      // Every JDK has SHA-256, and a tree Jackson just read can always be written.
      throw new IllegalStateException("cannot digest the catalog's content", e);
    }
  }
}
