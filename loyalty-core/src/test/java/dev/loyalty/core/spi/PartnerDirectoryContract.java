package dev.loyalty.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.model.EnrolmentStatus;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.MemberRole;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.PartnerType;
import dev.loyalty.ledger.spi.Together;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What every {@link PartnerRegistry} must do; a host's registry extends it (the in-memory and the
 * PostgreSQL ones do): every field of a partner and a member reads back equal; a dangling reference
 * is refused and changes nothing; a bulk enrolment may come in any order and is all or nothing;
 * concurrent enrolments lose nothing; the listings hold everyone, in any status, by id.
 */
public abstract class PartnerDirectoryContract {
  private static final LocalDate ENROLLED = LocalDate.of(2026, 1, 1);
  private static final Currency INR = Currency.getInstance("INR");

  /** A new, empty registry. */
  protected abstract PartnerRegistry createRegistry();

  private static Partner partner(String id) {
    return Partner.of(PartnerId.of(id), "Partner " + id, PartnerType.DEALER, "north", "IN", INR, ENROLLED);
  }

  private static Member member(String id, String partner) {
    return Member.of(MemberId.of(id), PartnerId.of(partner), "Member " + id, MemberRole.SALES_REP,
        Locale.forLanguageTag("en-IN"), ENROLLED);
  }

  @Test
  void nothingIsFoundInAnEmptyRegistry() {
    PartnerRegistry registry = createRegistry();
    assertThat(registry.partner(PartnerId.of("dealer-a"))).isEmpty();
    assertThat(registry.member(MemberId.of("rep-1"))).isEmpty();
  }

  @Test
  void everyFieldReadsBackEqual() {
    PartnerRegistry registry = createRegistry();
    Partner parent = new Partner(PartnerId.of("dist-north"), "North Distribution Pvt. Ltd. — \"Ünïcode\"",
        PartnerType.DISTRIBUTOR, Optional.empty(), "north", "IN", INR, Set.of(), ENROLLED, EnrolmentStatus.ACTIVE);
    Partner child = new Partner(PartnerId.of("dealer-a"), "Sharma Electricals", PartnerType.of("franchise"),
        Optional.of(parent.id()), "north-east", "NP", Currency.getInstance("NPR"), Set.of("gold-club", "rural"),
        LocalDate.of(2019, 2, 28), EnrolmentStatus.SUSPENDED);
    Member rep = new Member(MemberId.of("ravi"), child.id(), "Ravi Kumar", MemberRole.of("field-engineer"),
        Locale.forLanguageTag("hi-IN"), LocalDate.of(2020, 12, 31), EnrolmentStatus.TERMINATED);
    registry.put(parent).put(child).put(rep);
    assertThat(registry.partner(parent.id())).contains(parent);
    assertThat(registry.partner(child.id())).contains(child);
    assertThat(registry.member(rep.id())).contains(rep);
  }

  @Test
  void theListingsHoldEveryoneInAnyStatusByIdAsTheyStand() {
    PartnerRegistry registry = createRegistry();
    assertThat(registry.partners()).isEmpty();
    assertThat(registry.members()).isEmpty();
    Partner gone = new Partner(PartnerId.of("dealer-c"), "Gone", PartnerType.DEALER, Optional.empty(), "north", "IN",
        INR, Set.of("rural"), ENROLLED, EnrolmentStatus.TERMINATED);
    registry.enrol(List.of(partner("dealer-b"), gone, partner("dealer-a")), List.of(member("rep-2", "dealer-a"),
        member("rep-1", "dealer-b")));
    Partner renamed = new Partner(PartnerId.of("dealer-a"), "Renamed", PartnerType.DEALER, Optional.empty(), "south",
        "IN", INR, Set.of(), ENROLLED, EnrolmentStatus.SUSPENDED);
    registry.put(renamed);
    assertThat(registry.partners()).containsExactly(renamed, partner("dealer-b"), gone);
    assertThat(registry.members()).containsExactly(member("rep-1", "dealer-b"), member("rep-2", "dealer-a"));
  }

  @Test
  void putReplacesAPartnerOrMember() {
    PartnerRegistry registry = createRegistry();
    registry.put(partner("dealer-a")).put(member("rep-1", "dealer-a"));
    Partner suspended = new Partner(PartnerId.of("dealer-a"), "Renamed", PartnerType.DEALER, Optional.empty(), "south",
        "IN", INR, Set.of(), ENROLLED, EnrolmentStatus.SUSPENDED);
    registry.put(suspended);
    registry.put(partner("dealer-b")).put(member("rep-1", "dealer-b"));
    assertThat(registry.partner(PartnerId.of("dealer-a"))).contains(suspended);
    assertThat(registry.member(MemberId.of("rep-1"))).contains(member("rep-1", "dealer-b"));
  }

  @Test
  void aDanglingReferenceIsRefusedAndChangesNothing() {
    PartnerRegistry registry = createRegistry();
    registry.put(partner("dealer-a"));
    assertThatThrownBy(() -> registry.put(partner("dealer-b").withParent(PartnerId.of("nobody"))))
        .isInstanceOf(UnknownPartnerException.class).hasMessageContaining("nobody").hasMessageContaining("dealer-b");
    assertThatThrownBy(() -> registry.put(member("rep-1", "nobody"))).isInstanceOf(UnknownPartnerException.class)
        .hasMessageContaining("nobody").hasMessageContaining("rep-1");
    assertThat(registry.partner(PartnerId.of("dealer-b"))).isEmpty();
    assertThat(registry.member(MemberId.of("rep-1"))).isEmpty();
  }

  @Test
  void aBulkEnrolmentMayComeInAnyOrder() {
    PartnerRegistry registry = createRegistry();
    registry.put(partner("dist-north"));
    List<Partner> partners = new ArrayList<>();
    List<Member> members = new ArrayList<>();
    for (int d = 0; d < 300; d++) {
      // half the dealers hang under a sub-distributor that comes later in the list
      partners.add(partner("dealer-" + d).withParent(PartnerId.of(d % 2 == 0 ? "dist-north" : "sub-dist")));
      members.add(member("rep-" + d, "dealer-" + d));
    }
    partners.add(partner("sub-dist").withParent(PartnerId.of("dist-north")));
    Collections.reverse(members);
    registry.enrol(partners, members);
    for (int d = 0; d < 300; d++) {
      assertThat(registry.partner(PartnerId.of("dealer-" + d))).contains(partners.get(d));
      assertThat(registry.member(MemberId.of("rep-" + d)).map(Member::partner)).contains(PartnerId.of("dealer-" + d));
    }
  }

  @Test
  void aRefusedBulkEnrolmentChangesNothing() {
    PartnerRegistry registry = createRegistry();
    registry.put(partner("dealer-a"));
    List<Partner> partners = List.of(partner("dealer-b"), partner("dealer-c").withParent(PartnerId.of("dealer-z")));
    assertThatThrownBy(() -> registry.enrol(partners, List.of(member("rep-1", "dealer-a"))))
        .isInstanceOf(UnknownPartnerException.class).hasMessageContaining("dealer-z");
    assertThatThrownBy(() -> registry.enrol(List.of(partner("dealer-d"), partner("dealer-d")), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dealer-d");
    assertThatThrownBy(() -> registry.enrol(List.of(), List.of(member("rep-2", "dealer-a"), member("rep-2",
        "dealer-a")))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rep-2");
    for (String id : List.of("dealer-b", "dealer-c", "dealer-d")) {
      assertThat(registry.partner(PartnerId.of(id))).isEmpty();
    }
    assertThat(registry.member(MemberId.of("rep-1"))).isEmpty();
    assertThat(registry.member(MemberId.of("rep-2"))).isEmpty();
  }

  @Test
  void concurrentEnrolmentsLoseNothing() throws Exception {
    PartnerRegistry registry = createRegistry();
    registry.put(partner("dist-north"));
    int threads = 8;
    Together.run(threads, 1, thread -> () -> {
      for (int i = 0; i < 20; i++) {
        String dealer = "dealer-" + thread + "-" + i;
        registry.enrol(List.of(partner(dealer).withParent(PartnerId.of("dist-north"))),
            List.of(member("rep-" + thread + "-" + i, dealer)));
      }
      return null;
    });
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < 20; i++) {
        assertThat(registry.member(MemberId.of("rep-" + t + "-" + i))).isPresent();
        assertThat(registry.partner(PartnerId.of("dealer-" + t + "-" + i)).flatMap(Partner::parent))
            .contains(PartnerId.of("dist-north"));
      }
    }
  }
}
