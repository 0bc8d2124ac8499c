package dev.loyalty.core.access;

import static dev.loyalty.core.access.AccessFixture.BOB;
import static dev.loyalty.core.access.AccessFixture.CARO;
import static dev.loyalty.core.access.AccessFixture.DAN;
import static dev.loyalty.core.access.AccessFixture.EVE;
import static dev.loyalty.core.access.AccessFixture.NORTH_DEALER;
import static dev.loyalty.core.access.AccessFixture.SOUTH_RETAILER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The standard authorizer: permission, then scope, then limit, each refusal with its values. */
class AuthorizerTest {
  private static final Authorizer AUTHORIZER = Authorizer.standard();
  private static final Target NORTH = Target.of("adjustment", "ADJ-1", NORTH_DEALER);
  private static final Target SOUTH = Target.of("adjustment", "ADJ-2", SOUTH_RETAILER);
  private static final Target PROGRAM = Target.of("program", "acme-2026");

  private static Optional<Refusal> check(Actor actor, Permission permission, Target target, long points) {
    return AUTHORIZER.check(actor, permission, target, OptionalLong.of(points));
  }

  @Test
  void anActorWithThePermissionInScopeAndWithinItsLimitIsAllowed() {
    assertThat(check(BOB, Permission.APPROVE_ADJUSTMENT, NORTH, 1)).isEmpty();
    assertThat(check(BOB, Permission.APPROVE_ADJUSTMENT, NORTH, 20_000)).as("exactly the limit").isEmpty();
    assertThat(AUTHORIZER.check(BOB, Permission.APPROVE_ADJUSTMENT, NORTH, OptionalLong.empty()))
        .as("no points, no limit to pass").isEmpty();
    assertThat(check(CARO, Permission.APPROVE_ADJUSTMENT, NORTH, Long.MAX_VALUE)).as("no limit").isEmpty();
    assertThat(check(DAN, Permission.APPROVE_ADJUSTMENT, SOUTH, 5)).isEmpty();
  }

  @Test
  void withoutThePermission_noPermission() {
    assertThat(check(EVE, Permission.APPROVE_ADJUSTMENT, NORTH, 5))
        .contains(new Refusal.NoPermission(EVE.id(), Permission.APPROVE_ADJUSTMENT));
    assertThat(new Refusal.NoPermission(EVE.id(), Permission.APPROVE_ADJUSTMENT).message())
        .isEqualTo("actor eve does not hold permission APPROVE_ADJUSTMENT");
  }

  @Test
  void aboveTheLimit_aboveLimitWithTheLimitAndThePoints() {
    Refusal refusal = check(BOB, Permission.APPROVE_ADJUSTMENT, NORTH, 20_001).orElseThrow();

    assertThat(refusal).isEqualTo(new Refusal.AboveLimit(BOB.id(), Permission.APPROVE_ADJUSTMENT, 20_000, 20_001, NORTH));
    assertThat(refusal.code()).isEqualTo(RefusalCode.ABOVE_LIMIT);
    assertThat(refusal.message())
        .isEqualTo("actor bob may use APPROVE_ADJUSTMENT up to 20000 points, but adjustment:ADJ-1 is for 20001 points");
  }

  @Test
  void outsideTheScope_outOfScopeWithTheScopeAndThePartner() {
    Refusal refusal = check(DAN, Permission.APPROVE_ADJUSTMENT, NORTH, 5).orElseThrow();

    assertThat(refusal).isEqualTo(new Refusal.OutOfScope(DAN.id(), Permission.APPROVE_ADJUSTMENT, DAN.scope(), NORTH));
    assertThat(refusal.message()).isEqualTo("adjustment:ADJ-1 of partner dealer-a (dealer, region north, IN) is outside"
        + " the scope of actor dan for APPROVE_ADJUSTMENT: regions [south]");
  }

  @Test
  void aProgramWideTargetNeedsTheWholeScope() {
    Actor regionalManager = Actor.of(ActorId.of("rm"), Roles.PROGRAM_MANAGER).withScope(Scope.regions("north"));
    Actor manager = Actor.of(ActorId.of("pm"), Roles.PROGRAM_MANAGER);

    assertThat(AUTHORIZER.check(manager, Permission.CHANGE_PROGRAM, PROGRAM, OptionalLong.empty())).isEmpty();
    assertThat(AUTHORIZER.check(regionalManager, Permission.CHANGE_PROGRAM, PROGRAM, OptionalLong.empty()))
        .hasValueSatisfying(r -> {
          assertThat(r.code()).isEqualTo(RefusalCode.OUT_OF_SCOPE);
          assertThat(r.message()).contains("program:acme-2026 (program-wide)", "regions [north]");
        });
  }

  @Test
  void theChecksComeInOrder_permissionThenScopeThenLimit() {
    Actor southWithLimit = DAN.withLimit(Permission.APPROVE_ADJUSTMENT, 10);
    assertThat(check(EVE.withScope(Scope.regions("south")), Permission.APPROVE_ADJUSTMENT, NORTH, 99))
        .map(Refusal::code).contains(RefusalCode.NO_PERMISSION);
    assertThat(check(southWithLimit, Permission.APPROVE_ADJUSTMENT, NORTH, 99)).map(Refusal::code)
        .contains(RefusalCode.OUT_OF_SCOPE);
    assertThat(check(southWithLimit, Permission.APPROVE_ADJUSTMENT, SOUTH, 99)).map(Refusal::code)
        .contains(RefusalCode.ABOVE_LIMIT);
  }

  @Test
  void requireThrowsTheRefusal() {
    assertThatThrownBy(() -> AUTHORIZER.require(BOB, Permission.APPROVE_ADJUSTMENT, NORTH, OptionalLong.of(30_000)))
        .isInstanceOfSatisfying(NotAuthorizedException.class, e -> {
          assertThat(e.code()).isEqualTo(RefusalCode.ABOVE_LIMIT);
          assertThat(e.refusal()).isEqualTo(new Refusal.AboveLimit(BOB.id(), Permission.APPROVE_ADJUSTMENT, 20_000,
              30_000, NORTH));
        })
        .hasMessage("actor bob may use APPROVE_ADJUSTMENT up to 20000 points, but adjustment:ADJ-1 is for 30000 points");
    AUTHORIZER.require(BOB, Permission.APPROVE_ADJUSTMENT, NORTH, OptionalLong.of(20_000));
  }

  @Test
  void negativePointsAreAProgrammingError() {
    assertThatThrownBy(() -> check(BOB, Permission.APPROVE_ADJUSTMENT, NORTH, -1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-1");
  }

  @Test
  void permissionsComeFromRolesAndDirectGrants() {
    Actor both = Actor.of(ActorId.of("x"), Roles.CLAIMANT).withGrants(Permission.MANAGE_FULFILMENT);

    assertThat(both.permissions()).containsExactlyInAnyOrder(Permission.SUBMIT_CLAIM, Permission.MANAGE_FULFILMENT);
    assertThat(AUTHORIZER.check(both, Permission.MANAGE_FULFILMENT, NORTH, OptionalLong.empty())).isEmpty();
    assertThat(AUTHORIZER.check(both, Permission.SUBMIT_CLAIM, NORTH, OptionalLong.of(3))).isEmpty();
    assertThat(AUTHORIZER.check(both, Permission.DECIDE_CLAIM, NORTH, OptionalLong.of(3))).map(Refusal::code)
        .contains(RefusalCode.NO_PERMISSION);
  }

  @Test
  void aScopeCoversAPartnerMatchingEveryRestrictedDimension() {
    PartnerTraits northDealerDe = new PartnerTraits(PartnerId.of("dealer-c"), PartnerType.DEALER, "north", "DE");
    PartnerTraits northRetailer = new PartnerTraits(PartnerId.of("retailer-d"), PartnerType.RETAILER, "north", "IN");
    List<PartnerTraits> partners = List.of(NORTH_DEALER, SOUTH_RETAILER, northDealerDe, northRetailer);

    assertCovers(Scope.ALL, partners, NORTH_DEALER, SOUTH_RETAILER, northDealerDe, northRetailer);
    assertCovers(Scope.regions("north"), partners, NORTH_DEALER, northDealerDe, northRetailer);
    assertCovers(Scope.regions("north", "south"), partners, NORTH_DEALER, SOUTH_RETAILER, northDealerDe,
        northRetailer);
    assertCovers(Scope.countries("DE"), partners, northDealerDe);
    assertCovers(Scope.partnerTypes(PartnerType.RETAILER), partners, SOUTH_RETAILER, northRetailer);
    assertCovers(Scope.regions("north").withPartnerTypes(Set.of(PartnerType.DEALER)), partners, NORTH_DEALER,
        northDealerDe);
    assertCovers(Scope.regions("north").withPartnerTypes(Set.of(PartnerType.DEALER)).withCountries(Set.of("IN")),
        partners, NORTH_DEALER);
    assertCovers(Scope.partners(PartnerId.of("retailer-b"), PartnerId.of("dealer-c")), partners, SOUTH_RETAILER,
        northDealerDe);
    assertCovers(Scope.partners(PartnerId.of("retailer-b")).withRegions(Set.of("north")), partners);
  }

  private static void assertCovers(Scope scope, List<PartnerTraits> partners, PartnerTraits... covered) {
    List<PartnerTraits> expected = List.of(covered);
    for (PartnerTraits p : partners) {
      assertThat(scope.covers(Target.of("claim", "C-1", p))).as("%s covers %s", scope, p)
          .isEqualTo(expected.contains(p));
    }
    assertThat(scope.covers(PROGRAM)).isEqualTo(scope.isAll());
  }
}
