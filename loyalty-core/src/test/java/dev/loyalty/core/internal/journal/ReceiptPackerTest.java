package dev.loyalty.core.internal.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.AwardReturn;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.ReviewHold;
import dev.loyalty.core.TierChange;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.rules.Badge;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleDecision;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.rules.SentenceTemplate;
import dev.loyalty.core.rules.TemplatedSentence;
import dev.loyalty.core.rules.TierQualification;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.TransactionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * A packed receipt unpacks into an equal receipt that explains itself in the same sentences, for
 * receipts with any of the parts a receipt can carry (sentences in and out of Latin-1, long and
 * empty ones, extreme numbers and times), and receipts that are not packed say so.
 */
class ReceiptPackerTest {
  private static final List<ParticipantId> PARTICIPANTS = List.of(PartnerId.of("dealer-a"), PartnerId.of("dealer-b"),
      MemberId.of("dealer-a-rep-1"), MemberId.of("a"));
  private static final ActivityId ACTIVITY = ActivityId.of("INV-1");

  private final ReceiptPacker packer = new ReceiptPacker();

  @Property(tries = 200)
  void aPackedReceiptUnpacksEqual_andExplainsItselfTheSame(@ForAll("packable") Receipt receipt) {
    byte[] packed = packer.pack(receipt).orElseThrow();
    Receipt unpacked = packer.unpack(ACTIVITY, packed);
    assertThat(unpacked).isEqualTo(receipt);
    assertThat(unpacked.explanation()).isEqualTo(receipt.explanation());
  }

  @Property(tries = 50)
  void receiptsPackedOneAfterAnotherByOnePackerEachUnpackEqual(@ForAll("packable") Receipt first,
      @ForAll("packable") Receipt second) {
    byte[] a = packer.pack(first).orElseThrow();
    byte[] b = packer.pack(second).orElseThrow();
    assertThat(packer.unpack(ACTIVITY, b)).isEqualTo(second);
    assertThat(packer.unpack(ACTIVITY, a)).isEqualTo(first);
  }

  @Property(tries = 200)
  void theFiguresReadAloneAreThoseOfTheReceipt(@ForAll("packable") Receipt receipt) {
    byte[] packed = packer.pack(receipt).orElseThrow();
    ReceiptFigures figures = packer.figures(ACTIVITY, packed);
    assertThat(figures).isEqualTo(ReceiptFigures.of(receipt)).isEqualTo(ReceiptFigures.of(packer.unpack(ACTIVITY,
        packed)));
    assertThat(figures.awards()).hasSameSizeAs(receipt.awards());
    assertThat(packer.status(ACTIVITY, packed)).isEqualTo(receipt.status());
  }

  @Test
  void figuresOrAStatusPackedInAnotherFormatAreRefused() {
    Receipt plain = Receipt.planned(ACTIVITY, Receipt.Status.RECORDED, Instant.EPOCH, List.of(), List.of(), List.of(),
        List.of(), List.of(), List.of());
    byte[] otherFormat = packer.pack(plain).orElseThrow();
    otherFormat[0] = 99;
    assertThatThrownBy(() -> packer.figures(ACTIVITY, otherFormat)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("INV-1").hasMessageContaining("format 99");
    assertThatThrownBy(() -> packer.status(ACTIVITY, otherFormat)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("INV-1").hasMessageContaining("format 99");
  }

  @Property(tries = 200)
  void aDecisionGivenAsATemplateIsPackedWithoutBeingWritten_andUnpacksUnwrittenAndEqual(
      @ForAll("packable") Receipt written, @ForAll("templated") List<RuleDecision> templated) {
    Receipt receipt = withDecisions(written, templated);
    byte[] packed = packer.pack(receipt).orElseThrow();
    assertThat(templated).allSatisfy(d -> assertThat(d.unwritten()).as("packing wrote it").isPresent());
    Receipt unpacked = packer.unpack(ACTIVITY, packed);
    List<RuleDecision> back = unpacked.decisions().subList(written.decisions().size(), unpacked.decisions().size());
    assertThat(back).allSatisfy(d -> assertThat(d.unwritten()).as("unpacking wrote it").isPresent());
    for (int i = 0; i < templated.size(); i++) {
      assertThat(back.get(i).unwritten().orElseThrow().template()).isEqualTo(templated.get(i).unwritten().orElseThrow()
          .template());
    }
    assertThat(unpacked).isEqualTo(receipt);
    assertThat(unpacked.explanation()).isEqualTo(receipt.explanation());
  }

  @Property(tries = 50)
  void aPackerWhoseTableOfTemplatesIsFullWritesTheirSentencesOut(@ForAll("templated") List<RuleDecision> templated) {
    ReceiptPacker small = new ReceiptPacker(1);
    Receipt receipt = receiptDeciding(templated);
    List<String> sentences = templated.stream().map(d -> d.unwritten().orElseThrow().text()).toList();
    Receipt unpacked = small.unpack(ACTIVITY, small.pack(receipt).orElseThrow());
    SentenceTemplate first = templated.isEmpty() ? null : templated.get(0).unwritten().orElseThrow().template();
    for (RuleDecision d : unpacked.decisions()) {
      // the first template takes the only number; the others' sentences come back written
      assertThat(d.unwritten().map(TemplatedSentence::template).orElse(first)).isEqualTo(first);
    }
    assertThat(unpacked.decisions()).extracting(RuleDecision::explanation).containsExactlyElementsOf(sentences);
    assertThat(unpacked).isEqualTo(receipt);
  }

  @Test
  void aTemplatedDecisionAlreadyReadIsPackedAsItsSentence() {
    RuleDecision read = decisionFrom(new Joined("Awarded ", " and ", " points."), List.of(5L, 6L), true);
    String sentence = read.explanation();
    Receipt unpacked = packer.unpack(ACTIVITY, packer.pack(receiptDeciding(List.of(read))).orElseThrow());
    assertThat(unpacked.decisions().get(0).unwritten()).isEmpty();
    assertThat(unpacked.decisions().get(0).explanation()).isEqualTo(sentence).isEqualTo("Awarded 5 and 6 points.");
  }

  /** A template for tests: its values, written one after the other between its words. */
  record Joined(String first, String between, String last) implements SentenceTemplate {
    @Override
    public String write(List<Object> values) {
      StringBuilder s = new StringBuilder(first);
      for (int i = 0; i < values.size(); i++) {
        Object v = values.get(i);
        s.append(i > 0 ? between : "").append(v instanceof ParticipantId p ? p.kind() + ":" + p.value() : v);
      }
      return s.append(last).toString();
    }
  }

  @Provide
  Arbitrary<List<RuleDecision>> templated() {
    Arbitrary<SentenceTemplate> template = Arbitraries.of(new Joined("Awarded ", " ", " points."),
        new Joined("Matched ", ", ", "."), new Joined("Split ", " of ", ""), new Joined("R\u00e9gl\u00e9 ", "/", " \u20b9"));
    Arbitrary<Object> value = Arbitraries.oneOf(Arbitraries.longs().map(Object.class::cast),
        Arbitraries.longs().between(0, 10_000).map(Object.class::cast), sentence().map(Object.class::cast),
        Arbitraries.of(PARTICIPANTS).map(Object.class::cast));
    Arbitrary<RuleDecision> decision = Combinators.combine(template, value.list().ofMaxSize(7),
        Arbitraries.of(true, false)).as(ReceiptPackerTest::decisionFrom);
    return decision.list().ofMaxSize(8);
  }

  private static RuleDecision decisionFrom(SentenceTemplate template, List<Object> values, boolean fired) {
    TemplatedSentence sentence = new TemplatedSentence(template, values);
    return RuleDecision.explainedByTemplate(RuleRef.of("base", "1"), fired, () -> sentence);
  }

  private static Receipt withDecisions(Receipt receipt, List<RuleDecision> more) {
    List<RuleDecision> decisions = new ArrayList<>(receipt.decisions());
    decisions.addAll(more);
    return new Receipt(ACTIVITY, receipt.status(), receipt.recordedAt(), receipt.awards(), receipt.returns(), Map.of(),
        decisions, receipt.badges(), receipt.riskFlags(), receipt.qualifications(), receipt.tierChanges(),
        receipt.transaction(), List.of(), receipt.refusal());
  }

  private static Receipt receiptDeciding(List<RuleDecision> decisions) {
    return Receipt.planned(ACTIVITY, Receipt.Status.RECORDED, Instant.EPOCH, List.of(), List.of(), decisions, List.of(),
        List.of(), List.of());
  }

  @Test
  void aReceiptWithShortfallsOrHoldsIsNotPacked() {
    Receipt plain = Receipt.planned(ACTIVITY, Receipt.Status.RETURNED, Instant.EPOCH, List.of(),
        List.of(new AwardReturn(0, PARTICIPANTS.get(0), 5)), List.of(), List.of(), List.of(), List.of());
    assertThat(packer.pack(plain)).isPresent();
    assertThat(packer.pack(plain.withShortfalls(Map.of(PARTICIPANTS.get(0), 3L)))).isEmpty();
    ReviewHold hold = ReviewHold.held(HoldId.of(7), AccountId.of("acme:issuance"), AccountId.of("acme:wallet:x"), 9);
    assertThat(packer.pack(plain.withHolds(List.of(hold)))).isEmpty();
  }

  @Test
  void bytesPackedInAnotherFormatOrWithBytesLeftOverAreRefused() {
    Receipt plain = Receipt.planned(ACTIVITY, Receipt.Status.RECORDED, Instant.EPOCH, List.of(), List.of(), List.of(),
        List.of(), List.of(), List.of());
    byte[] packed = packer.pack(plain).orElseThrow();
    byte[] otherFormat = packed.clone();
    otherFormat[0] = 99;
    assertThatThrownBy(() -> packer.unpack(ACTIVITY, otherFormat)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("INV-1").hasMessageContaining("format 99");
    byte[] longer = java.util.Arrays.copyOf(packed, packed.length + 1);
    assertThatThrownBy(() -> packer.unpack(ACTIVITY, longer)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("INV-1");
  }

  @Property(tries = 100)
  void aPackerWhoseTableOfShapesIsFullWritesSentencesOut(@ForAll("packable") Receipt receipt) {
    ReceiptPacker small = new ReceiptPacker(1);
    Receipt unpacked = small.unpack(ACTIVITY, small.pack(receipt).orElseThrow());
    assertThat(unpacked).isEqualTo(receipt);
    assertThat(unpacked.explanation()).isEqualTo(receipt.explanation());
  }

  /**
   * Shapes found by a hash of one or two bits, so that most sentences' hashes name another shape:
   * each sentence must then be checked against the shape as its numbers are written, and written
   * out, without the numbers already written, when it does not match.
   */
  @Property(tries = 100)
  void sentencesWhoseHashesCollideUnpackEqual(@ForAll("packable") Receipt first, @ForAll("packable") Receipt second,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 2) int hashBits) {
    ReceiptPacker colliding = new ReceiptPacker(65_536, hashBits);
    byte[] a = colliding.pack(first).orElseThrow();
    byte[] b = colliding.pack(second).orElseThrow();
    Receipt unpacked = colliding.unpack(ACTIVITY, a);
    assertThat(unpacked).isEqualTo(first);
    assertThat(unpacked.explanation()).isEqualTo(first.explanation());
    assertThat(colliding.unpack(ACTIVITY, b)).isEqualTo(second);
  }

  @Test
  void aSentenceWhoseHashNamesAShapeItDoesNotHaveIsWrittenOut_andOneOfTheShapeIsNot() {
    SentenceShapes shapes = new SentenceShapes(10, 1);
    List<String> sentences = List.of("12 points for 3 units.", "5 points", "12 points for 3 units", "7 points.",
        "12 points for 3 units.4", "9", "x", "12 points for 34 units.", "1 points for 3 units.");
    for (String sentence : sentences) {
      int number = shapes.numberOf(sentence);
      ByteSink out = new ByteSink();
      out.writeByte(42);
      boolean written = shapes.write(out, 1, sentence);
      assertThat(written).as(sentence).isEqualTo(number != ValueTable.FULL);
      if (written) {
        assertThat(shapes.shape(number).replace('\u0000', '#')).isEqualTo(sentence.replaceAll("[0-9]+", "#"));
        assertThat(out.length()).isGreaterThan(2);
      } else {
        assertThat(out.length()).as(sentence + ": nothing written past the first byte").isEqualTo(1);
      }
    }
    // a 1-bit hash: of the several shapes above at most two got numbers, the others collided
    assertThat(sentences.stream().filter(s -> shapes.numberOf(s) == ValueTable.FULL)).isNotEmpty();
  }

  @Test
  void numbersComeBackDigitForDigit() {
    List<String> sentences = List.of("0", "007 and 0", "45,000.50 INR", "1234567890123456789012345 units",
        "999999999999999999", "1000000000000000000", "-5 points", "mark \u0000 12 inside", "12\u000034", "", "x9");
    List<RuleDecision> decisions = sentences.stream().filter(s -> !s.isBlank())
        .map(s -> RuleDecision.fired(RuleRef.of("base", "1"), s)).toList();
    Receipt receipt = Receipt.planned(ACTIVITY, Receipt.Status.RECORDED, Instant.EPOCH, List.of(new PostedAward(
        PARTICIPANTS.get(0), 5, 5, RuleRef.of("base", "1"), "", Optional.empty(), Optional.empty(),
        Optional.of("00"))), List.of(), decisions, List.of(), List.of(), List.of());
    Receipt unpacked = packer.unpack(ACTIVITY, packer.pack(receipt).orElseThrow());
    assertThat(unpacked).isEqualTo(receipt);
    assertThat(unpacked.explanation()).isEqualTo(receipt.explanation());
  }

  @Test
  void aSentenceWithOtherNumbersTakesOnlyItsNumbersInMoreBytes() {
    Receipt first = receiptSaying("1,250 points for an invoice of 125000.00 INR from dealer-a, a long sentence.");
    Receipt second = receiptSaying("9,999 points for an invoice of 999900.00 INR from dealer-a, a long sentence.");
    int firstLength = packer.pack(first).orElseThrow().length;
    int secondLength = packer.pack(second).orElseThrow().length;
    assertThat(secondLength).isLessThanOrEqualTo(firstLength).isLessThan(40);
    assertThat(packer.unpack(ACTIVITY, packer.pack(second).orElseThrow())).isEqualTo(second);
  }

  /** A sentence said again later in a receipt (a badge repeating a decision) is packed once and read back for both. */
  @Test
  void aDecisionsSentenceSaidAgainLaterIsReadBackForBoth() {
    String said = "Awarded 1,250 points to dealer-a (matched sale s-17).";
    Receipt receipt = Receipt.planned(ACTIVITY, Receipt.Status.RECORDED, Instant.EPOCH, List.of(), List.of(),
        List.of(RuleDecision.fired(RuleRef.of("base", "1"), said), RuleDecision.notFired(RuleRef.of("bonus", "2"),
            said)), List.of(new Badge(PARTICIPANTS.get(0), "first-order", RuleRef.of("badge", "1"), said)),
        List.of(), List.of());
    Receipt unpacked = packer.unpack(ACTIVITY, packer.pack(receipt).orElseThrow());
    assertThat(unpacked.badges().get(0).reason()).isEqualTo(said);
    assertThat(unpacked.decisions()).extracting(RuleDecision::explanation).containsExactly(said, said);
    assertThat(unpacked).isEqualTo(receipt);
  }

  private static Receipt receiptSaying(String sentence) {
    return Receipt.planned(ACTIVITY, Receipt.Status.RECORDED, Instant.EPOCH, List.of(), List.of(),
        List.of(RuleDecision.fired(RuleRef.of("base", "1"), sentence)), List.of(), List.of(), List.of());
  }

  @Test
  void sentencesThatDifferInTheirNumbersShareAShape_andOthersDoNot() {
    SentenceShapes shapes = new SentenceShapes(10);
    int a = shapes.numberOf("1,250 points for an invoice of 125000.00.");
    assertThat(shapes.numberOf("8,000 points for an invoice of 08000.99.")).isEqualTo(a);
    assertThat(shapes.shape(a)).isEqualTo("\u0000,\u0000 points for an invoice of \u0000.\u0000.");
    assertThat(shapes.numberOf("8,000 points for an invoice of 8000.")).isNotEqualTo(a);
    assertThat(shapes.numberOf("8,000 points for an invoice of 8000.00")).isNotEqualTo(a);
    assertThat(shapes.numberOf("x,000 points for an invoice of 8000.00.")).isNotEqualTo(a);
    assertThat(shapes.numberOf("1234567890123456789")).isEqualTo(shapes.numberOf("9999999999999999990"))
        .isNotEqualTo(shapes.numberOf("12"));
    assertThat(shapes.shape(shapes.numberOf("1234567890123456789"))).isEqualTo("\u0000\u0000");
    assertThat(shapes.numberOf("a \u0000 b")).isEqualTo(ValueTable.FULL);
  }

  @Test
  void aFullTableGivesNoNumberToANewValue_andKeepsTheOldOnes() {
    ValueTable table = new ValueTable(2);
    assertThat(table.numberOf("a")).isZero();
    assertThat(table.numberOf("b")).isEqualTo(1);
    assertThat(table.numberOf("c")).isEqualTo(ValueTable.FULL);
    assertThat(table.numberOf("a")).isZero();
    assertThat(table.value(1, String.class)).isEqualTo("b");
    assertThatThrownBy(() -> new ValueTable(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aNumberNoValueWasGivenIsRefused() {
    ValueTable table = new ValueTable(100);
    assertThat(table.numberOf(PARTICIPANTS.get(0))).isZero();
    assertThat(table.numberOf(PARTICIPANTS.get(1))).isEqualTo(1);
    assertThat(table.numberOf(PartnerId.of("dealer-a"))).isZero();
    assertThat(table.value(1, ParticipantId.class)).isEqualTo(PARTICIPANTS.get(1));
    assertThatThrownBy(() -> table.value(2, ParticipantId.class)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("2");
  }

  @Test
  void theTableGrowsPastItsFirstArray() {
    ValueTable table = new ValueTable(5_000);
    for (int i = 0; i < 1_000; i++) {
      assertThat(table.numberOf(CampaignId.of("c" + i))).isEqualTo(i);
    }
    for (int i = 0; i < 1_000; i++) {
      assertThat(table.value(i, CampaignId.class)).isEqualTo(CampaignId.of("c" + i));
    }
  }

  @Provide
  Arbitrary<Receipt> packable() {
    Arbitrary<ParticipantId> who = Arbitraries.of(PARTICIPANTS);
    Arbitrary<RuleRef> rule = Combinators.combine(Arbitraries.of("base", "premium", "split", "mix-bonus"),
        Arbitraries.of("1", "sample-1", "2026-07")).as(RuleRef::of);
    Arbitrary<Instant> instant = Arbitraries.longs().between(-62_000_000_000L, 250_000_000_000L)
        .flatMap(s -> Arbitraries.integers().between(0, 999_999_999).map(n -> Instant.ofEpochSecond(s, n)));
    Arbitrary<Long> requested = Arbitraries.longs().between(1, Long.MAX_VALUE);
    Arbitrary<PostedAward> award = Builders.withBuilder(() -> new Object[8])
        .use(who).in((a, v) -> set(a, 0, v))
        .use(requested).in((a, v) -> set(a, 1, v))
        .use(Arbitraries.doubles().between(0, 1)).in((a, v) -> set(a, 2, v))
        .use(rule).in((a, v) -> set(a, 3, v))
        .use(sentence()).in((a, v) -> set(a, 4, v))
        .use(Arbitraries.of("monsoon", "diwali").map(CampaignId::of).optional()).in((a, v) -> set(a, 5, v))
        .use(instant.optional()).in((a, v) -> set(a, 6, v))
        .use(sentence().optional()).in((a, v) -> set(a, 7, v))
        .build(a -> {
          long req = (Long) a[1];
          long points = (long) Math.floor(req * (Double) a[2]);
          return new PostedAward((ParticipantId) a[0], req, Math.min(points, req), (RuleRef) a[3], (String) a[4],
              cast(a[5]), cast(a[6]), cast(a[7]));
        });
    Arbitrary<AwardReturn> ret = Combinators.combine(Arbitraries.integers().between(0, Integer.MAX_VALUE), who,
        Arbitraries.longs().between(0, Long.MAX_VALUE)).as(AwardReturn::new);
    Arbitrary<RuleDecision> decision = Combinators.combine(rule, Arbitraries.of(true, false),
        sentence().filter(s -> !s.isBlank())).as(RuleDecision::new);
    Arbitrary<Badge> badge = Combinators.combine(who, Arbitraries.of("first-order", "big-month"), rule, sentence())
        .as(Badge::new);
    Arbitrary<RiskFlag> flag = Combinators.combine(Arbitraries.of(RiskFlag.Severity.class),
        Arbitraries.of("large-invoice", "velocity"), rule, sentence(), Arbitraries.integers().between(0,
            Integer.MAX_VALUE)).as(RiskFlag::new);
    Arbitrary<TierId> tier = Arbitraries.of("silver", "gold").map(TierId::of);
    Arbitrary<TierQualification> qualification = Combinators.combine(who, tier, rule, sentence())
        .as(TierQualification::new);
    Arbitrary<TierChange> change = Combinators.combine(who, tier.optional(), tier.optional(), sentence())
        .as(TierChange::new);
    Arbitrary<Receipt.Status> status = Arbitraries.of(Receipt.Status.class);
    return Builders.withBuilder(() -> new Object[11])
        .use(status).in((a, v) -> set(a, 0, v))
        .use(instant).in((a, v) -> set(a, 1, v))
        .use(award.list().ofMaxSize(6)).in((a, v) -> set(a, 2, v))
        .use(ret.list().ofMaxSize(3)).in((a, v) -> set(a, 3, v))
        .use(decision.list().ofMaxSize(8)).in((a, v) -> set(a, 4, v))
        .use(badge.list().ofMaxSize(2)).in((a, v) -> set(a, 5, v))
        .use(flag.list().ofMaxSize(2)).in((a, v) -> set(a, 6, v))
        .use(qualification.list().ofMaxSize(2)).in((a, v) -> set(a, 7, v))
        .use(change.list().ofMaxSize(2)).in((a, v) -> set(a, 8, v))
        .use(Arbitraries.longs().between(1, Long.MAX_VALUE).map(TransactionId::of).optional())
        .in((a, v) -> set(a, 9, v))
        .use(sentence()).in((a, v) -> set(a, 10, v))
        .build(a -> {
          Receipt.Status s = (Receipt.Status) a[0];
          return new Receipt(ACTIVITY, s, (Instant) a[1], cast(a[2]), cast(a[3]), Map.of(), cast(a[4]), cast(a[5]),
              cast(a[6]), cast(a[7]), cast(a[8]), cast(a[9]), List.of(),
              s == Receipt.Status.REFUSED ? Optional.of((String) a[10]) : Optional.empty());
        });
  }

  /**
   * Sentences as rules write them (ASCII, numbers, the rupee sign and accents beyond ASCII but in
   * Latin-1, Devanagari and emoji beyond it), some repeated within a receipt, some empty, some long.
   */
  private static Arbitrary<String> sentence() {
    Arbitrary<String> written = Arbitraries.strings().withChars("abc XYZ.,:()0123456789000000000")
        .withChars('\u00e9', '\u00ff', '\u20b9', '\u0928', '\ud83d', '\ude00', '\u0000').ofMaxLength(120);
    return Arbitraries.frequencyOf(Tuple.of(10, written), Tuple.of(5, Arbitraries.of("No premium products on the invoice.", "",
        "1 point(s) per 100 INR on 45,000 INR")), Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').withChars('\u0928').ofMinLength(1_000).ofMaxLength(3_000)));
  }

  private static Object[] set(Object[] a, int i, Object v) {
    a[i] = v;
    return a;
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object o) {
    return (T) o;
  }
}
