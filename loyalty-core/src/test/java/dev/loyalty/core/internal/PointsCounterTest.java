package dev.loyalty.core.internal;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.ZONE;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.ReviewHold;
import dev.loyalty.core.activity.Sale;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.Program;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.spi.ActivityJournal;
import dev.loyalty.core.spi.JournalEntry;
import dev.loyalty.core.spi.PerformanceStore;
import dev.loyalty.core.testing.ChannelFixture;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.TransactionId;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What the engine counts when it finishes an approval whose hold the ledger would not post: an
 * awkward case to reach through the ledger (it needs a wallet about to overflow), so it is checked
 * on the counting step itself.
 */
class PointsCounterTest {
  private static final PartnerId DEALER = DEALERS.get(0);
  private static final MemberId REP = rep(DEALER, 1);
  private static final Instant JULY = LocalDateTime.parse("2026-07-02T10:00").atZone(ZONE).toInstant();
  private static final RuleRef RULE = RuleRef.of("base", "1");

  private final Program program = ChannelFixture.program(300);
  private final PerformanceStore store = PerformanceStore.inMemory();
  private final ParticipantFigures figures = new ParticipantFigures(program, new ChannelFixture(JULY).directory, store,
      new Journal(ActivityJournal.inMemory()));
  private final Sale sale = ChannelFixture.sale("inv-1", DEALER, Optional.of(REP), JULY, "CAB-25", "cables", 10, "1000");

  private static PostedAward award(ParticipantId to, long points, Optional<String> note) {
    return new PostedAward(to, 300, points, RULE, "Base.", Optional.empty(), Optional.empty(), note);
  }

  private JournalEntry entry(Receipt.Status status, long toRep, List<ReviewHold> holds) {
    Receipt r = Receipt.planned(sale.id(), status, JULY, List.of(award(DEALER, 210, Optional.empty()), award(REP, toRep,
        toRep == 0 ? Optional.of("The ledger refused to post them: overflow") : Optional.empty())), List.of(),
        List.of(), List.of(), List.of(), List.of()).withHolds(holds);
    return new JournalEntry(sale, r, false, 0);
  }

  private long month(ParticipantId who) {
    return figures.earned(who, ChannelFixture.INR, JULY).inMonth("base");
  }

  @Test
  void anApprovalTakesBackWhatTheLedgerWouldNotPost_once() {
    HoldId h1 = HoldId.of(1);
    HoldId h2 = HoldId.of(2);
    var issuance = program.accounts().issuance();
    List<ReviewHold> held = List.of(ReviewHold.held(h1, issuance, program.accounts().wallet(DEALER), 210),
        ReviewHold.held(h2, issuance, program.accounts().wallet(REP), 90));
    JournalEntry inReview = entry(Receipt.Status.IN_REVIEW, 90, held);
    figures.countPoints(inReview, inReview);
    assertThat(month(DEALER)).isEqualTo(300);
    assertThat(month(REP)).isEqualTo(90);

    JournalEntry decided = entry(Receipt.Status.RECORDED, 90, held);
    JournalEntry cut = entry(Receipt.Status.RECORDED, 0, List.of(held.get(0).resolved(ReviewHold.State.POSTED,
        TransactionId.of(7)), held.get(1).resolved(ReviewHold.State.RELEASED, TransactionId.of(8))));
    figures.countPoints(decided, cut);
    assertThat(month(DEALER)).isEqualTo(210);
    assertThat(month(REP)).isZero();

    // finishing it again (a repeat, or recovery from the cut entry) counts nothing twice
    figures.countPoints(cut, cut);
    figures.countPoints(decided, cut);
    assertThat(month(DEALER)).isEqualTo(210);
    assertThat(month(REP)).isZero();
  }

  @Test
  void aRecoveryThatFindsTheEntryAlreadyCut_keepsTheHeldPoints_onTheSafeSide() {
    var issuance = program.accounts().issuance();
    List<ReviewHold> held = List.of(ReviewHold.held(HoldId.of(1), issuance, program.accounts().wallet(DEALER), 210),
        ReviewHold.held(HoldId.of(2), issuance, program.accounts().wallet(REP), 90));
    JournalEntry inReview = entry(Receipt.Status.IN_REVIEW, 90, held);
    figures.countPoints(inReview, inReview);
    JournalEntry cut = entry(Receipt.Status.RECORDED, 0, List.of(held.get(0).resolved(ReviewHold.State.POSTED,
        TransactionId.of(7)), held.get(1).resolved(ReviewHold.State.RELEASED, TransactionId.of(8))));

    figures.countPoints(cut, cut);

    // the 90 no longer known as held stay counted: a cap holds earlier, never later
    assertThat(month(DEALER)).isEqualTo(300);
    assertThat(month(REP)).isEqualTo(90);
  }

  @Test
  void blockedAndRefusedActivitiesCountNothing() {
    JournalEntry blocked = entry(Receipt.Status.BLOCKED, 90, List.of());
    figures.countPoints(blocked, blocked);
    assertThat(month(DEALER)).isZero();
    assertThat(store.history(DEALER, ChannelFixture.INR).earned().isEmpty()).isTrue();
  }
}
