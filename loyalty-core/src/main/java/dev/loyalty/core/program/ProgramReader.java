package dev.loyalty.core.program;

import com.fasterxml.jackson.databind.JsonNode;
import dev.loyalty.core.json.internal.Dialect;
import dev.loyalty.core.json.internal.JsonPaths;
import dev.loyalty.core.json.internal.JsonTreeReader;
import dev.loyalty.core.json.internal.JsonTreeReader.Fields;
import dev.loyalty.core.json.internal.ValueReader;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.Names;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a parsed JSON tree into a {@link Program}, or into the list of everything wrong with it.
 * The tree is walked by hand rather than data-bound so that one bad value does not stop the walk:
 * each reader reports what it finds and returns empty, and the walk goes on with its siblings.
 * The walking itself is {@link JsonTreeReader}'s, shared with the activity reader.
 *
 * <p>An empty {@code Optional} always comes with at least one reported problem; a value may also be
 * partial (a map missing its invalid entries) when a problem was reported. Records are built only
 * from parts read without a problem, and the program only when the whole document had none.
 *
 * <p>One instance reads one document; not thread-safe (the loader makes a new one per call).
 */
final class ProgramReader {

  /** The most digits a decimal may have before and after the point. */
  static final int MAX_DIGITS = Dialect.DEFINITION.maxDecimalDigits().getAsInt();

  /** How docs/PROGRAM.md words the problems of a definition. */
  static final Dialect DIALECT = Dialect.DEFINITION;

  private static final List<String> PROGRAM_FIELDS = List.of("id", "name", "zone", "pointValue", "tierPolicy",
      "tiers", "campaigns", "earnSplit", "expiry", "accounts", "parameters", "reviewAbovePoints",
      "redemptionHoldTimeout", "trust");
  private static final List<String> TIER_POLICY_FIELDS = List.of("windowMonths", "grace");
  private static final List<String> TIER_FIELDS = List.of("id", "name", "earnMultiplier", "criteria");
  private static final List<String> CRITERIA_FIELDS = List.of("minSales", "minGrowthPercent", "minCategories",
      "minCertifications", "requiredCertifications");
  private static final List<String> CAMPAIGN_FIELDS = List.of("id", "name", "startsOn", "endsOn", "budget",
      "target", "parameters");
  private static final List<String> TARGET_FIELDS = List.of("regions", "partnerTypes", "segments", "tiers");
  private static final List<String> EARN_SPLIT_FIELDS = List.of("partnerPercent", "memberPercent");
  private static final List<String> ACCOUNTS_FIELDS = List.of("prefix", "issuance", "breakage", "clawback");
  private static final List<String> TRUST_FIELDS = List.of("claimReviewDays", "adjustmentSecondApproverAbove",
      "recentDays", "baselineDays", "campaignEndDays", "amountHistory");

  private static final String NEVER = "never";
  private static final String AFTER_MONTHS = "after-months";
  private static final String END_OF_PROGRAM_YEAR = "end-of-program-year";
  private static final String AFTER_DAYS = "after-days";
  private static final String ANNIVERSARY = "anniversary";
  private static final List<String> EXPIRY_POLICIES = List.of(NEVER, AFTER_DAYS, ANNIVERSARY, AFTER_MONTHS,
      END_OF_PROGRAM_YEAR);
  private static final Map<String, List<String>> EXPIRY_FIELDS = Map.of(
      NEVER, List.of("policy"),
      AFTER_DAYS, List.of("policy", "days"),
      ANNIVERSARY, List.of("policy", "months"),
      AFTER_MONTHS, List.of("policy", "months"),
      END_OF_PROGRAM_YEAR, List.of("policy", "yearEnd", "extraYears"));
  // When the policy itself is missing or unknown, any variant's field is still no typo.
  private static final List<String> ANY_EXPIRY_FIELDS = List.of("policy", "days", "months", "yearEnd", "extraYears");

  private static final Pattern MONTH_DAY = Pattern.compile("(\\d{2})-(\\d{2})");

  private final JsonTreeReader json = new JsonTreeReader(DIALECT);

  private final ValueReader<ZoneId> zone = json.parsed(json::text, ZoneId::of,
      text -> "unknown time zone '" + text + "'; expected a region id such as Asia/Kolkata");
  private final ValueReader<LocalDate> date = json.temporal(json::text, LocalDate::parse, "date", "a date as YYYY-MM-DD");
  private final ValueReader<MonthDay> monthDay = json.temporal(json::text, text -> {
    Matcher m = MONTH_DAY.matcher(text);
    if (!m.matches()) {
      throw new DateTimeException("not MM-DD");
    }
    return MonthDay.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }, "day of the year", "a day of the year as MM-DD");
  private final ValueReader<Period> period =
      json.parsed(json::text, Period::parse, "an ISO-8601 period such as P3M or P90D");
  private final ValueReader<BigDecimal> positiveDecimal = json.positive(json::decimal);
  private final ValueReader<BigDecimal> notNegativeDecimal = json.notNegative(json::decimal);
  private final ValueReader<TierId> tierId = json.built(json::text, TierId::of);
  private final ValueReader<Optional<AccountId>> accountId =
      (node, path) -> json.built(json::text, AccountId::of).read(node, path).map(Optional::of);

  // Filled while reading tiers, so that campaigns read afterwards can check the tiers they target.
  private final Map<TierId, String> tierPaths = new LinkedHashMap<>();
  private boolean tiersReadable = true;

  /** What {@code root} defines; throws with every problem found if anything is wrong. */
  static Program read(JsonNode root, String source) {
    ProgramReader reader = new ProgramReader();
    Optional<Program> program = reader.program(root);
    if (reader.json.problemCount() > 0) {
      throw new ProgramDefinitionException(source, reader.json.problems());
    }
    return program.orElseThrow(() -> new IllegalStateException("no program and no problem reported"));
  }

  // ---------------------------------------------------------------------------------------------
  // The format, top down

  private Optional<Program> program(JsonNode root) {
    return fields(root, JsonPaths.ROOT, PROGRAM_FIELDS).flatMap(this::program);
  }

  private Optional<Program> program(Fields f) {
    Optional<String> id = f.required("id", json::nonBlank);
    Optional<String> name = f.required("name", json::nonBlank);
    Optional<ZoneId> zone = f.required("zone", this.zone);
    Optional<Map<Currency, BigDecimal>> pointValue = f.required("pointValue", this::pointValue);
    Optional<TierPolicy> tierPolicy = f.required("tierPolicy", this::tierPolicy);
    // Tiers before campaigns: campaigns check their targeted tiers against the ones read here.
    Optional<List<Tier>> tiers = f.optional("tiers", this::tiers, List.of());
    Optional<List<Campaign>> campaigns = f.optional("campaigns", this::campaigns, List.of());
    Optional<EarnSplit> earnSplit = f.required("earnSplit", this::earnSplit);
    Optional<ExpiryPolicy> expiry = f.required("expiry", this::expiry);
    Optional<ProgramAccounts> accounts = f.required("accounts", this::accounts);
    Optional<Map<String, String>> parameters = f.optional("parameters", this::parameters, Map.of());
    Optional<Long> reviewAbove = f.optional("reviewAbovePoints", (n, p) -> wholeLong(n, p, 1, Long.MAX_VALUE),
        Program.DEFAULT_REVIEW_ABOVE_POINTS);
    Optional<Period> holdTimeout = f.optional("redemptionHoldTimeout", this::positivePeriod,
        Program.DEFAULT_REDEMPTION_HOLD_TIMEOUT);
    Optional<TrustPolicy> trust = f.optional("trust", this::trust, TrustPolicy.DEFAULT);
    if (json.problemCount() > 0) {
      return Optional.empty();
    }
    return json.build(JsonPaths.ROOT, () -> new Program(id.orElseThrow(), name.orElseThrow(), zone.orElseThrow(),
        pointValue.orElseThrow(), tiers.orElseThrow(), tierPolicy.orElseThrow(), campaigns.orElseThrow(),
        earnSplit.orElseThrow(), expiry.orElseThrow(), accounts.orElseThrow(), parameters.orElseThrow(),
        reviewAbove.orElseThrow(), holdTimeout.orElseThrow(), trust.orElseThrow()));
  }

  private Optional<Map<Currency, BigDecimal>> pointValue(JsonNode node, String path) {
    int before = json.problemCount();
    Optional<Map<Currency, BigDecimal>> values = amounts(node, path, true);
    if (values.isPresent() && values.get().isEmpty() && json.problemCount() == before) {
      json.problem(path, "must give the value of a point in at least one currency");
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
    Optional<Period> grace = period.read(node, path);
    if (grace.isPresent() && grace.get().isNegative()) {
      json.problem(path, "must not be negative, got " + grace.get());
      return Optional.empty();
    }
    return grace;
  }

  private Optional<Period> positivePeriod(JsonNode node, String path) {
    Optional<Period> value = period.read(node, path);
    if (value.isPresent() && (value.get().isNegative() || value.get().isZero())) {
      json.problem(path, "must be positive, got " + value.get());
      return Optional.empty();
    }
    return value;
  }

  // --- tiers

  private Optional<List<Tier>> tiers(JsonNode node, String path) {
    if (!node.isArray()) {
      tiersReadable = false;
    }
    // The highest minimum sales a lower tier requires, per currency, and where it was set.
    Map<Currency, Requirement> highest = new HashMap<>();
    return json.arrayOf((element, elementPath) -> tier(element, elementPath, highest)).read(node, path);
  }

  private record Requirement(BigDecimal amount, String tierPath, Optional<TierId> tier) {
  }

  private Optional<Tier> tier(JsonNode node, String path, Map<Currency, Requirement> highest) {
    return fields(node, path, TIER_FIELDS).flatMap(json.record(f -> {
      Optional<TierId> id = f.required("id", tierId);
      requireUnique(id, f, "tier", tierPaths);
      Optional<String> name = f.required("name", json::nonBlank);
      Optional<BigDecimal> multiplier = f.optional("earnMultiplier", positiveDecimal, BigDecimal.ONE);
      Map<Currency, BigDecimal> minSales = new LinkedHashMap<>();
      Optional<TierCriteria> criteria = f.optional("criteria", (n, p) -> criteria(n, p, minSales),
          TierCriteria.none());
      checkNotBelowLowerTiers(minSales, DIALECT.paths().member(f.at("criteria"), "minSales"), path, id, highest);
      return () -> new Tier(id.orElseThrow(), name.orElseThrow(), criteria.orElseThrow(), multiplier.orElseThrow());
    }));
  }

  /** Reports every currency where this tier asks for less than a tier below it, then raises the bar. */
  private void checkNotBelowLowerTiers(Map<Currency, BigDecimal> minSales, String minSalesPath, String tierPath,
      Optional<TierId> tier, Map<Currency, Requirement> highest) {
    minSales.forEach((currency, amount) -> {
      Requirement lower = highest.get(currency);
      if (lower != null && amount.compareTo(lower.amount()) < 0) {
        json.problem(DIALECT.paths().member(minSalesPath, currency.getCurrencyCode()), "requires "
            + amount.toPlainString() + ", less than the " + lower.amount().toPlainString() + " that the lower tier "
            + lower.tier().map(t -> "'" + t + "' ").orElse("") + "at " + lower.tierPath()
            + " requires; a higher tier must not require less");
      } else {
        highest.put(currency, new Requirement(amount, tierPath, tier));
      }
    });
  }

  private Optional<TierCriteria> criteria(JsonNode node, String path, Map<Currency, BigDecimal> minSalesOut) {
    return fields(node, path, CRITERIA_FIELDS).flatMap(json.record(f -> {
      Optional<Map<Currency, BigDecimal>> minSales = f.optional("minSales", (n, p) -> amounts(n, p, false), Map.of());
      minSales.ifPresent(minSalesOut::putAll);
      Optional<Optional<BigDecimal>> growth = f.optional("minGrowthPercent",
          (n, p) -> json.decimal(n, p).map(Optional::of), Optional.empty());
      Optional<Integer> categories = f.optional("minCategories", (n, p) -> wholeInt(n, p, 0, Integer.MAX_VALUE), 0);
      Optional<Integer> certifications = f.optional("minCertifications",
          (n, p) -> wholeInt(n, p, 0, Integer.MAX_VALUE), 0);
      Optional<List<String>> required = f.optional("requiredCertifications", json.arrayOf(json::nonBlank),
          List.of());
      return () -> new TierCriteria(minSales.orElseThrow(), growth.orElseThrow(), categories.orElseThrow(),
          certifications.orElseThrow(), Set.copyOf(required.orElseThrow()));
    }));
  }

  // --- campaigns

  private Optional<List<Campaign>> campaigns(JsonNode node, String path) {
    Map<CampaignId, String> seen = new HashMap<>();
    return json.arrayOf((element, elementPath) -> campaign(element, elementPath, seen)).read(node, path);
  }

  private Optional<Campaign> campaign(JsonNode node, String path, Map<CampaignId, String> seen) {
    return fields(node, path, CAMPAIGN_FIELDS).flatMap(json.record(f -> {
      Optional<CampaignId> id = f.required("id", json.built(json::text, CampaignId::of));
      requireUnique(id, f, "campaign", seen);
      Optional<String> name = f.required("name", json::nonBlank);
      Optional<LocalDate> startsOn = f.required("startsOn", date);
      Optional<LocalDate> endsOn = f.required("endsOn", date);
      if (startsOn.isPresent() && endsOn.isPresent() && endsOn.get().isBefore(startsOn.get())) {
        json.problem(f.at("endsOn"), endsOn.get() + " is before startsOn " + startsOn.get()
            + "; a campaign must end on or after the day it starts");
      }
      Optional<Long> budget = f.required("budget", (n, p) -> wholeLong(n, p, 1, Long.MAX_VALUE));
      Optional<CampaignTarget> target = f.optional("target", this::target, CampaignTarget.everyone());
      Optional<Map<String, String>> parameters = f.optional("parameters", this::parameters, Map.of());
      return () -> new Campaign(id.orElseThrow(), name.orElseThrow(), startsOn.orElseThrow(), endsOn.orElseThrow(),
          target.orElseThrow(), budget.orElseThrow(), parameters.orElseThrow());
    }));
  }

  private Optional<CampaignTarget> target(JsonNode node, String path) {
    return fields(node, path, TARGET_FIELDS).flatMap(json.record(f -> {
      Optional<List<String>> regions = f.optional("regions",
          json.arrayOf(json.built(json::text, s -> Names.requireSlug(s, "region"))), List.of());
      Optional<List<PartnerType>> partnerTypes = f.optional("partnerTypes",
          json.arrayOf(json.built(json::text, PartnerType::of)), List.of());
      Optional<List<String>> segments = f.optional("segments",
          json.arrayOf(json.built(json::text, s -> Names.requireSlug(s, "segment"))), List.of());
      Optional<List<TierId>> tiers = f.optional("tiers", json.arrayOf(this::targetedTier), List.of());
      return () -> new CampaignTarget(Set.copyOf(regions.orElseThrow()), Set.copyOf(partnerTypes.orElseThrow()),
          Set.copyOf(segments.orElseThrow()), Set.copyOf(tiers.orElseThrow()));
    }));
  }

  private Optional<TierId> targetedTier(JsonNode node, String path) {
    Optional<TierId> tier = tierId.read(node, path);
    // When the tiers themselves could not be read, "unknown tier" would only be noise.
    if (tier.isPresent() && tiersReadable && !tierPaths.containsKey(tier.get())) {
      json.problem(path, "unknown tier '" + tier.get() + "'; the program defines "
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
        json.problem(path, "partnerPercent and memberPercent must sum to 100, got " + partner.get() + " + "
            + member.get() + " = " + (partner.get() + member.get()));
        return Optional.empty();
      }
      return both(partner, member, path, EarnSplit::new);
    });
  }

  private Optional<ExpiryPolicy> expiry(JsonNode node, String path) {
    if (!node.isObject()) {
      return json.typeMismatch(node, path, "an object");
    }
    JsonNode policyNode = node.get("policy");
    List<String> known = policyNode != null && policyNode.isTextual()
        ? EXPIRY_FIELDS.getOrDefault(policyNode.textValue(), ANY_EXPIRY_FIELDS)
        : ANY_EXPIRY_FIELDS;
    Fields f = fields(node, path, known).orElseThrow();
    Optional<String> policy = f.required("policy", json::text);
    if (policy.isEmpty()) {
      return Optional.empty();
    }
    switch (policy.get()) {
      case NEVER:
        return Optional.of(ExpiryPolicy.Never.INSTANCE);
      case AFTER_DAYS:
        return f.required("days", (n, p) -> wholeInt(n, p, 1, 3_660))
            .flatMap(days -> json.build(path, () -> ExpiryPolicy.AfterDayEarned.days(days)));
      case ANNIVERSARY:
        return f.required("months", (n, p) -> wholeInt(n, p, 1, 120))
            .flatMap(months -> json.build(path, () -> ExpiryPolicy.AfterDayEarned.anniversary(months)));
      case AFTER_MONTHS:
        return f.required("months", (n, p) -> wholeInt(n, p, 1, 120))
            .flatMap(months -> json.build(path, () -> new ExpiryPolicy.AfterMonths(months)));
      case END_OF_PROGRAM_YEAR:
        Optional<MonthDay> yearEnd = f.required("yearEnd", monthDay);
        Optional<Integer> extraYears = f.required("extraYears", (n, p) -> wholeInt(n, p, 0, 10));
        return both(yearEnd, extraYears, path, ExpiryPolicy.EndOfProgramYear::new);
      default:
        json.problem(f.at("policy"), "unknown expiry policy '" + policy.get() + "'; expected one of "
            + String.join(", ", EXPIRY_POLICIES));
        return Optional.empty();
    }
  }

  private Optional<ProgramAccounts> accounts(JsonNode node, String path) {
    return fields(node, path, ACCOUNTS_FIELDS).flatMap(json.record(f -> {
      Optional<ProgramAccounts> standard = f.required("prefix", json.built(json::text, ProgramAccounts::standard));
      Optional<Optional<AccountId>> issuance = f.optional("issuance", accountId, Optional.empty());
      Optional<Optional<AccountId>> breakage = f.optional("breakage", accountId, Optional.empty());
      Optional<Optional<AccountId>> clawback = f.optional("clawback", accountId, Optional.empty());
      return () -> {
        ProgramAccounts defaults = standard.orElseThrow();
        return new ProgramAccounts(defaults.prefix(), issuance.orElseThrow().orElse(defaults.issuance()),
            breakage.orElseThrow().orElse(defaults.breakage()), clawback.orElseThrow().orElse(defaults.clawback()));
      };
    }));
  }

  private Optional<TrustPolicy> trust(JsonNode node, String path) {
    TrustPolicy d = TrustPolicy.DEFAULT;
    return fields(node, path, TRUST_FIELDS).flatMap(json.record(f -> {
      Optional<Integer> reviewDays = f.optional("claimReviewDays", (n, p) -> wholeInt(n, p, 1, 3_650),
          d.claimReviewDays());
      Optional<OptionalLong> secondAbove = f.optional("adjustmentSecondApproverAbove",
          (n, p) -> wholeLong(n, p, 0, Long.MAX_VALUE).map(OptionalLong::of), d.adjustmentSecondApproverAbove());
      Optional<Integer> recent = f.optional("recentDays", (n, p) -> wholeInt(n, p, 1, 90), d.recentDays());
      Optional<Integer> baseline = f.optional("baselineDays", (n, p) -> wholeInt(n, p, 1, 730), d.baselineDays());
      Optional<Integer> campaignEnd = f.optional("campaignEndDays", (n, p) -> wholeInt(n, p, 1, 90),
          d.campaignEndDays());
      Optional<Integer> history = f.optional("amountHistory", (n, p) -> wholeInt(n, p, 5, 1_000), d.amountHistory());
      if (recent.isPresent() && baseline.isPresent() && baseline.get() < recent.get()) {
        json.problem(f.at("baselineDays"), "must be at least recentDays (" + recent.get() + "), got " + baseline.get());
      }
      return () -> new TrustPolicy(reviewDays.orElseThrow(), secondAbove.orElseThrow(), recent.orElseThrow(),
          baseline.orElseThrow(), campaignEnd.orElseThrow(), history.orElseThrow());
    }));
  }

  /** Parameters are text for the rules; a number is kept as its exact plain decimal text. */
  private Optional<Map<String, String>> parameters(JsonNode node, String path) {
    return json.entries(node, path, "an object", (name, value, valuePath) -> {
      if (name.isBlank()) {
        json.problem(valuePath, "parameter name must not be blank");
        return Optional.empty();
      }
      if (value.isTextual()) {
        return Optional.of(Map.entry(name, value.textValue()));
      }
      if (value.isNumber()) {
        BigDecimal number = value.decimalValue();
        if (number.scale() > MAX_DIGITS || number.precision() - number.scale() > MAX_DIGITS) {
          json.problem(valuePath, "is out of range: at most " + MAX_DIGITS + " digits before and after the point");
          return Optional.empty();
        }
        return Optional.of(Map.entry(name, number.toPlainString()));
      }
      return json.typeMismatch(value, valuePath, "a string or a number");
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Values

  /** Currency-keyed amounts; each amount positive (point values) or not negative (minimum sales). */
  private Optional<Map<Currency, BigDecimal>> amounts(JsonNode node, String path, boolean positive) {
    ValueReader<BigDecimal> amount = positive ? positiveDecimal : notNegativeDecimal;
    return json.entries(node, path, "an object", (code, value, valuePath) -> {
      Optional<Currency> currency = json.currency(code, valuePath);
      Optional<BigDecimal> read = amount.read(value, valuePath);
      return currency.isPresent() && read.isPresent()
          ? Optional.of(Map.entry(currency.get(), read.get()))
          : Optional.empty();
    });
  }

  private Optional<Long> wholeLong(JsonNode node, String path, long min, long max) {
    return json.wholeNumber(node, path, min, max);
  }

  private Optional<Integer> wholeInt(JsonNode node, String path, int min, int max) {
    return wholeLong(node, path, min, max).map(Long::intValue);
  }

  // ---------------------------------------------------------------------------------------------
  // Plumbing

  /** An object's fields, after reporting every field it should not have: those come first in the problems. */
  private Optional<Fields> fields(JsonNode node, String path, List<String> known) {
    Optional<Fields> fields = json.object(node, path, "an object");
    fields.ifPresent(f -> f.rejectUnknown(known, name -> "unknown field; expected one of " + String.join(", ", known)));
    return fields;
  }

  /** Remembers in {@code seen} where {@code id} was first given; another object with it is a problem at its id. */
  private <I> void requireUnique(Optional<I> id, Fields f, String what, Map<I, String> seen) {
    id.ifPresent(given -> {
      String first = seen.putIfAbsent(given, f.path());
      if (first != null) {
        json.problem(f.at("id"), "duplicate " + what + " id '" + given + "'; " + first + " has it already");
      }
    });
  }

  private <A, B, T> Optional<T> both(Optional<A> a, Optional<B> b, String path,
      BiFunction<A, B, T> constructor) {
    if (a.isEmpty() || b.isEmpty()) {
      return Optional.empty();
    }
    return json.build(path, () -> constructor.apply(a.get(), b.get()));
  }

  private static String join(Set<TierId> ids) {
    List<String> names = new ArrayList<>();
    ids.forEach(id -> names.add(id.value()));
    return String.join(", ", names);
  }
}
