package dev.loyalty.core.program;

import dev.loyalty.core.InputProblem;
import dev.loyalty.core.model.Names;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.model.TierId;
import dev.loyalty.ledger.AccountId;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a parsed JSON tree into a {@link Program}, or into the list of everything wrong with it.
 * The tree is walked by hand rather than data-bound so that one bad value does not stop the walk:
 * each reader reports what it finds and returns empty, and the walk goes on with its siblings.
 *
 * <p>An empty {@code Optional} always comes with at least one reported problem; a value may also be
 * partial (a map missing its invalid entries) when a problem was reported. Records are built only
 * from parts read without a problem, and the program only when the whole document had none.
 *
 * <p>One instance reads one document; not thread-safe (the loader makes a new one per call).
 */
final class ProgramReader {

  private static final List<String> PROGRAM_FIELDS = List.of("id", "name", "zone", "pointValue", "tierPolicy",
      "tiers", "campaigns", "earnSplit", "expiry", "accounts", "parameters");
  private static final List<String> TIER_POLICY_FIELDS = List.of("windowMonths", "grace");
  private static final List<String> TIER_FIELDS = List.of("id", "name", "earnMultiplier", "criteria");
  private static final List<String> CRITERIA_FIELDS = List.of("minSales", "minGrowthPercent", "minCategories",
      "minCertifications", "requiredCertifications");
  private static final List<String> CAMPAIGN_FIELDS = List.of("id", "name", "startsOn", "endsOn", "budget",
      "target", "parameters");
  private static final List<String> TARGET_FIELDS = List.of("regions", "partnerTypes", "segments", "tiers");
  private static final List<String> EARN_SPLIT_FIELDS = List.of("partnerPercent", "memberPercent");
  private static final List<String> ACCOUNTS_FIELDS = List.of("prefix", "issuance", "breakage", "clawback");

  private static final String NEVER = "never";
  private static final String AFTER_MONTHS = "after-months";
  private static final String END_OF_PROGRAM_YEAR = "end-of-program-year";
  private static final Map<String, List<String>> EXPIRY_FIELDS = Map.of(
      NEVER, List.of("policy"),
      AFTER_MONTHS, List.of("policy", "months"),
      END_OF_PROGRAM_YEAR, List.of("policy", "yearEnd", "extraYears"));
  // When the policy itself is missing or unknown, any variant's field is still no typo.
  private static final List<String> ANY_EXPIRY_FIELDS = List.of("policy", "months", "yearEnd", "extraYears");

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
  private static final Pattern MONTH_DAY = Pattern.compile("(\\d{2})-(\\d{2})");
  private static final Pattern JACKSON_LOCATION =
      Pattern.compile("\\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]");

  private final List<InputProblem> problems = new ArrayList<>();

  // Filled while reading tiers, so that campaigns read afterwards can check the tiers they target.
  private final Map<TierId, String> tierPaths = new LinkedHashMap<>();
  private boolean tiersReadable = true;

  /** What {@code root} defines; throws with every problem found if anything is wrong. */
  static Program read(JsonNode root, String source) {
    ProgramReader reader = new ProgramReader();
    Optional<Program> program = reader.program(root);
    if (!reader.problems.isEmpty()) {
      throw new ProgramDefinitionException(source, reader.problems);
    }
    return program.orElseThrow(() -> new IllegalStateException("no program and no problem reported"));
  }

  /** The single problem a document that is not JSON at all has. */
  static ProgramDefinitionException malformed(JsonProcessingException e, String source) {
    JsonLocation location = e.getLocation();
    String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    // Jackson's own text may point at a start marker as "[Source: ...; line: 1, column: 1]".
    String original = String.valueOf(e.getOriginalMessage());
    // Jackson words this one in terms of its own settings, which mean nothing to the document's author.
    if (original.startsWith("Trailing token")) {
      original = "more content after the end of the document's top-level value";
    }
    String detail = JACKSON_LOCATION.matcher(original)
        .replaceAll("line $1, column $2")
        .replaceAll("\\s*\\R\\s*", " ");
    return new ProgramDefinitionException(source, List.of(new InputProblem("$", "malformed JSON" + where + ": " + detail)));
  }

  /** The problem with an empty document. */
  static ProgramDefinitionException empty(String source) {
    return new ProgramDefinitionException(source,
        List.of(new InputProblem("$", "the document is empty; expected a JSON object")));
  }

  // ---------------------------------------------------------------------------------------------
  // The format, top down

  private Optional<Program> program(JsonNode root) {
    Optional<Fields> fields = fields(root, "$", PROGRAM_FIELDS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Fields f = fields.get();
    Optional<String> id = f.required("id", this::nonBlank);
    Optional<String> name = f.required("name", this::nonBlank);
    Optional<ZoneId> zone = f.required("zone", this::zone);
    Optional<Map<Currency, BigDecimal>> pointValue = f.required("pointValue", this::pointValue);
    Optional<TierPolicy> tierPolicy = f.required("tierPolicy", this::tierPolicy);
    // Tiers before campaigns: campaigns check their targeted tiers against the ones read here.
    Optional<List<Tier>> tiers = f.optional("tiers", this::tiers, List.of());
    Optional<List<Campaign>> campaigns = f.optional("campaigns", this::campaigns, List.of());
    Optional<EarnSplit> earnSplit = f.required("earnSplit", this::earnSplit);
    Optional<ExpiryPolicy> expiry = f.required("expiry", this::expiry);
    Optional<ProgramAccounts> accounts = f.required("accounts", this::accounts);
    Optional<Map<String, String>> parameters = f.optional("parameters", this::parameters, Map.of());
    if (!problems.isEmpty()) {
      return Optional.empty();
    }
    return build("$", () -> new Program(id.orElseThrow(), name.orElseThrow(), zone.orElseThrow(),
        pointValue.orElseThrow(), tiers.orElseThrow(), tierPolicy.orElseThrow(), campaigns.orElseThrow(),
        earnSplit.orElseThrow(), expiry.orElseThrow(), accounts.orElseThrow(), parameters.orElseThrow()));
  }

  private Optional<Map<Currency, BigDecimal>> pointValue(JsonNode node, String path) {
    int before = problems.size();
    Optional<Map<Currency, BigDecimal>> values = amounts(node, path, true);
    if (values.isPresent() && values.get().isEmpty() && problems.size() == before) {
      problem(path, "must give the value of a point in at least one currency");
    }
    return values;
  }

  private Optional<TierPolicy> tierPolicy(JsonNode node, String path) {
    return fields(node, path, TIER_POLICY_FIELDS).flatMap(f -> {
      Optional<Integer> window = f.required("windowMonths", (n, p) -> wholeInt(n, p, 1, 36));
      Optional<Period> grace = f.required("grace", this::grace);
      return both(window, grace, path, TierPolicy::new);
    });
  }

  private Optional<Period> grace(JsonNode node, String path) {
    Optional<Period> grace = parsed(node, path, Period::parse, "an ISO-8601 period such as P3M or P90D");
    if (grace.isPresent() && grace.get().isNegative()) {
      problem(path, "must not be negative, got " + grace.get());
      return Optional.empty();
    }
    return grace;
  }

  // --- tiers

  private Optional<List<Tier>> tiers(JsonNode node, String path) {
    if (!node.isArray()) {
      tiersReadable = false;
    }
    // The highest minimum sales a lower tier requires, per currency, and where it was set.
    Map<Currency, Requirement> highest = new HashMap<>();
    return array(node, path, (element, elementPath) -> tier(element, elementPath, highest));
  }

  private record Requirement(BigDecimal amount, String tierPath, Optional<TierId> tier) {
  }

  private Optional<Tier> tier(JsonNode node, String path, Map<Currency, Requirement> highest) {
    Optional<Fields> fields = fields(node, path, TIER_FIELDS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Fields f = fields.get();
    int before = problems.size();
    Optional<TierId> id = f.required("id", (n, p) -> text(n, p).flatMap(s -> build(p, () -> TierId.of(s))));
    id.ifPresent(tierId -> {
      String first = tierPaths.putIfAbsent(tierId, path);
      if (first != null) {
        problem(f.at("id"), "duplicate tier id '" + tierId + "'; " + first + " has it already");
      }
    });
    Optional<String> name = f.required("name", this::nonBlank);
    Optional<BigDecimal> multiplier = f.optional("earnMultiplier", this::positiveDecimal, BigDecimal.ONE);
    Map<Currency, BigDecimal> minSales = new LinkedHashMap<>();
    Optional<TierCriteria> criteria = f.optional("criteria", (n, p) -> criteria(n, p, minSales), TierCriteria.none());
    checkNotBelowLowerTiers(minSales, f.at("criteria") + segment("minSales"), path, id, highest);
    if (problems.size() > before) {
      return Optional.empty();
    }
    return build(path, () -> new Tier(id.orElseThrow(), name.orElseThrow(), criteria.orElseThrow(),
        multiplier.orElseThrow()));
  }

  /** Reports every currency where this tier asks for less than a tier below it, then raises the bar. */
  private void checkNotBelowLowerTiers(Map<Currency, BigDecimal> minSales, String minSalesPath, String tierPath,
      Optional<TierId> tier, Map<Currency, Requirement> highest) {
    minSales.forEach((currency, amount) -> {
      Requirement lower = highest.get(currency);
      if (lower != null && amount.compareTo(lower.amount()) < 0) {
        problem(minSalesPath + segment(currency.getCurrencyCode()), "requires " + amount.toPlainString()
            + ", less than the " + lower.amount().toPlainString() + " that the lower tier "
            + lower.tier().map(t -> "'" + t + "' ").orElse("") + "at " + lower.tierPath()
            + " requires; a higher tier must not require less");
      } else {
        highest.put(currency, new Requirement(amount, tierPath, tier));
      }
    });
  }

  private Optional<TierCriteria> criteria(JsonNode node, String path, Map<Currency, BigDecimal> minSalesOut) {
    Optional<Fields> fields = fields(node, path, CRITERIA_FIELDS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Fields f = fields.get();
    int before = problems.size();
    Optional<Map<Currency, BigDecimal>> minSales = f.optional("minSales", (n, p) -> amounts(n, p, false), Map.of());
    minSales.ifPresent(minSalesOut::putAll);
    Optional<Optional<BigDecimal>> growth = f.optional("minGrowthPercent",
        (n, p) -> decimal(n, p).map(Optional::of), Optional.empty());
    Optional<Integer> categories = f.optional("minCategories", (n, p) -> wholeInt(n, p, 0, Integer.MAX_VALUE), 0);
    Optional<Integer> certifications = f.optional("minCertifications",
        (n, p) -> wholeInt(n, p, 0, Integer.MAX_VALUE), 0);
    Optional<List<String>> required = f.optional("requiredCertifications",
        (n, p) -> array(n, p, this::nonBlank), List.of());
    if (problems.size() > before) {
      return Optional.empty();
    }
    return build(path, () -> new TierCriteria(minSales.orElseThrow(), growth.orElseThrow(),
        categories.orElseThrow(), certifications.orElseThrow(), Set.copyOf(required.orElseThrow())));
  }

  // --- campaigns

  private Optional<List<Campaign>> campaigns(JsonNode node, String path) {
    Map<CampaignId, String> seen = new HashMap<>();
    return array(node, path, (element, elementPath) -> campaign(element, elementPath, seen));
  }

  private Optional<Campaign> campaign(JsonNode node, String path, Map<CampaignId, String> seen) {
    Optional<Fields> fields = fields(node, path, CAMPAIGN_FIELDS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Fields f = fields.get();
    int before = problems.size();
    Optional<CampaignId> id = f.required("id",
        (n, p) -> text(n, p).flatMap(s -> build(p, () -> CampaignId.of(s))));
    id.ifPresent(campaignId -> {
      String first = seen.putIfAbsent(campaignId, path);
      if (first != null) {
        problem(f.at("id"), "duplicate campaign id '" + campaignId + "'; " + first + " has it already");
      }
    });
    Optional<String> name = f.required("name", this::nonBlank);
    Optional<LocalDate> startsOn = f.required("startsOn", this::date);
    Optional<LocalDate> endsOn = f.required("endsOn", this::date);
    if (startsOn.isPresent() && endsOn.isPresent() && endsOn.get().isBefore(startsOn.get())) {
      problem(f.at("endsOn"), endsOn.get() + " is before startsOn " + startsOn.get()
          + "; a campaign must end on or after the day it starts");
    }
    Optional<Long> budget = f.required("budget", (n, p) -> wholeLong(n, p, 1, Long.MAX_VALUE));
    Optional<CampaignTarget> target = f.optional("target", this::target, CampaignTarget.everyone());
    Optional<Map<String, String>> parameters = f.optional("parameters", this::parameters, Map.of());
    if (problems.size() > before) {
      return Optional.empty();
    }
    return build(path, () -> new Campaign(id.orElseThrow(), name.orElseThrow(), startsOn.orElseThrow(),
        endsOn.orElseThrow(), target.orElseThrow(), budget.orElseThrow(), parameters.orElseThrow()));
  }

  private Optional<CampaignTarget> target(JsonNode node, String path) {
    Optional<Fields> fields = fields(node, path, TARGET_FIELDS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Fields f = fields.get();
    int before = problems.size();
    Optional<List<String>> regions = f.optional("regions",
        (n, p) -> array(n, p, (e, ep) -> text(e, ep).flatMap(s -> build(ep, () -> Names.requireSlug(s, "region")))),
        List.of());
    Optional<List<PartnerType>> partnerTypes = f.optional("partnerTypes",
        (n, p) -> array(n, p, (e, ep) -> text(e, ep).flatMap(s -> build(ep, () -> PartnerType.of(s)))), List.of());
    Optional<List<String>> segments = f.optional("segments",
        (n, p) -> array(n, p, (e, ep) -> text(e, ep).flatMap(s -> build(ep, () -> Names.requireSlug(s, "segment")))),
        List.of());
    Optional<List<TierId>> tiers = f.optional("tiers", (n, p) -> array(n, p, this::targetedTier), List.of());
    if (problems.size() > before) {
      return Optional.empty();
    }
    return build(path, () -> new CampaignTarget(Set.copyOf(regions.orElseThrow()),
        Set.copyOf(partnerTypes.orElseThrow()), Set.copyOf(segments.orElseThrow()), Set.copyOf(tiers.orElseThrow())));
  }

  private Optional<TierId> targetedTier(JsonNode node, String path) {
    Optional<TierId> tier = text(node, path).flatMap(s -> build(path, () -> TierId.of(s)));
    // When the tiers themselves could not be read, "unknown tier" would only be noise.
    if (tier.isPresent() && tiersReadable && !tierPaths.containsKey(tier.get())) {
      problem(path, "unknown tier '" + tier.get() + "'; the program defines "
          + (tierPaths.isEmpty() ? "no tiers" : join(tierPaths.keySet())));
      return Optional.empty();
    }
    return tier;
  }

  // --- the rest of the program

  private Optional<EarnSplit> earnSplit(JsonNode node, String path) {
    return fields(node, path, EARN_SPLIT_FIELDS).flatMap(f -> {
      Optional<Integer> partner = f.required("partnerPercent", (n, p) -> wholeInt(n, p, 0, 100));
      Optional<Integer> member = f.required("memberPercent", (n, p) -> wholeInt(n, p, 0, 100));
      if (partner.isPresent() && member.isPresent() && partner.get() + member.get() != 100) {
        problem(path, "partnerPercent and memberPercent must sum to 100, got " + partner.get() + " + "
            + member.get() + " = " + (partner.get() + member.get()));
        return Optional.empty();
      }
      return both(partner, member, path, EarnSplit::new);
    });
  }

  private Optional<ExpiryPolicy> expiry(JsonNode node, String path) {
    if (!node.isObject()) {
      return typeMismatch(node, path, "an object");
    }
    JsonNode policyNode = node.get("policy");
    List<String> known = policyNode != null && policyNode.isTextual()
        ? EXPIRY_FIELDS.getOrDefault(policyNode.textValue(), ANY_EXPIRY_FIELDS)
        : ANY_EXPIRY_FIELDS;
    Fields f = fields(node, path, known).orElseThrow();
    Optional<String> policy = f.required("policy", this::text);
    if (policy.isEmpty()) {
      return Optional.empty();
    }
    switch (policy.get()) {
      case NEVER:
        return Optional.of(ExpiryPolicy.Never.INSTANCE);
      case AFTER_MONTHS:
        return f.required("months", (n, p) -> wholeInt(n, p, 1, 120))
            .flatMap(months -> build(path, () -> new ExpiryPolicy.AfterMonths(months)));
      case END_OF_PROGRAM_YEAR:
        Optional<MonthDay> yearEnd = f.required("yearEnd", this::monthDay);
        Optional<Integer> extraYears = f.required("extraYears", (n, p) -> wholeInt(n, p, 0, 10));
        return both(yearEnd, extraYears, path, ExpiryPolicy.EndOfProgramYear::new);
      default:
        problem(f.at("policy"), "unknown expiry policy '" + policy.get() + "'; expected one of " + NEVER + ", "
            + AFTER_MONTHS + ", " + END_OF_PROGRAM_YEAR);
        return Optional.empty();
    }
  }

  private Optional<ProgramAccounts> accounts(JsonNode node, String path) {
    Optional<Fields> fields = fields(node, path, ACCOUNTS_FIELDS);
    if (fields.isEmpty()) {
      return Optional.empty();
    }
    Fields f = fields.get();
    int before = problems.size();
    Optional<ProgramAccounts> standard = f.required("prefix",
        (n, p) -> text(n, p).flatMap(prefix -> build(p, () -> ProgramAccounts.standard(prefix))));
    Optional<Optional<AccountId>> issuance = f.optional("issuance", this::accountId, Optional.empty());
    Optional<Optional<AccountId>> breakage = f.optional("breakage", this::accountId, Optional.empty());
    Optional<Optional<AccountId>> clawback = f.optional("clawback", this::accountId, Optional.empty());
    if (problems.size() > before) {
      return Optional.empty();
    }
    ProgramAccounts defaults = standard.orElseThrow();
    return build(path, () -> new ProgramAccounts(defaults.prefix(),
        issuance.orElseThrow().orElse(defaults.issuance()),
        breakage.orElseThrow().orElse(defaults.breakage()),
        clawback.orElseThrow().orElse(defaults.clawback())));
  }

  private Optional<Optional<AccountId>> accountId(JsonNode node, String path) {
    return text(node, path).flatMap(s -> build(path, () -> AccountId.of(s))).map(Optional::of);
  }

  /** Parameters are text for the rules; a number is kept as its exact plain decimal text. */
  private Optional<Map<String, String>> parameters(JsonNode node, String path) {
    if (!node.isObject()) {
      return typeMismatch(node, path, "an object");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String entryPath = path + segment(entry.getKey());
      JsonNode value = entry.getValue();
      if (entry.getKey().isBlank()) {
        problem(entryPath, "parameter name must not be blank");
      } else if (value.isTextual()) {
        parameters.put(entry.getKey(), value.textValue());
      } else if (value.isNumber()) {
        parameters.put(entry.getKey(), value.decimalValue().toPlainString());
      } else {
        typeMismatch(value, entryPath, "a string or a number");
      }
    }
    return Optional.of(parameters);
  }

  // ---------------------------------------------------------------------------------------------
  // Values

  /** Currency-keyed amounts; each amount positive (point values) or not negative (minimum sales). */
  private Optional<Map<Currency, BigDecimal>> amounts(JsonNode node, String path, boolean positive) {
    if (!node.isObject()) {
      return typeMismatch(node, path, "an object");
    }
    Map<Currency, BigDecimal> amounts = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      String entryPath = path + segment(entry.getKey());
      Optional<Currency> currency = currency(entry.getKey(), entryPath);
      Optional<BigDecimal> amount = positive ? positiveDecimal(entry.getValue(), entryPath)
          : nonNegativeDecimal(entry.getValue(), entryPath);
      if (currency.isPresent() && amount.isPresent()) {
        amounts.put(currency.get(), amount.get());
      }
    }
    return Optional.of(amounts);
  }

  private Optional<Currency> currency(String code, String path) {
    try {
      return Optional.of(Currency.getInstance(code));
    } catch (IllegalArgumentException e) {
      problem(path, "unknown currency code '" + code + "'; expected an ISO 4217 code such as INR or USD");
      return Optional.empty();
    }
  }

  /** A JSON number or a string holding one, read exactly (never through a double). */
  private Optional<BigDecimal> decimal(JsonNode node, String path) {
    if (node.isNumber()) {
      return Optional.of(node.decimalValue());
    }
    if (node.isTextual()) {
      try {
        return Optional.of(new BigDecimal(node.textValue()));
      } catch (NumberFormatException e) {
        problem(path, "'" + node.textValue() + "' is not a decimal number");
        return Optional.empty();
      }
    }
    return typeMismatch(node, path, "a decimal number (a JSON number or a string)");
  }

  private Optional<BigDecimal> positiveDecimal(JsonNode node, String path) {
    Optional<BigDecimal> value = decimal(node, path);
    if (value.isPresent() && value.get().signum() <= 0) {
      problem(path, "must be positive, got " + value.get().toPlainString());
      return Optional.empty();
    }
    return value;
  }

  private Optional<BigDecimal> nonNegativeDecimal(JsonNode node, String path) {
    Optional<BigDecimal> value = decimal(node, path);
    if (value.isPresent() && value.get().signum() < 0) {
      problem(path, "must not be negative, got " + value.get().toPlainString());
      return Optional.empty();
    }
    return value;
  }

  /** A JSON integer from {@code min} to {@code max}; counts are never given as strings or fractions. */
  private Optional<Long> wholeLong(JsonNode node, String path, long min, long max) {
    if (!node.isIntegralNumber()) {
      if (node.isNumber()) {
        problem(path, "expected a whole number, got " + node.decimalValue().toPlainString());
        return Optional.empty();
      }
      return typeMismatch(node, path, "a whole number");
    }
    if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
      problem(path, range(min, max) + ", got " + node.bigIntegerValue());
      return Optional.empty();
    }
    return Optional.of(node.longValue());
  }

  private Optional<Integer> wholeInt(JsonNode node, String path, int min, int max) {
    return wholeLong(node, path, min, max).map(Long::intValue);
  }

  private static String range(long min, long max) {
    if (max == Long.MAX_VALUE || max == Integer.MAX_VALUE) {
      return min == 1 ? "must be positive" : min == 0 ? "must not be negative" : "must be at least " + min;
    }
    return "must be from " + min + " to " + max;
  }

  private Optional<String> text(JsonNode node, String path) {
    if (!node.isTextual()) {
      return typeMismatch(node, path, "a string");
    }
    return Optional.of(node.textValue());
  }

  private Optional<String> nonBlank(JsonNode node, String path) {
    Optional<String> text = text(node, path);
    if (text.isPresent() && text.get().isBlank()) {
      problem(path, "must not be blank");
      return Optional.empty();
    }
    return text;
  }

  private Optional<ZoneId> zone(JsonNode node, String path) {
    Optional<String> text = text(node, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(text.get()));
    } catch (DateTimeException e) {
      problem(path, "unknown time zone '" + text.get() + "'; expected a region id such as Asia/Kolkata");
      return Optional.empty();
    }
  }

  private Optional<LocalDate> date(JsonNode node, String path) {
    return parsed(node, path, LocalDate::parse, "a date as YYYY-MM-DD");
  }

  private Optional<MonthDay> monthDay(JsonNode node, String path) {
    return parsed(node, path, text -> {
      Matcher m = MONTH_DAY.matcher(text);
      if (!m.matches()) {
        throw new DateTimeException("not MM-DD");
      }
      return MonthDay.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }, "a day of the year as MM-DD");
  }

  /** A string {@code parse} accepts; a {@link DateTimeException} is reported as "not {@code what}". */
  private <T> Optional<T> parsed(JsonNode node, String path, Function<String, T> parse, String what) {
    Optional<String> text = text(node, path);
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parse.apply(text.get()));
    } catch (DateTimeException e) {
      problem(path, "'" + text.get() + "' is not " + what);
      return Optional.empty();
    }
  }

  /**
   * The elements of an array, each read by {@code element}; all of them are read even when some
   * fail, so that every bad element is reported.
   */
  private <T> Optional<List<T>> array(JsonNode node, String path, Reader<T> element) {
    if (!node.isArray()) {
      return typeMismatch(node, path, "an array");
    }
    List<T> values = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      element.read(node.get(i), path + "[" + i + "]").ifPresent(values::add);
    }
    return Optional.of(values);
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing

  /** Reads one value found at a path; reports what is wrong with it and returns empty if anything is. */
  @FunctionalInterface
  private interface Reader<T> {
    Optional<T> read(JsonNode node, String path);
  }

  /** An object's fields, after reporting every field it should not have. */
  private final class Fields {
    private final JsonNode node;
    private final String path;

    Fields(JsonNode node, String path) {
      this.node = node;
      this.path = path;
    }

    String at(String field) {
      return path + segment(field);
    }

    <T> Optional<T> required(String field, Reader<T> reader) {
      JsonNode value = node.get(field);
      if (value == null) {
        problem(at(field), "required field is missing");
        return Optional.empty();
      }
      return reader.read(value, at(field));
    }

    /** {@code defaultValue} when absent; an explicit null is a type error, not a way to ask for it. */
    <T> Optional<T> optional(String field, Reader<T> reader, T defaultValue) {
      JsonNode value = node.get(field);
      return value == null ? Optional.of(defaultValue) : reader.read(value, at(field));
    }
  }

  private Optional<Fields> fields(JsonNode node, String path, List<String> known) {
    if (!node.isObject()) {
      return typeMismatch(node, path, "an object");
    }
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        problem(path + segment(name), "unknown field; expected one of " + String.join(", ", known));
      }
    }
    return Optional.of(new Fields(node, path));
  }

  /** Builds a record, turning the refusal of its constructor into a problem at {@code path}. */
  private <T> Optional<T> build(String path, Supplier<T> constructor) {
    try {
      return Optional.of(constructor.get());
    } catch (IllegalArgumentException e) {
      problem(path, e.getMessage());
      return Optional.empty();
    }
  }

  private <A, B, T> Optional<T> both(Optional<A> a, Optional<B> b, String path,
      BiFunction<A, B, T> constructor) {
    if (a.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    return build(path, () -> constructor.apply(a.get(), b.get()));
  }

  private <T> Optional<T> typeMismatch(JsonNode node, String path, String expected) {
    problem(path, "expected " + expected + ", got " + describe(node));
    return Optional.empty();
  }

  private void problem(String path, String message) {
    problems.add(new InputProblem(path, message));
  }

  private static String describe(JsonNode node) {
    switch (node.getNodeType()) {
      case OBJECT:
        return "an object";
      case ARRAY:
        return "an array";
      case STRING:
        return "a string";
      case NUMBER:
        return "a number";
      case BOOLEAN:
        return "a boolean";
      case NULL:
        return "null";
      default:
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
  }

  /** A field's JSONPath step: {@code .name}, or {@code ['bonus-percent']} when it is no identifier. */
  static String segment(String field) {
    if (IDENTIFIER.matcher(field).matches()) {
      return "." + field;
    }
    return "['" + field.replace("\\", "\\\\").replace("'", "\\'") + "']";
  }

  private static String join(Set<TierId> ids) {
    List<String> names = new ArrayList<>();
    ids.forEach(id -> names.add(id.value()));
    return String.join(", ", names);
  }
}
