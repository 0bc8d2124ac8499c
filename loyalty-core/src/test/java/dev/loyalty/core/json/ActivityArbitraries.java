package dev.loyalty.core.json;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.AttributeValue;
import dev.loyalty.core.activity.CertificationEarned;
import dev.loyalty.core.activity.CustomActivity;
import dev.loyalty.core.activity.InvoiceLine;
import dev.loyalty.core.activity.Referral;
import dev.loyalty.core.activity.ReportSubmission;
import dev.loyalty.core.activity.ReturnLine;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.activity.SaleReturn;
import dev.loyalty.core.activity.SellThroughLine;
import dev.loyalty.core.activity.SellThroughReport;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.PartnerId;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.Currency;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random valid activities of every kind, with the awkward values a real feed has: quotes,
 * backslashes, line breaks and non-Latin text in ids, decimals of every scale (negative ones
 * too), instants with nanoseconds.
 */
final class ActivityArbitraries {
  /** Stands for a character outside the BMP (a surrogate pair), which a char range cannot give. */
  private static final char ASTRAL = '\u00A7';

  private static final Instant FROM = Instant.parse("1900-01-01T00:00:00Z");
  private static final Instant TO = Instant.parse("2200-01-01T00:00:00Z");

  private ActivityArbitraries() {
  }

  static Arbitrary<Activity> activities() {
    return Arbitraries.oneOf(List.of(sales(), returns(), trainings(), certifications(), referrals(), sellThroughs(),
        reports(), customs()));
  }

  private static Arbitrary<String> strings(int maxLength) {
    return Arbitraries.strings()
        .withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
        .withChars(" -_.:/#'\"\\\n\t\u0000\u007f\u00e9\u20ac\u0939\u2028" + ASTRAL)
        .ofMinLength(1).ofMaxLength(maxLength)
        .map(s -> s.replace(String.valueOf(ASTRAL), "\uD83D\uDE00"))
        .filter(s -> s.length() <= maxLength && !s.isBlank());
  }

  /** Ids: at most 100 characters, no surrounding spaces. */
  static Arbitrary<String> ids() {
    return strings(100).filter(s -> s.strip().equals(s));
  }

  /** Free text (SKUs, categories, course codes): at most 200 characters, not blank. */
  static Arbitrary<String> texts() {
    return Arbitraries.oneOf(List.of(strings(200), Arbitraries.of("CAB-25", "cables", "LED-101", "stock-statement")));
  }

  static Arbitrary<BigDecimal> decimals(boolean negativeAllowed) {
    Arbitrary<Long> unscaled = negativeAllowed ? Arbitraries.longs() : Arbitraries.longs().greaterOrEqual(0);
    return Combinators.combine(unscaled, Arbitraries.integers().between(-8, 12))
        .as((u, scale) -> new BigDecimal(BigInteger.valueOf(u), scale));
  }

  static Arbitrary<Instant> instants() {
    Arbitrary<Long> seconds = Arbitraries.longs().between(FROM.getEpochSecond(), TO.getEpochSecond());
    Arbitrary<Integer> nanos = Arbitraries.oneOf(List.of(Arbitraries.just(0), Arbitraries.integers().between(0, 999),
        Arbitraries.integers().between(0, 999_999_999)));
    return Combinators.combine(seconds, nanos).as(Instant::ofEpochSecond);
  }

  static Arbitrary<LocalDate> dates() {
    return Arbitraries.longs().between(LocalDate.of(1900, 1, 1).toEpochDay(), LocalDate.of(2200, 1, 1).toEpochDay())
        .map(LocalDate::ofEpochDay);
  }

  static Arbitrary<ActivityHeader> headers() {
    return Combinators.combine(ids(), ids(), ids().map(MemberId::of).optional(), instants())
        .as((id, partner, member, at) -> new ActivityHeader(ActivityId.of(id), PartnerId.of(partner), member, at));
  }

  static Arbitrary<Activity> sales() {
    List<Currency> currencies = Currency.getAvailableCurrencies().stream()
        .sorted(Comparator.comparing(Currency::getCurrencyCode)).toList();
    Arbitrary<InvoiceLine> line = Combinators.combine(texts(), texts(), Arbitraries.longs().greaterOrEqual(1),
        decimals(false), decimals(false)).as(InvoiceLine::new);
    return Combinators.combine(headers(), Arbitraries.of(currencies),
        line.list().ofMinSize(1).ofMaxSize(5).uniqueElements(InvoiceLine::sku)).as(Sale::new);
  }

  static Arbitrary<Activity> returns() {
    Arbitrary<ReturnLine> line = Combinators.combine(texts(), Arbitraries.longs().greaterOrEqual(1)).as(ReturnLine::new);
    return Combinators.combine(headers(), ids(), line.list().ofMinSize(1).ofMaxSize(5).uniqueElements(ReturnLine::sku))
        .filter((header, invoice, lines) -> !header.id().value().equals(invoice))
        .as((header, invoice, lines) -> new SaleReturn(header, ActivityId.of(invoice), lines));
  }

  static Arbitrary<Activity> trainings() {
    return Combinators.combine(headers(), texts()).as(TrainingCompleted::new);
  }

  static Arbitrary<Activity> certifications() {
    return Combinators.combine(headers(), texts(), dates().optional()).as(CertificationEarned::new);
  }

  static Arbitrary<Activity> referrals() {
    return Combinators.combine(headers(), ids())
        .filter((header, referred) -> !header.partner().value().equals(referred))
        .as((header, referred) -> new Referral(header, PartnerId.of(referred)));
  }

  static Arbitrary<Activity> sellThroughs() {
    Arbitrary<SellThroughLine> line = Combinators.combine(texts(), texts(), Arbitraries.longs().greaterOrEqual(0))
        .as(SellThroughLine::new);
    Arbitrary<YearMonth> period = Combinators.combine(Arbitraries.integers().between(1900, 2200),
        Arbitraries.integers().between(1, 12)).as(YearMonth::of);
    return Combinators.combine(headers(), period, dates(), line.list().ofMaxSize(5)).as(SellThroughReport::new);
  }

  static Arbitrary<Activity> reports() {
    return Combinators.combine(headers(), texts(), dates()).as(ReportSubmission::new);
  }

  static Arbitrary<Activity> customs() {
    Arbitrary<String> type = Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-')
        .ofMinLength(1).ofMaxLength(50).filter(t -> t.charAt(0) != '-');
    Arbitrary<AttributeValue> value = Arbitraries.oneOf(List.of(
        Arbitraries.oneOf(List.of(strings(50), Arbitraries.just(""))).map(AttributeValue.Text::new),
        decimals(true).map(AttributeValue.Number::new),
        Arbitraries.of(true, false).map(AttributeValue.Flag::new),
        dates().map(AttributeValue.Date::new)));
    Arbitrary<String> name = Arbitraries.oneOf(List.of(strings(30), Arbitraries.of("units", "site", "a.b", "")));
    return Combinators.combine(headers(), type, Arbitraries.maps(name, value).ofMaxSize(6)).as(CustomActivity::new);
  }
}
