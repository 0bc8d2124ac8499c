package dev.loyalty.core.testing;

import static dev.loyalty.core.testing.ChannelFixture.DEALERS;
import static dev.loyalty.core.testing.ChannelFixture.rep;
import static dev.loyalty.core.testing.ChannelFixture.sale;
import static dev.loyalty.core.testing.ChannelFixture.saleReturn;

import dev.loyalty.core.activity.ActivityHeader;
import dev.loyalty.core.activity.TrainingCompleted;
import dev.loyalty.core.program.ExpiryPolicy;
import dev.loyalty.core.program.Program;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.PostHoldRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The worked example of docs/INSIGHTS.md: the fixture's channel on a program whose points expire
 * 30 days after the day earned, with June and July 2026 of activity: two invoices of dealer-a's
 * rep (the second in the monsoon campaign), one of dealer-b, half of the second invoice returned,
 * a training of dealer-c's rep, a period close that expires June's points, and a redemption of 100
 * points by dealer-a (a hold to the redemption clearing account, posted). The clock follows the
 * activities, as it would live.
 */
public final class KpiScenario {
  private KpiScenario() {
  }

  /** The program: the fixture's, with points valid 30 days after the day earned. */
  public static Program program() {
    Program p = ChannelFixture.program(300);
    return new Program(p.id(), p.name(), p.zone(), p.pointValue(), p.tiers(), p.tierPolicy(), p.campaigns(),
        p.earnSplit(), ExpiryPolicy.AfterDayEarned.days(30), p.accounts(), p.parameters(), p.reviewAbovePoints());
  }

  /** An instant of the program's zone. */
  public static Instant at(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(ChannelFixture.ZONE).toInstant();
  }

  /** Runs the scenario on a new fixture and returns it. */
  public static ChannelFixture run() {
    ChannelFixture f = new ChannelFixture(at("2026-06-10T09:00"), program(), new SampleRules());
    record(f, "2026-06-10T10:00", () -> f.engine.record(sale("INV-1", DEALERS.get(0), Optional.of(rep(DEALERS.get(0), 1)),
        at("2026-06-10T10:00"), "CAB-25", "cables", 20, "1000")));
    record(f, "2026-07-05T10:00", () -> f.engine.record(sale("INV-2", DEALERS.get(0), Optional.of(rep(DEALERS.get(0), 1)),
        at("2026-07-05T10:00"), "CAB-25", "cables", 30, "1000")));
    record(f, "2026-07-12T10:00", () -> f.engine.record(sale("INV-3", DEALERS.get(1), Optional.empty(),
        at("2026-07-12T10:00"), "CAB-25", "cables", 10, "1000")));
    record(f, "2026-07-15T00:00", () -> f.engine.closePeriod(at("2026-07-15T00:00")));
    record(f, "2026-07-20T10:00", () -> f.engine.record(saleReturn("RET-1", DEALERS.get(0), at("2026-07-20T10:00"),
        "INV-2", "CAB-25", 15)));
    record(f, "2026-07-25T10:00", () -> f.engine.record(new TrainingCompleted(ActivityHeader.of("TRN-1",
        DEALERS.get(2).value(), rep(DEALERS.get(2), 1).value(), at("2026-07-25T10:00")), "installer-basics")));
    record(f, "2026-07-28T10:00", () -> redeem(f, "R-1", 100));
    f.clock.set(at("2026-08-01T09:00"));
    return f;
  }

  private static void record(ChannelFixture f, String localDateTime, Runnable action) {
    f.clock.set(at(localDateTime).plus(Duration.ofMinutes(1)));
    action.run();
  }

  /** A redemption as the rewards capability books it: a hold from dealer-a's wallet to the clearing account, posted. */
  private static void redeem(ChannelFixture f, String id, long points) {
    AccountId clearing = f.program.accounts().redemptionClearing();
    if (f.ledger.account(clearing).isEmpty()) {
      f.ledger.openAccount(clearing, AccountType.SYSTEM);
    }
    HoldId hold = f.ledger.hold(HoldRequest.of(IdempotencyKey.of("redeem:" + id),
        f.program.accounts().wallet(DEALERS.get(0)), clearing, points, "redemption"));
    f.ledger.postHold(PostHoldRequest.full(IdempotencyKey.of("redeem:" + id + ":post"), hold, "shipped"));
  }
}
