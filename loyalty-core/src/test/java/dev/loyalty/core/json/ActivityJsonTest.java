package dev.loyalty.core.json;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading each kind into the exact record, and writing it back. */
class ActivityJsonTest {

  /** 10:15 in India is 04:45 UTC. */
  private static final Instant JULY_14 = Instant.parse("2026-07-14T04:45:00Z");
  private static final ActivityHeader HEADER = ActivityHeader.of("A-1", "dealer-1", "rep-7", JULY_14);
  private static final String COMMON =
      "\"id\":\"A-1\",\"partner\":\"dealer-1\",\"member\":\"rep-7\",\"occurredAt\":\"2026-07-14T10:15:00+05:30\"";

  @Test
  void parse_readsASaleWithEveryField() {
    Activity activity = ActivityJson.parse("""
        {"type":"sale","id":"INV-1001","partner":"dealer-1","member":"rep-7","occurredAt":"2026-07-14T10:15:00+05:30",
         "currency":"INR","lines":[{"sku":"CAB-25","category":"cables","quantity":10,"unitPrice":"1200.00","amount":"11500.00"}]}
        """);

    assertThat(activity).isInstanceOf(Sale.class);
    Sale sale = (Sale) activity;
    assertThat(sale.id()).isEqualTo(ActivityId.of("INV-1001"));
    assertThat(sale.partner()).isEqualTo(PartnerId.of("dealer-1"));
    assertThat(sale.member()).contains(MemberId.of("rep-7"));
    assertThat(sale.occurredAt()).isEqualTo(JULY_14);
    assertThat(sale.currency()).isEqualTo(Currency.getInstance("INR"));
    assertThat(sale.lines()).containsExactly(
        new InvoiceLine("CAB-25", "cables", 10, new BigDecimal("1200.00"), new BigDecimal("11500.00")));
    // equal decimals are one value whatever their written scale, so a resent invoice compares equal
    assertThat(sale.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("1200"));
  }

  @Test
  void parse_defaultsALineAmountToQuantityTimesUnitPrice() {
    Sale sale = (Sale) ActivityJson.parse("{\"type\":\"sale\"," + COMMON
        + ",\"currency\":\"EUR\",\"lines\":[{\"sku\":\"S\",\"category\":\"c\",\"quantity\":3,\"unitPrice\":\"0.10\"}]}");

    assertThat(sale.lines().get(0).amount()).isEqualTo(new BigDecimal("0.3"));
    assertThat(sale.lines().get(0)).isEqualTo(InvoiceLine.of("S", "c", 3, "0.10"));
  }

  @Test
  void parse_readsAReturn() {
    Activity activity = ActivityJson.parse("{\"type\":\"return\"," + COMMON
        + ",\"invoice\":\"INV-1001\",\"lines\":[{\"sku\":\"CAB-25\",\"quantity\":2},{\"sku\":\"SW-1\",\"quantity\":1}]}");

    assertThat(activity).isEqualTo(new SaleReturn(HEADER, ActivityId.of("INV-1001"),
        List.of(new ReturnLine("CAB-25", 2), new ReturnLine("SW-1", 1))));
    assertThat(((SaleReturn) activity).invoice().value()).isEqualTo("INV-1001");
  }

  @Test
  void parse_readsATraining() {
    Activity activity = ActivityJson.parse("{\"type\":\"training\"," + COMMON + ",\"course\":\"LED-101\"}");

    assertThat(activity).isEqualTo(new TrainingCompleted(HEADER, "LED-101"));
    assertThat(((TrainingCompleted) activity).course()).isEqualTo("LED-101");
  }

  @Test
  void parse_readsACertificationWithAndWithoutValidUntil() {
    Activity lapsing = ActivityJson.parse("{\"type\":\"certification\"," + COMMON
        + ",\"certification\":\"installer-basic\",\"validUntil\":\"2027-06-30\"}");
    Activity lasting = ActivityJson.parse("{\"type\":\"certification\"," + COMMON
        + ",\"certification\":\"installer-basic\"}");

    assertThat(lapsing).isEqualTo(
        new CertificationEarned(HEADER, "installer-basic", Optional.of(LocalDate.of(2027, 6, 30))));
    assertThat(lasting).isEqualTo(new CertificationEarned(HEADER, "installer-basic", Optional.empty()));
  }

  @Test
  void parse_readsAReferral() {
    Activity activity = ActivityJson.parse("{\"type\":\"referral\"," + COMMON + ",\"referred\":\"retailer-9\"}");

    assertThat(activity).isEqualTo(new Referral(HEADER, PartnerId.of("retailer-9")));
  }

  @Test
  void parse_readsASellThroughReport() {
    Activity activity = ActivityJson.parse("{\"type\":\"sell-through\"," + COMMON
        + ",\"period\":\"2026-06\",\"dueOn\":\"2026-07-10\",\"lines\":[{\"sku\":\"CAB-25\",\"category\":\"cables\","
        + "\"quantity\":40},{\"sku\":\"SW-1\",\"category\":\"switchgear\",\"quantity\":0}]}");

    assertThat(activity).isEqualTo(new SellThroughReport(HEADER, YearMonth.of(2026, 6), LocalDate.of(2026, 7, 10),
        List.of(new SellThroughLine("CAB-25", "cables", 40), new SellThroughLine("SW-1", "switchgear", 0))));
  }

  @Test
  void parse_readsASellThroughReportWithNoLines() {
    SellThroughReport report = (SellThroughReport) ActivityJson.parse("{\"type\":\"sell-through\"," + COMMON
        + ",\"period\":\"2026-06\",\"dueOn\":\"2026-07-10\",\"lines\":[]}");

    assertThat(report.lines()).isEmpty();
  }

  @Test
  void parse_readsAReportSubmission() {
    Activity activity = ActivityJson.parse("{\"type\":\"report\"," + COMMON
        + ",\"report\":\"stock-statement\",\"dueOn\":\"2026-07-10\"}");

    assertThat(activity).isEqualTo(new ReportSubmission(HEADER, "stock-statement", LocalDate.of(2026, 7, 10)));
  }

  @Test
  void parse_readsACustomActivityWithEveryAttributeKind() {
    Activity activity = ActivityJson.parse("{\"type\":\"custom\"," + COMMON + ",\"customType\":\"demo-installed\","
        + "\"attributes\":{\"units\":3,\"site\":\"Pune\",\"verified\":true,\"installedOn\":{\"date\":\"2026-07-12\"},"
        + "\"ratio\":0.10}}");

    assertThat(activity).isInstanceOf(CustomActivity.class);
    CustomActivity custom = (CustomActivity) activity;
    assertThat(custom.kind()).isEqualTo("custom");
    assertThat(custom.type()).isEqualTo("demo-installed");
    assertThat(custom.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "units", new AttributeValue.Number(new BigDecimal("3")),
        "site", new AttributeValue.Text("Pune"),
        "verified", new AttributeValue.Flag(true),
        "installedOn", new AttributeValue.Date(LocalDate.of(2026, 7, 12)),
        "ratio", new AttributeValue.Number(new BigDecimal("0.10"))));
  }

  @Test
  void parse_readsACustomActivityWithoutAttributes() {
    CustomActivity custom = (CustomActivity) ActivityJson.parse("{\"type\":\"custom\"," + COMMON
        + ",\"customType\":\"store-audit-passed\"}");

    assertThat(custom.attributes()).isEmpty();
  }

  @Test
  void parse_withoutMemberGivesNoMember() {
    Activity activity = ActivityJson.parse(
        "{\"type\":\"training\",\"id\":\"T-1\",\"partner\":\"dealer-1\",\"occurredAt\":\"2026-07-14T04:45:00Z\","
            + "\"course\":\"LED-101\"}");

    assertThat(activity.member()).isEmpty();
    assertThat(activity).isEqualTo(new TrainingCompleted(ActivityHeader.of("T-1", "dealer-1", JULY_14), "LED-101"));
  }

  @Test
  void parse_takesNullForAnOptionalFieldAsAbsent() {
    Activity activity = ActivityJson.parse(
        "{\"type\":\"certification\",\"id\":\"C-1\",\"partner\":\"dealer-1\",\"member\":null,"
            + "\"occurredAt\":\"2026-07-14T04:45:00Z\",\"certification\":\"basic\",\"validUntil\":null}");

    assertThat(activity).isEqualTo(
        new CertificationEarned(ActivityHeader.of("C-1", "dealer-1", JULY_14), "basic", Optional.empty()));
  }

  @Test
  void parse_readsDecimalStringsAndNumbersExactly() {
    String asString = "{\"type\":\"sale\"," + COMMON
        + ",\"currency\":\"USD\",\"lines\":[{\"sku\":\"S\",\"category\":\"c\",\"quantity\":1,\"unitPrice\":\"0.1\"}]}";
    String asNumber = asString.replace("\"0.1\"", "0.1");

    Sale fromString = (Sale) ActivityJson.parse(asString);
    Sale fromNumber = (Sale) ActivityJson.parse(asNumber);

    // Through a double, 0.1 would come out as 0.1000000000000000055511151231257827...
    assertThat(fromNumber.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("0.1"));
    assertThat(fromString.lines().get(0).unitPrice()).isEqualTo(new BigDecimal("0.1"));
    assertThat(fromNumber).isEqualTo(fromString);
  }

  @Test
  void parse_keepsDigitsADoubleWouldLose() {
    String json = "{\"type\":\"sale\"," + COMMON + ",\"currency\":\"USD\",\"lines\":[{\"sku\":\"S\",\"category\":\"c\","
        + "\"quantity\":1,\"unitPrice\":12345678901234567890.123456789,\"amount\":1.2E+3}]}";

    InvoiceLine line = ((Sale) ActivityJson.parse(json)).lines().get(0);

    assertThat(line.unitPrice()).isEqualTo(new BigDecimal("12345678901234567890.123456789"));
    assertThat(line.amount()).isEqualTo(new BigDecimal("1200"));
  }

  @Test
  void parse_acceptsAWholeQuantityWrittenWithAFraction() {
    String json = "{\"type\":\"return\"," + COMMON + ",\"invoice\":\"INV-1\",\"lines\":[{\"sku\":\"S\",\"quantity\":2.0}]}";

    assertThat(((SaleReturn) ActivityJson.parse(json)).lines().get(0).quantity()).isEqualTo(2);
  }

  @Test
  void parse_acceptsAnyOffsetAndFractionalSeconds() {
    String json = "{\"type\":\"training\",\"id\":\"T\",\"partner\":\"p\",\"occurredAt\":\"%s\",\"course\":\"c\"}";

    assertThat(ActivityJson.parse(json.formatted("2026-07-14T04:45:00Z")).occurredAt()).isEqualTo(JULY_14);
    assertThat(ActivityJson.parse(json.formatted("2026-07-13T23:45:00-05:00")).occurredAt()).isEqualTo(JULY_14);
    assertThat(ActivityJson.parse(json.formatted("2026-07-14T04:45:00.123456789Z")).occurredAt())
        .isEqualTo(JULY_14.plusNanos(123_456_789));
  }

  @Test
  void write_givesOneCompactLineInTheDocumentedFieldOrder() {
    Sale sale = new Sale(ActivityHeader.of("INV-1001", "dealer-1", "rep-7", JULY_14), Currency.getInstance("INR"),
        List.of(new InvoiceLine("CAB-25", "cables", 10, new BigDecimal("1200.00"), new BigDecimal("11500.00"))));

    assertThat(ActivityJson.write(sale)).isEqualTo(
        "{\"type\":\"sale\",\"id\":\"INV-1001\",\"partner\":\"dealer-1\",\"member\":\"rep-7\","
            + "\"occurredAt\":\"2026-07-14T04:45:00Z\",\"currency\":\"INR\",\"lines\":[{\"sku\":\"CAB-25\","
            + "\"category\":\"cables\",\"quantity\":10,\"unitPrice\":\"1200\",\"amount\":\"11500\"}]}");
  }

  @Test
  void write_sortsCustomAttributesByName() {
    CustomActivity custom = new CustomActivity(HEADER, "demo-installed", Map.of(
        "b", new AttributeValue.Flag(false),
        "a", new AttributeValue.Number(new BigDecimal("1.50")),
        "c", new AttributeValue.Date(LocalDate.of(2026, 1, 2))));

    assertThat(ActivityJson.write(custom)).endsWith(
        "\"customType\":\"demo-installed\",\"attributes\":{\"a\":1.5,\"b\":false,\"c\":{\"date\":\"2026-01-02\"}}}");
  }

  @Test
  void write_escapesTextSoTheOutputStaysOneLine() {
    TrainingCompleted training = new TrainingCompleted(HEADER, "line one\nline \"two\"\u2028");

    String json = ActivityJson.write(training);

    assertThat(json).doesNotContain("\n").doesNotContain("\r");
    assertThat(ActivityJson.parse(json)).isEqualTo(training);
  }

  static Stream<Activity> oneOfEachKind() {
    return Stream.of(
        new Sale(HEADER, Currency.getInstance("INR"), List.of(
            new InvoiceLine("CAB-25", "cables", 10, new BigDecimal("1200.00"), new BigDecimal("11500.00")),
            new InvoiceLine("SW-1", "switchgear", 1, new BigDecimal("1E+3"), new BigDecimal("0")))),
        new SaleReturn(HEADER, ActivityId.of("INV-1001"), List.of(new ReturnLine("CAB-25", 2))),
        new TrainingCompleted(HEADER, "LED-101"),
        new CertificationEarned(HEADER, "installer-basic", Optional.of(LocalDate.of(2027, 6, 30))),
        new CertificationEarned(ActivityHeader.of("A-2", "dealer-1", JULY_14), "basic", Optional.empty()),
        new Referral(HEADER, PartnerId.of("retailer-9")),
        new SellThroughReport(HEADER, YearMonth.of(2026, 6), LocalDate.of(2026, 7, 10),
            List.of(new SellThroughLine("CAB-25", "cables", 40))),
        new ReportSubmission(HEADER, "stock-statement", LocalDate.of(2026, 7, 10)),
        new CustomActivity(HEADER, "demo-installed", Map.of(
            "units", new AttributeValue.Number(new BigDecimal("3")),
            "big", new AttributeValue.Number(new BigDecimal("-1.5E+7")),
            "site", new AttributeValue.Text("Pune"),
            "", new AttributeValue.Text(""),
            "verified", new AttributeValue.Flag(true),
            "installedOn", new AttributeValue.Date(LocalDate.of(2026, 7, 12)))));
  }

  @ParameterizedTest
  @MethodSource("oneOfEachKind")
  void parseOfWrite_givesTheSameActivity(Activity activity) {
    String json = ActivityJson.write(activity);

    assertThat(ActivityJson.parse(json)).isEqualTo(activity);
    assertThat(json).startsWith("{\"type\":\"" + activity.kind() + "\"");
  }
}
