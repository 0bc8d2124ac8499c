package dev.loyalty.core.rewards;

import static dev.loyalty.core.testing.RewardsFixture.DEALER;
import static dev.loyalty.core.testing.RewardsFixture.MUG;
import static dev.loyalty.core.testing.RewardsFixture.WATCH;
import static dev.loyalty.core.testing.RewardsFixture.owner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.access.Actor;
import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.access.Authorizer;
import dev.loyalty.core.access.Permission;
import dev.loyalty.core.access.Roles;
import dev.loyalty.core.access.Scope;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.core.testing.ChannelFixture;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Who may spend an organisation's points: the default rule (owners), a rule of roles, and the
 * access model of {@code dev.loyalty.core.access} (the permission, its limit in points, the scope).
 */
class OrganisationWalletTest {
  private static final Partner SHARMA = Partner.of(PartnerId.of("sharma"), "Sharma Electricals", PartnerType.DEALER,
      "north", "IN", ChannelFixture.INR, LocalDate.of(2026, 1, 1));
  private static final Member ANITA = Member.of(MemberId.of("anita"), SHARMA.id(), "Anita", MemberRole.OWNER,
      Locale.ENGLISH, LocalDate.of(2026, 1, 1));
  private static final Member RAVI = Member.of(MemberId.of("ravi"), SHARMA.id(), "Ravi", MemberRole.SALES_REP,
      Locale.ENGLISH, LocalDate.of(2026, 1, 1));
  private static final Member MEERA = Member.of(MemberId.of("meera"), SHARMA.id(), "Meera", MemberRole.MARKETING,
      Locale.ENGLISH, LocalDate.of(2026, 1, 1));

  @Test
  void byDefaultOwnersMay() {
    RedemptionPermission owners = RedemptionPermission.owners();

    assertThat(owners.refusal(ANITA, SHARMA, 1_000_000)).isEmpty();
    assertThat(owners.refusal(RAVI, SHARMA, 1)).contains("only members in roles owner may redeem from it, and ravi is"
        + " sales-rep");
  }

  @Test
  void aRuleOfRolesNamesThemAll() {
    RedemptionPermission rule = RedemptionPermission.roles(MemberRole.OWNER, MemberRole.MARKETING);

    assertThat(rule.refusal(MEERA, SHARMA, 500)).isEmpty();
    assertThat(rule.refusal(RAVI, SHARMA, 500)).contains("only members in roles marketing, owner may redeem from it,"
        + " and ravi is sales-rep");
    assertThatThrownBy(RedemptionPermission::roles).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theAccessModelDecidesByPermissionLimitAndScope() {
    Map<MemberId, Actor> actors = Map.of(
        ANITA.id(), Actor.of(ActorId.of("anita"), Roles.PARTNER_ADMIN)
            .withLimit(Permission.REDEEM_FROM_ORGANISATION_WALLET, 5_000),
        RAVI.id(), Actor.of(ActorId.of("ravi"), Roles.CLAIMANT),
        MEERA.id(), Actor.of(ActorId.of("meera"), Roles.PARTNER_ADMIN).withScope(Scope.partners(PartnerId.of("other"))));
    RedemptionPermission access = RedemptionPermission.authorized(Authorizer.standard(), m -> actors.get(m.id()));

    assertThat(access.refusal(ANITA, SHARMA, 5_000)).isEmpty();
    assertThat(access.refusal(ANITA, SHARMA, 5_001)).hasValueSatisfying(why -> assertThat(why).contains("anita")
        .contains("5001").contains("5000"));
    assertThat(access.refusal(RAVI, SHARMA, 10)).hasValueSatisfying(why -> assertThat(why).contains("ravi")
        .contains("REDEEM_FROM_ORGANISATION_WALLET"));
    assertThat(access.refusal(MEERA, SHARMA, 10)).hasValueSatisfying(why -> assertThat(why).contains("meera"));
  }

  @Test
  void anEngineAskingTheAccessModelRedeemsWithinTheActorsLimitAndRefusesBeyondIt() {
    dev.loyalty.core.testing.RewardsFixture f = new dev.loyalty.core.testing.RewardsFixture();
    MemberId owner = owner(DEALER);
    RedemptionPermission access = RedemptionPermission.authorized(Authorizer.standard(), m -> Actor.of(
        ActorId.of(m.id().value()), Roles.PARTNER_ADMIN).withLimit(Permission.REDEEM_FROM_ORGANISATION_WALLET, 500));
    dev.loyalty.core.LoyaltyEngine engine = dev.loyalty.core.LoyaltyEngine.builder(f.program,
        new dev.loyalty.core.testing.SampleRules()).ledger(f.ledger).directory(f.directory)
        .rewards(RewardsSetup.builder(f.catalogs).organisationWallet(access).build()).build();
    f.give(DEALER, 5_000);

    Redemption mug = engine.rewards().redeem(RedemptionRequest.fromOrganisation(RedemptionId.of("R-1"), DEALER,
        owner, MUG));

    assertThat(mug.status()).isEqualTo(RedemptionStatus.ORDERED);
    assertThatThrownBy(() -> engine.rewards().redeem(RedemptionRequest.fromOrganisation(RedemptionId.of("R-2"), DEALER,
        owner, WATCH))).isInstanceOf(RedemptionNotPermittedException.class).hasMessageContaining("R-2")
        .hasMessageContaining("1000");
    assertThat(engine.rewards().redemption(RedemptionId.of("R-2"))).isEqualTo(Optional.empty());
    assertThat(engine.balance(DEALER).available()).isEqualTo(4_800);
  }
}
