package dev.loyalty.core.claims;

import static dev.loyalty.core.testing.ClaimsFixture.ANA;
import static dev.loyalty.core.testing.ClaimsFixture.DEALER;
import static dev.loyalty.core.testing.ClaimsFixture.REP;
import static dev.loyalty.core.testing.ClaimsFixture.claim;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.rules.RuleEngine;
import dev.loyalty.core.rules.RuleFacts;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.testing.ClaimTestRules;
import dev.loyalty.core.testing.ClaimsFixture;
import dev.loyalty.ledger.AccountId;
import dev.loyalty.ledger.AccountType;
import dev.loyalty.ledger.HoldId;
import dev.loyalty.ledger.HoldRequest;
import dev.loyalty.ledger.IdempotencyKey;
import dev.loyalty.ledger.PostHoldRequest;
import dev.loyalty.ledger.VoidHoldRequest;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The evidence of a takeover in a claim's facts against a simple model, over random streams of a
 * dealer's claims (some of sales made days before, whose points are dated before what happened
 * since), redemptions paid at once, redemptions reserved and later paid or released, registrations
 * of the dealer's and its rep's details (new ones and ones they had), and time passing:
 * <ul>
 *   <li>the drain is what the last 7 days' paid redemptions and the reservations now took, and what
 *       was left is the balance right after the last of them in the order things were written (or,
 *       with reservations, the balance now less them), whatever credits were dated before it later;
 *   <li>the changes are, per participant and kind, the latest detail registered after another of the
 *       kind, at its time, oldest first; a detail registered again is nothing new; another
 *       participant's changes are not the claim's.
 * </ul>
 */
@PropertyDefaults(tries = 60)
class TakeoverEvidencePropertiesTest {
  private static final int WINDOW_DAYS = 7;
  private static final List<IdentityKind> KINDS = List.of(IdentityKind.values());

  sealed interface Op permits Earn, Redeem, Reserve, Settle, Register, Advance, Probe {
  }

  /** A paid claim of {@code units} cables for a sale made {@code daysBack} days ago. */
  record Earn(int units, int daysBack) implements Op {
  }

  /** A redemption of {@code percent}% of the available points, paid at once. */
  record Redeem(int percent) implements Op {
  }

  /** A redemption of {@code percent}% of the available points, reserved (an order not shipped yet). */
  record Reserve(int percent) implements Op {
  }

  /** The oldest reservation paid ({@code pay}) or released. */
  record Settle(boolean pay) implements Op {
  }

  /** The dealer's ({@code rep} false) or its rep's detail of kind {@code kind}, value {@code value}. */
  record Register(boolean rep, int kind, int value) implements Op {
  }

  record Advance(int hours) implements Op {
  }

  /** A claim whose facts are checked, with the rep as its member or not. */
  record Probe(boolean withRep) implements Op {
  }

  @Provide
  Arbitrary<List<Op>> streams() {
    Arbitrary<Op> earn = Combinators.combine(Arbitraries.integers().between(1, 20), Arbitraries.frequency(
        Tuple.of(3, 0), Tuple.of(2, 1), Tuple.of(2, 3), Tuple.of(1, 9))).as(Earn::new);
    Arbitrary<Op> redeem = Arbitraries.integers().between(10, 100).map(Redeem::new);
    Arbitrary<Op> reserve = Arbitraries.integers().between(10, 100).map(Reserve::new);
    Arbitrary<Op> settle = Arbitraries.of(true, false).map(Settle::new);
    Arbitrary<Op> register = Combinators.combine(Arbitraries.of(false, false, true),
        Arbitraries.integers().between(0, KINDS.size() - 1), Arbitraries.integers().between(0, 2)).as(Register::new);
    Arbitrary<Op> advance = Arbitraries.frequency(Tuple.of(4, 6), Tuple.of(3, 30), Tuple.of(1, 24 * 5))
        .map(Advance::new);
    Arbitrary<Op> probe = Arbitraries.of(true, false).map(Probe::new);
    return Arbitraries.frequencyOf(Tuple.of(5, earn), Tuple.of(3, redeem), Tuple.of(1, reserve), Tuple.of(1, settle),
        Tuple.of(3, register), Tuple.of(4, advance), Tuple.of(4, probe)).list().ofMinSize(20).ofMaxSize(70);
  }

  /** The rules of the fixture, remembering the facts of the last claim. */
  private static final class Seeing implements RuleEngine {
    private final RuleEngine rules = new ClaimTestRules();
    private ClaimFacts last;

    @Override
    public RuleOutcome evaluate(RuleFacts facts) {
      facts.claim().ifPresent(c -> last = c);
      return rules.evaluate(facts);
    }
  }

  /** What the model remembers of the dealer's wallet, in the order it was written. */
  private record Written(Instant at, long amount, boolean spent) {
  }

  /** A detail registered, as the model keeps it: its kind, value and first time. */
  private record Detail(IdentityKind kind, String value, Instant at) {
  }

  @Property
  void theDrainAndTheChangesAreWhatTheModelSays(@ForAll("streams") List<Op> ops) {
    Seeing rules = new Seeing();
    ClaimsFixture f = new ClaimsFixture(ClaimsFixture.T0, ClaimsFixture.defaultProgram(), rules);
    AccountId wallet = f.program.accounts().wallet(DEALER);
    AccountId clearing = AccountId.of("acme:system:redemptions");
    f.ledger.openAccount(clearing, AccountType.SYSTEM);
    List<Written> written = new ArrayList<>();
    List<HoldId> reserved = new ArrayList<>();
    Map<ParticipantId, Map<String, Detail>> details = new LinkedHashMap<>();
    details.put(DEALER, new LinkedHashMap<>());
    details.put(REP, new LinkedHashMap<>());
    int claims = 0;
    int keys = 0;
    for (Op op : ops) {
      long before = f.ledger.account(wallet).isPresent() ? f.engine.balance(DEALER).posted() : 0;
      if (op instanceof Earn e) {
        LocalDate sold = today(f).minusDays(e.daysBack());
        f.engine.submitClaim(ANA, claim("E-" + ++claims, "E-" + claims, sold, e.units()));
      } else if (op instanceof Redeem r) {
        long points = available(f) * r.percent() / 100;
        if (points > 0) {
          String key = "R-" + ++keys;
          HoldId hold = f.ledger.hold(HoldRequest.of(IdempotencyKey.of(key), wallet, clearing, points, "redemption"));
          f.ledger.postHold(PostHoldRequest.full(IdempotencyKey.of(key + ":post"), hold, "shipped"));
        }
      } else if (op instanceof Reserve r) {
        long points = available(f) * r.percent() / 100;
        if (points > 0) {
          reserved.add(f.ledger.hold(HoldRequest.of(IdempotencyKey.of("H-" + ++keys), wallet, clearing, points,
              "redemption")));
        }
      } else if (op instanceof Settle s) {
        if (!reserved.isEmpty()) {
          HoldId hold = reserved.remove(0);
          if (s.pay()) {
            f.ledger.postHold(PostHoldRequest.full(IdempotencyKey.of("S-" + ++keys), hold, "shipped"));
          } else {
            f.ledger.voidHold(VoidHoldRequest.of(IdempotencyKey.of("S-" + ++keys), hold, "cancelled"));
          }
        }
      } else if (op instanceof Register r) {
        ParticipantId who = r.rep() ? REP : DEALER;
        IdentityKind kind = KINDS.get(r.kind());
        String value = value(kind, who, r.value());
        f.engine.registerIdentity(who, kind, value);
        details.get(who).putIfAbsent(kind + "|" + kind.normalize(value), new Detail(kind, value, f.clock.instant()));
      } else if (op instanceof Advance a) {
        f.clock.advance(Duration.ofHours(a.hours()));
      } else if (op instanceof Probe p) {
        ClaimSubmission probe = claim("P-" + ++claims, "P-" + claims, today(f), 1);
        f.engine.submitClaim(ANA, p.withRep() ? probe.withMember(REP) : probe);
        Instant now = f.clock.instant();
        ClaimFacts facts = rules.last;
        assertThat(facts.drain()).as("drain after %s", written).isEqualTo(drain(written, pending(f), now));
        assertThat(facts.identityChanges()).isEqualTo(changes(details, p.withRep(), now));
        Statistics.label("drain").collect(facts.drain().spent() == 0 ? "none" : facts.drain().share()
            .compareTo(new BigDecimal("0.8")) >= 0 ? "80% or more" : "some");
        Statistics.label("changes").collect(facts.identityChanges().isEmpty() ? "none" : "some");
      }
      long after = f.ledger.account(wallet).isPresent() ? f.engine.balance(DEALER).posted() : 0;
      if (after != before) {
        boolean spent = op instanceof Redeem || op instanceof Settle s && s.pay();
        written.add(new Written(f.clock.instant(), after - before, spent));
      }
    }
  }

  private static LocalDate today(ClaimsFixture f) {
    return LocalDateTime.ofInstant(f.clock.instant(), f.program.zone()).toLocalDate();
  }

  private static long available(ClaimsFixture f) {
    return f.ledger.account(f.program.accounts().wallet(DEALER)).isPresent() ? f.engine.balance(DEALER).available() : 0;
  }

  private static long pending(ClaimsFixture f) {
    return f.ledger.account(f.program.accounts().wallet(DEALER)).isPresent()
        ? f.engine.balance(DEALER).pendingDebits() : 0;
  }

  /** A value of {@code kind} for {@code who}: {@code n} tells three apart; the rep's are its own. */
  private static String value(IdentityKind kind, ParticipantId who, int n) {
    int owner = who.equals(REP) ? 7 : 3;
    return switch (kind) {
      case PHONE -> "+91 98100 0" + owner + "00" + n;
      case EMAIL -> "user" + owner + "." + n + "@dealer-a.example";
      case TAX_ID, BANK_ACCOUNT, DELIVERY_ADDRESS -> kind.name() + " " + owner + "-" + n;
    };
  }

  /** The model's drain: written in order, the window by the time of writing. */
  private static BalanceDrain drain(List<Written> written, long pending, Instant now) {
    Instant windowStart = now.minus(Duration.ofDays(WINDOW_DAYS));
    long balance = 0;
    long spent = 0;
    long left = 0;
    for (Written w : written) {
      balance += w.amount();
      if (w.spent() && !w.at().isBefore(windowStart)) {
        spent -= w.amount();
        left = balance;
      }
    }
    if (pending > 0) {
      spent += pending;
      left = balance - pending;
    }
    return spent == 0 ? BalanceDrain.of(WINDOW_DAYS, 0, 0) : BalanceDrain.of(WINDOW_DAYS, spent, Math.max(0, left));
  }

  /** The model's changes: per participant and kind, the latest detail after the first; oldest first. */
  private static List<IdentityChange> changes(Map<ParticipantId, Map<String, Detail>> details, boolean withRep,
      Instant now) {
    List<IdentityChange> changes = new ArrayList<>();
    for (ParticipantId who : withRep ? List.of(DEALER, REP) : List.of(DEALER)) {
      Map<IdentityKind, List<Detail>> byKind = new EnumMap<>(IdentityKind.class);
      details.get(who).values().forEach(d -> byKind.computeIfAbsent(d.kind(), k -> new ArrayList<>()).add(d));
      byKind.forEach((kind, list) -> {
        if (list.size() > 1) {
          Detail latest = list.get(list.size() - 1);
          changes.add(new IdentityChange(kind, who, latest.at(), Duration.between(latest.at(), now).toDays()));
        }
      });
    }
    changes.sort(Comparator.comparing(IdentityChange::changedAt));
    return changes;
  }
}
