package dev.loyalty.core.access;

import static dev.loyalty.core.access.AccessFixture.NORTH_DEALER;
import static dev.loyalty.core.access.AccessFixture.SOUTH_RETAILER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.spi.InMemoryAuditStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Random streams of submissions, approvals and rejections by random actors against {@link
 * Approvals}, and against a model that is a plain map of requests with the maker-checker rules
 * written out by hand. After every step both agree on the outcome (or the refusal code) and the
 * audit log has grown by exactly one entry for it. At the end: no request was checked by its maker
 * or decided twice, the stored requests equal the model's, the chain verifies, and changing any one
 * entry is found at its position.
 */
class ApprovalsModelTest {

  /** An actor of the stream, and what the model knows of it. */
  private record Person(Actor actor, boolean mayRequest, long requestLimit, boolean mayApprove, long approveLimit,
      Optional<String> region) {
    boolean covers(PartnerTraits partner) {
      return region.map(partner.region()::equals).orElse(true);
    }
  }

  private static final List<Person> PEOPLE = List.of(
      new Person(AccessFixture.ANA, true, 50_000, false, 0, Optional.empty()),
      new Person(AccessFixture.BOB, false, 0, true, 20_000, Optional.empty()),
      new Person(AccessFixture.CARO, false, 0, true, Long.MAX_VALUE, Optional.empty()),
      new Person(AccessFixture.DAN, false, 0, true, Long.MAX_VALUE, Optional.of("south")),
      new Person(AccessFixture.EVE, false, 0, false, 0, Optional.empty()),
      new Person(AccessFixture.ADMIN, true, Long.MAX_VALUE, true, Long.MAX_VALUE, Optional.empty()),
      new Person(Actor.of(ActorId.of("fay"), Roles.ADJUSTER, Roles.APPROVER)
          .withLimit(Permission.APPROVE_ADJUSTMENT, 12_000).withScope(Scope.regions("north")),
          true, Long.MAX_VALUE, true, 12_000, Optional.of("north")));
  private static final List<PartnerTraits> PARTNERS = List.of(NORTH_DEALER, SOUTH_RETAILER);

  private record Submit(int person, int request, long points, int partner) {
  }

  private record Decide(int person, int request, boolean approve) {
  }

  /** The model of one request. */
  private static final class Modelled {
    final Person maker;
    final long points;
    final PartnerTraits partner;
    final List<ActorId> approvers = new ArrayList<>();
    Optional<ActorId> rejecter = Optional.empty();

    Modelled(Person maker, long points, PartnerTraits partner) {
      this.maker = maker;
      this.points = points;
      this.partner = partner;
    }

    int required() {
      return points > 10_000 ? 2 : 1;
    }

    ApprovalStatus status() {
      return rejecter.isPresent() ? ApprovalStatus.REJECTED
          : approvers.size() == required() ? ApprovalStatus.APPROVED : ApprovalStatus.PENDING;
    }
  }

  @Property(tries = 250)
  void approvalsAgreeWithTheModelAndTheLogWithTheSteps(@ForAll("steps") List<Object> steps,
      @ForAll @DoubleRange(min = 0, max = 1, maxIncluded = false) double tamperAt) {
    AccessFixture f = new AccessFixture();
    Map<String, Modelled> model = new HashMap<>();
    Set<String> seen = new HashSet<>();
    int done = 0;

    for (Object step : steps) {
      Optional<RefusalCode> expected;
      Actor actor;
      String action;
      String id;
      Optional<RefusalCode> actual = Optional.empty();
      if (step instanceof Submit s) {
        Person maker = PEOPLE.get(s.person());
        actor = maker.actor();
        id = "R-" + s.request();
        action = "adjustment.submit";
        PartnerTraits partner = PARTNERS.get(s.partner());
        expected = expectedSubmit(model.get(id), maker, s.points(), partner);
        try {
          f.approvals.submit(actor, AccessFixture.adjustment(id, s.points(), partner));
        } catch (AccessRefusedException e) {
          actual = Optional.of(e.code());
        }
        if (expected.isEmpty()) {
          model.put(id, new Modelled(maker, s.points(), partner));
        }
      } else {
        Decide d = (Decide) step;
        Person checker = PEOPLE.get(d.person());
        actor = checker.actor();
        id = "R-" + d.request();
        Modelled request = model.get(id);
        action = (request == null ? "approval." : "adjustment.") + (d.approve() ? "approve" : "reject");
        expected = expectedDecision(request, checker);
        try {
          if (d.approve()) {
            f.approvals.approve(ApprovalId.of(id), actor, "looked at it");
          } else {
            f.approvals.reject(ApprovalId.of(id), actor, "looked at it");
          }
        } catch (AccessRefusedException e) {
          actual = Optional.of(e.code());
        }
        if (expected.isEmpty() && d.approve()) {
          request.approvers.add(actor.id());
        } else if (expected.isEmpty()) {
          request.rejecter = Optional.of(actor.id());
        }
      }
      done++;
      f.clock.advance(Duration.ofSeconds(1));

      assertThat(actual).as("%s", step).isEqualTo(expected);
      seen.add(expected.map(Enum::name).orElse(action));
      List<AuditEntry> entries = f.entries();
      assertThat(entries).as("one entry per step").hasSize(done);
      AuditRecord last = entries.get(done - 1).record();
      assertThat(last.actor()).isEqualTo(actor.id());
      assertThat(last.action()).isEqualTo(action);
      assertThat(last.code()).isEqualTo(expected.map(Enum::name));
      assertThat(last.outcome()).isEqualTo(expected.isEmpty() ? AuditOutcome.ALLOWED : AuditOutcome.REFUSED);
    }

    for (Map.Entry<String, Modelled> e : model.entrySet()) {
      ApprovalRequest stored = f.approvals.find(ApprovalId.of(e.getKey())).orElseThrow();
      Modelled m = e.getValue();
      assertThat(stored.maker()).isEqualTo(m.maker.actor().id());
      assertThat(stored.status()).isEqualTo(m.status());
      assertThat(stored.approvals()).extracting(Check::checker).isEqualTo(m.approvers)
          .doesNotContain(stored.maker());
      assertThat(stored.rejection().map(Check::checker)).isEqualTo(m.rejecter);
      assertThat(stored.rejection().map(Check::checker)).isNotEqualTo(Optional.of(stored.maker()));
    }
    assertThat(f.requests()).hasSize(model.size());
    List<AuditEntry> entries = f.entries();
    for (String id : model.keySet()) {
      List<AuditRecord> decisions = entries.stream().map(AuditEntry::record)
          .filter(r -> r.outcome() == AuditOutcome.ALLOWED && r.target().id().equals(id))
          .filter(r -> "PENDING".equals(r.before().get("status")) && !"PENDING".equals(r.after().get("status")))
          .toList();
      assertThat(decisions).as("request %s decided at most once", id).hasSizeLessThanOrEqualTo(1);
      assertThat(entries).map(AuditEntry::record)
          .filteredOn(r -> r.outcome() == AuditOutcome.ALLOWED && r.target().id().equals(id))
          .allSatisfy(r -> assertThat(r.before().getOrDefault("status", "PENDING")).isEqualTo("PENDING"));
    }
    f.chainIntact();
    coverage(seen, model);

    if (!entries.isEmpty()) {
      long position = 1 + (long) (tamperAt * entries.size());
      ((InMemoryAuditStore) f.auditStore).tamperWith(position, e -> new AuditEntry(e.position(), e.at(),
          new AuditRecord(e.record().actor(), e.record().action(), e.record().target(), e.record().outcome(),
              e.record().code(), e.record().reason() + ".", e.record().before(), e.record().after()), e.hash()));
      AuditVerification v = f.audit.verify();
      assertThat(v.intact()).isFalse();
      assertThat(v.brokenAt()).contains(position);
      assertThat(v.checked()).isEqualTo(position - 1);
    }
  }

  /** The streams reach every refusal and both decisions often enough to mean something. */
  private static void coverage(Set<String> seen, Map<String, Modelled> model) {
    List<String> outcomes = new ArrayList<>(List.of("adjustment.submit", "adjustment.approve", "adjustment.reject"));
    for (RefusalCode code : RefusalCode.values()) {
      if (code != RefusalCode.NOT_THE_MAKER) { // a claim's resubmission, not an approval's refusal
        outcomes.add(code.name());
      }
    }
    for (String outcome : outcomes) {
      Statistics.label(outcome).collect(seen.contains(outcome));
      Statistics.label(outcome).coverage(c -> c.check(true).percentage(p -> p >= 5));
    }
    boolean twoCheckers = model.values().stream()
        .anyMatch(m -> m.required() == 2 && m.status() == ApprovalStatus.APPROVED);
    Statistics.label("approved by two").collect(twoCheckers);
    Statistics.label("approved by two").coverage(c -> c.check(true).percentage(p -> p >= 5));
  }

  private static Optional<RefusalCode> expectedSubmit(Modelled existing, Person maker, long points,
      PartnerTraits partner) {
    if (existing != null) {
      return Optional.of(RefusalCode.DUPLICATE_REQUEST);
    }
    if (!maker.mayRequest()) {
      return Optional.of(RefusalCode.NO_PERMISSION);
    }
    if (!maker.covers(partner)) {
      return Optional.of(RefusalCode.OUT_OF_SCOPE);
    }
    return points > maker.requestLimit() ? Optional.of(RefusalCode.ABOVE_LIMIT) : Optional.empty();
  }

  private static Optional<RefusalCode> expectedDecision(Modelled request, Person checker) {
    if (request == null) {
      return Optional.of(RefusalCode.UNKNOWN_REQUEST);
    }
    if (request.status() != ApprovalStatus.PENDING) {
      return Optional.of(RefusalCode.ALREADY_DECIDED);
    }
    ActorId id = checker.actor().id();
    if (id.equals(request.maker.actor().id())) {
      return Optional.of(RefusalCode.MAKER_CANNOT_CHECK);
    }
    if (request.approvers.contains(id)) {
      return Optional.of(RefusalCode.ALREADY_CHECKED);
    }
    if (!checker.mayApprove()) {
      return Optional.of(RefusalCode.NO_PERMISSION);
    }
    if (!checker.covers(request.partner)) {
      return Optional.of(RefusalCode.OUT_OF_SCOPE);
    }
    return request.points > checker.approveLimit() ? Optional.of(RefusalCode.ABOVE_LIMIT) : Optional.empty();
  }

  @Provide
  Arbitrary<List<Object>> steps() {
    // Mostly people who may do the step, so that streams get past the first refusals.
    Arbitrary<Integer> anyone = Arbitraries.integers().between(0, PEOPLE.size() - 1);
    Arbitrary<Integer> maker = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(0, 5, 6)), Tuple.of(1, anyone));
    Arbitrary<Integer> checker = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(1, 1, 2, 3, 5, 6, 6)),
        Tuple.of(1, anyone));
    Arbitrary<Integer> request = Arbitraries.integers().between(0, 3);
    Arbitrary<Long> points = Arbitraries.frequencyOf(
        Tuple.of(3, Arbitraries.longs().between(1, 10_000)),
        Tuple.of(3, Arbitraries.longs().between(10_001, 20_000)),
        Tuple.of(2, Arbitraries.longs().between(20_001, 60_000)),
        Tuple.of(1, Arbitraries.of(10_000L, 10_001L, 12_000L, 12_001L, 20_000L, 20_001L, 50_000L, 50_001L)));
    Arbitrary<Object> submit = Combinators.combine(maker, request, points, Arbitraries.integers().between(0, 1))
        .as(Submit::new);
    Arbitrary<Object> decide = Combinators.combine(checker, request, Arbitraries.of(true, true, false))
        .as(Decide::new);
    // A few submissions first, so that most decisions find a request.
    return Combinators.combine(submit.list().ofMinSize(1).ofMaxSize(4),
        Arbitraries.frequencyOf(Tuple.of(1, submit), Tuple.of(3, decide)).list().ofMinSize(4).ofMaxSize(70))
        .as((first, then) -> {
          List<Object> all = new ArrayList<>(first);
          all.addAll(then);
          return all;
        });
  }

}
