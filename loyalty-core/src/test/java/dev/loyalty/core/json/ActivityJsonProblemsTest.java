package dev.loyalty.core.json;

import dev.loyalty.core.InputProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.loyalty.core.LoyaltyException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One test per kind of problem: where it is reported and what it says. */
class ActivityJsonProblemsTest {

  private static final String HEADER =
      "\"id\":\"INV-1\",\"partner\":\"dealer-1\",\"occurredAt\":\"2026-07-14T10:15:00+05:30\"";

  private static String sale(String line) {
    return "{\"type\":\"sale\"," + HEADER + ",\"currency\":\"INR\",\"lines\":[" + line + "]}";
  }

  private static String saleLine(String quantity, String unitPrice) {
    return "{\"sku\":\"CAB-25\",\"category\":\"cables\",\"quantity\":" + quantity + ",\"unitPrice\":" + unitPrice + "}";
  }

  private static List<InputProblem> problems(String json) {
    ActivityFormatException e = catchThrowableOfType(ActivityFormatException.class, () -> ActivityJson.parse(json));
    assertThat(e).as("parse should have refused %s", json).isNotNull();
    return e.problems();
  }

  private static InputProblem onlyProblem(String json) {
    List<InputProblem> problems = problems(json);
    assertThat(problems).hasSize(1);
    return problems.get(0);
  }

  @Test
  void malformedJson_isOneProblemNamingLineAndColumn() {
    InputProblem problem = onlyProblem("{\"type\":\"sale\",\n  \"id\": INV-1}");

    assertThat(problem.path()).isEqualTo("$");
    assertThat(problem.message()).startsWith("malformed JSON at line 2, column ").contains("INV");
  }

  @Test
  void duplicateKey_isMalformed() {
    InputProblem problem = onlyProblem("{\"type\":\"training\",\"type\":\"training\"}");

    assertThat(problem.message()).contains("malformed JSON").contains("Duplicate field 'type'");
  }

  @Test
  void contentAfterTheActivity_isMalformed() {
    InputProblem problem = onlyProblem("{\"type\":\"training\"} {}");

    assertThat(problem.message()).contains("malformed JSON");
  }

  @Test
  void emptyInput_isAProblem() {
    assertThat(onlyProblem("  ").message()).contains("no JSON found");
  }

  @Test
  void notAnObject_isAProblem() {
    InputProblem problem = onlyProblem("[1, 2]");

    assertThat(problem.path()).isEqualTo("$");
    assertThat(problem.message()).contains("must be an object holding one activity, got array");
  }

  @Test
  void unknownField_isAProblemWithAHint() {
    InputProblem problem = onlyProblem("{\"type\":\"training\"," + HEADER + ",\"course\":\"c\",\"cours\":\"c\"}");

    assertThat(problem.path()).isEqualTo("$.cours");
    assertThat(problem.message()).contains("unknown field").contains("did you mean 'course'?");
  }

  @Test
  void unknownFieldInALine_isAProblemAtTheLine() {
    InputProblem problem = onlyProblem(sale("{\"sku\":\"S\",\"category\":\"c\",\"quantity\":1,\"unitPrice\":1,\"discount\":2}"));

    assertThat(problem.path()).isEqualTo("$.lines[0].discount");
    assertThat(problem.message()).contains("unknown field").contains("a sale line has sku, category, quantity");
  }

  @Test
  void unknownFieldNameThatIsNotAnIdentifier_isQuotedInThePath() {
    InputProblem problem = onlyProblem("{\"type\":\"training\"," + HEADER + ",\"course\":\"c\",\"the course\":\"c\"}");

    assertThat(problem.path()).isEqualTo("$['the course']");
  }

  @Test
  void missingRequiredField_isAProblem() {
    InputProblem problem = onlyProblem("{\"type\":\"referral\"," + HEADER + "}");

    assertThat(problem).isEqualTo(new InputProblem("$.referred", "is required"));
  }

  @Test
  void nullForARequiredField_isAProblem() {
    InputProblem problem = onlyProblem("{\"type\":\"referral\"," + HEADER + ",\"referred\":null}");

    assertThat(problem.path()).isEqualTo("$.referred");
    assertThat(problem.message()).contains("is required, got null");
  }

  @Test
  void wrongType_isAProblem() {
    InputProblem problem = onlyProblem("{\"type\":\"training\"," + HEADER + ",\"course\":101}");

    assertThat(problem).isEqualTo(new InputProblem("$.course", "must be a string, got number"));
  }

  @Test
  void linesNotAnArray_isAProblem() {
    InputProblem problem = onlyProblem("{\"type\":\"sale\"," + HEADER + ",\"currency\":\"INR\",\"lines\":{}}");

    assertThat(problem).isEqualTo(new InputProblem("$.lines", "must be an array, got object"));
  }

  @Test
  void lineNotAnObject_isAProblem() {
    InputProblem problem = onlyProblem(sale("\"CAB-25\""));

    assertThat(problem.path()).isEqualTo("$.lines[0]");
    assertThat(problem.message()).contains("must be a sale line object, got string");
  }

  @Test
  void blankText_isAProblem() {
    InputProblem problem = onlyProblem("{\"type\":\"training\"," + HEADER + ",\"course\":\"  \"}");

    assertThat(problem).isEqualTo(new InputProblem("$.course", "must not be blank"));
  }

  @Test
  void zeroQuantity_isAProblem() {
    InputProblem problem = onlyProblem(sale(saleLine("0", "1")));

    assertThat(problem.path()).isEqualTo("$.lines[0].quantity");
    assertThat(problem.message()).contains("must be positive, got 0");
  }

  @Test
  void negativeQuantity_isAProblemInTheRightLine() {
    String json = "{\"type\":\"return\"," + HEADER + ",\"invoice\":\"INV-0\",\"lines\":["
        + "{\"sku\":\"A\",\"quantity\":1},{\"sku\":\"B\",\"quantity\":1},{\"sku\":\"C\",\"quantity\":-3}]}";

    InputProblem problem = onlyProblem(json);

    assertThat(problem.path()).isEqualTo("$.lines[2].quantity");
    assertThat(problem.message()).contains("must be positive, got -3");
  }

  @Test
  void negativeSellThroughQuantity_isAProblemButZeroIsNot() {
    String json = "{\"type\":\"sell-through\"," + HEADER + ",\"period\":\"2026-06\",\"dueOn\":\"2026-07-10\","
        + "\"lines\":[{\"sku\":\"A\",\"category\":\"c\",\"quantity\":0},{\"sku\":\"B\",\"category\":\"c\",\"quantity\":-1}]}";

    InputProblem problem = onlyProblem(json);

    assertThat(problem.path()).isEqualTo("$.lines[1].quantity");
    assertThat(problem.message()).contains("must not be negative, got -1");
  }

  @Test
  void fractionalQuantity_isAProblem() {
    InputProblem problem = onlyProblem(sale(saleLine("2.5", "1")));

    assertThat(problem.path()).isEqualTo("$.lines[0].quantity");
    assertThat(problem.message()).contains("must be a whole number, got 2.5");
  }

  @Test
  void quantityBeyondLong_isAProblem() {
    InputProblem problem = onlyProblem(sale(saleLine("99999999999999999999", "1")));

    assertThat(problem.message()).contains("is out of range");
  }

  @Test
  void quantityAsString_isAProblem() {
    InputProblem problem = onlyProblem(sale(saleLine("\"10\"", "1")));

    assertThat(problem.message()).contains("must be a whole number, got string");
  }

  @Test
  void negativePrice_isAProblem() {
    InputProblem problem = onlyProblem(sale(saleLine("1", "\"-0.01\"")));

    assertThat(problem.path()).isEqualTo("$.lines[0].unitPrice");
    assertThat(problem.message()).contains("must not be negative, got -0.01");
  }

  @Test
  void negativeAmount_isAProblem() {
    InputProblem problem = onlyProblem(sale(
        "{\"sku\":\"S\",\"category\":\"c\",\"quantity\":1,\"unitPrice\":1,\"amount\":-5}"));

    assertThat(problem.path()).isEqualTo("$.lines[0].amount");
    assertThat(problem.message()).contains("must not be negative, got -5");
  }

  @Test
  void decimalThatIsNotANumber_isAProblem() {
    InputProblem problem = onlyProblem(sale(saleLine("1", "\"12,50\"")));

    assertThat(problem.path()).isEqualTo("$.lines[0].unitPrice");
    assertThat(problem.message()).contains("'12,50' is not a decimal number");
  }

  @Test
  void decimalOfAnAbsurdScale_isAProblem() {
    InputProblem problem = onlyProblem(sale(saleLine("1", "\"1E-999999999\"")));

    assertThat(problem.message()).contains("is out of range");
  }

  @Test
  void badInstant_isAProblem() {
    InputProblem problem = onlyProblem(
        "{\"type\":\"training\",\"id\":\"T\",\"partner\":\"p\",\"occurredAt\":\"2026-07-14 10:15\",\"course\":\"c\"}");

    assertThat(problem.path()).isEqualTo("$.occurredAt");
    assertThat(problem.message()).contains("'2026-07-14 10:15' is not an instant with an offset");
  }

  @Test
  void instantWithoutOffset_isAProblem() {
    InputProblem problem = onlyProblem(
        "{\"type\":\"training\",\"id\":\"T\",\"partner\":\"p\",\"occurredAt\":\"2026-07-14T10:15:00\",\"course\":\"c\"}");

    assertThat(problem.path()).isEqualTo("$.occurredAt");
  }

  @Test
  void badDate_isAProblem() {
    InputProblem problem = onlyProblem("{\"type\":\"report\"," + HEADER + ",\"report\":\"r\",\"dueOn\":\"2026-02-30\"}");

    assertThat(problem.path()).isEqualTo("$.dueOn");
    assertThat(problem.message()).isEqualTo("'2026-02-30' is not a real date: there is no February 30");
  }

  @Test
  void badMonth_isAProblem() {
    InputProblem problem = onlyProblem("{\"type\":\"sell-through\"," + HEADER
        + ",\"period\":\"2026-13\",\"dueOn\":\"2026-07-10\",\"lines\":[]}");

    assertThat(problem.path()).isEqualTo("$.period");
    assertThat(problem.message()).contains("'2026-13' is not a month (YYYY-MM)");
  }

  @Test
  void unknownCurrency_isAProblem() {
    InputProblem problem = onlyProblem("{\"type\":\"sale\"," + HEADER + ",\"currency\":\"RUPEE\",\"lines\":["
        + saleLine("1", "1") + "]}");

    assertThat(problem.path()).isEqualTo("$.currency");
    assertThat(problem.message()).contains("unknown currency 'RUPEE'");
  }

  @Test
  void lowerCaseCurrency_isAProblem() {
    InputProblem problem = onlyProblem("{\"type\":\"sale\"," + HEADER + ",\"currency\":\"inr\",\"lines\":["
        + saleLine("1", "1") + "]}");

    assertThat(problem.message()).contains("unknown currency 'inr'");
  }

  @Test
  void unknownType_isAProblemWithTheKnownTypes() {
    InputProblem problem = onlyProblem("{\"type\":\"sales\"," + HEADER + "}");

    assertThat(problem.path()).isEqualTo("$.type");
    assertThat(problem.message()).contains("unknown type 'sales'").contains("did you mean 'sale'?")
        .contains("sale, return, training, certification, referral, sell-through, report, custom");
  }

  @Test
  void missingType_isAProblem() {
    assertThat(onlyProblem("{" + HEADER + "}")).isEqualTo(new InputProblem("$.type", "is required"));
  }

  @Test
  void customKindAsType_isUnknown() {
    InputProblem problem = onlyProblem("{\"type\":\"demo-installed\"," + HEADER + "}");

    assertThat(problem.message()).contains("unknown type 'demo-installed'");
  }

  @Test
  void invalidCustomType_isReportedWithTheRecordsMessage() {
    InputProblem problem = onlyProblem("{\"type\":\"custom\"," + HEADER + ",\"customType\":\"Demo Installed\"}");

    assertThat(problem.path()).isEqualTo("$.customType");
    assertThat(problem.message()).contains("custom activity type 'Demo Installed' must be");
  }

  @Test
  void customAttributeOfAnUnsupportedKind_isAProblem() {
    InputProblem problem = onlyProblem("{\"type\":\"custom\"," + HEADER
        + ",\"customType\":\"demo\",\"attributes\":{\"site name\":[\"Pune\"]}}");

    assertThat(problem.path()).isEqualTo("$.attributes['site name']");
    assertThat(problem.message()).contains("must be a string, a number, true or false, or {\"date\"");
  }

  @Test
  void customDateAttributeWithOtherFields_isAProblem() {
    List<InputProblem> problems = problems("{\"type\":\"custom\"," + HEADER
        + ",\"customType\":\"demo\",\"attributes\":{\"on\":{\"date\":\"2026-07-32\",\"zone\":\"IST\"}}}");

    assertThat(problems).extracting(InputProblem::path).containsExactly("$.attributes.on.date", "$.attributes.on.zone");
  }

  @Test
  void idTooLong_isReportedWithTheIdsMessage() {
    InputProblem problem = onlyProblem("{\"type\":\"training\",\"id\":\"" + "x".repeat(101)
        + "\",\"partner\":\"p\",\"occurredAt\":\"2026-07-14T04:45:00Z\",\"course\":\"c\"}");

    assertThat(problem.path()).isEqualTo("$.id");
    assertThat(problem.message()).contains("activity id is longer than 100 characters");
  }

  @Test
  void message_namesTheActivityByItsIdOnlyWhenTheIdIsValid() {
    String json = "{\"type\":\"training\",\"id\":\"%s\",\"partner\":\"p\",\"occurredAt\":\"2026-07-14T04:45:00Z\"}";

    assertThatThrownBy(() -> ActivityJson.parse(json.formatted("T-1")))
        .hasMessage("invalid activity 'T-1': $.course: is required");
    assertThatThrownBy(() -> ActivityJson.parse(json.formatted("x".repeat(5000))))
        .hasMessageStartingWith("invalid activity: $.id: activity id is longer than 100 characters");
  }

  @Test
  void idWithSurroundingSpaces_isReportedWithTheIdsMessage() {
    InputProblem problem = onlyProblem("{\"type\":\"training\",\"id\":\"T\",\"partner\":\" p\","
        + "\"occurredAt\":\"2026-07-14T04:45:00Z\",\"course\":\"c\"}");

    assertThat(problem.path()).isEqualTo("$.partner");
    assertThat(problem.message()).contains("partner id has leading or trailing spaces");
  }

  @Test
  void textTooLong_isReportedWithTheRecordsMessage() {
    InputProblem problem = onlyProblem("{\"type\":\"training\"," + HEADER + ",\"course\":\"" + "c".repeat(201) + "\"}");

    assertThat(problem.path()).isEqualTo("$.course");
    assertThat(problem.message()).contains("course is longer than 200 characters");
  }

  @Test
  void skuTooLong_isReportedAtItsLine() {
    InputProblem problem = onlyProblem(sale("{\"sku\":\"" + "s".repeat(201)
        + "\",\"category\":\"c\",\"quantity\":1,\"unitPrice\":1}"));

    assertThat(problem.path()).isEqualTo("$.lines[0]");
    assertThat(problem.message()).contains("sku is longer than 200 characters");
  }

  @Test
  void saleWithoutLines_isReportedWithTheRecordsMessage() {
    InputProblem problem = onlyProblem("{\"type\":\"sale\"," + HEADER + ",\"currency\":\"INR\",\"lines\":[]}");

    assertThat(problem).isEqualTo(new InputProblem("$.lines", "invoice INV-1 has no lines"));
  }

  @Test
  void skuTwiceOnAnInvoice_isReportedWithTheRecordsMessage() {
    InputProblem problem = onlyProblem(sale(saleLine("1", "1") + "," + saleLine("2", "1")));

    assertThat(problem.path()).isEqualTo("$.lines");
    assertThat(problem.message()).contains("lists SKU CAB-25 twice");
  }

  @Test
  void returnOfItself_isReportedAtTheInvoice() {
    InputProblem problem = onlyProblem("{\"type\":\"return\"," + HEADER
        + ",\"invoice\":\"INV-1\",\"lines\":[{\"sku\":\"S\",\"quantity\":1}]}");

    assertThat(problem).isEqualTo(new InputProblem("$.invoice", "return INV-1 cannot return itself"));
  }

  @Test
  void selfReferral_isReportedAtTheReferred() {
    InputProblem problem = onlyProblem("{\"type\":\"referral\"," + HEADER + ",\"referred\":\"dealer-1\"}");

    assertThat(problem).isEqualTo(new InputProblem("$.referred", "partner dealer-1 cannot refer itself"));
  }

  @Test
  void everyProblemOfOneActivity_isReportedTogether() {
    String json = "{\"type\":\"sale\",\"id\":\"INV-9\",\"partner\":7,\"occuredAt\":\"2026-07-14T10:15:00Z\","
        + "\"currency\":\"XYZ\",\"lines\":["
        + "{\"sku\":\"A\",\"category\":\"c\",\"quantity\":0,\"unitPrice\":\"-1\",\"amount\":\"x\"},"
        + "{\"sku\":\" \",\"quantity\":1.5,\"unitPrice\":1}]}";

    ActivityFormatException e = catchThrowableOfType(ActivityFormatException.class, () -> ActivityJson.parse(json));

    assertThat(e.problems()).extracting(InputProblem::path).containsExactly(
        "$.partner", "$.occurredAt", "$.currency",
        "$.lines[0].quantity", "$.lines[0].unitPrice", "$.lines[0].amount",
        "$.lines[1].sku", "$.lines[1].category", "$.lines[1].quantity",
        "$.occuredAt");
    assertThat(e.getMessage())
        .startsWith("invalid activity 'INV-9': $.partner: must be a string, got number; $.occurredAt: is required; ")
        .contains("$.lines[0].quantity: must be positive, got 0")
        .contains("$.occuredAt: unknown field (did you mean 'occurredAt'?)");
  }

  @Test
  void headerAndBodyRulesOfTheRecords_areReportedTogether() {
    List<InputProblem> problems = problems("{\"type\":\"custom\",\"id\":\"\",\"partner\":\"p\","
        + "\"occurredAt\":\"2026-07-14T04:45:00Z\",\"customType\":\"Not A Slug\"}");

    assertThat(problems).extracting(InputProblem::path).containsExactly("$.id", "$.customType");
  }

  @Test
  void failures_areLoyaltyExceptionsAndNeverIllegalArgumentExceptions() {
    assertThatThrownBy(() -> ActivityJson.parse("{\"type\":\"referral\"," + HEADER + ",\"referred\":\"dealer-1\"}"))
        .isInstanceOf(ActivityFormatException.class)
        .isInstanceOf(LoyaltyException.class);
  }

  @Test
  void exceptionBuiltByAHost_listsItsProblems() {
    ActivityFormatException e = new ActivityFormatException(List.of(new InputProblem("$.a", "x"), new InputProblem("$.b", "y")));

    assertThat(e.getMessage()).isEqualTo("invalid activity: $.a: x; $.b: y");
    assertThat(e.problems()).hasSize(2);
  }
}
