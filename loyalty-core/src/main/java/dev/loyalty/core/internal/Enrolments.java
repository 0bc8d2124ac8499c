package dev.loyalty.core.internal;

import dev.loyalty.core.UnknownPartnerException;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The checks every partner registry makes before it enrols anything, so that a registry never
 * holds a dangling reference and a refused bulk enrolment changes nothing.
 */
public final class Enrolments {
  private Enrolments() {
  }

  /**
   * Refuses a call that names an id twice, or refers to a partner that is neither {@code enrolled}
   * nor among {@code partners}.
   *
   * @throws UnknownPartnerException  naming the first dangling reference
   * @throws IllegalArgumentException naming the first id given twice
   */
  public static void check(Collection<Partner> partners, Collection<Member> members, Predicate<PartnerId> enrolled) {
    Set<PartnerId> coming = new HashSet<>();
    for (Partner p : partners) {
      if (!coming.add(p.id())) {
        throw new IllegalArgumentException("partner " + p.id() + " is enrolled twice in one call");
      }
    }
    Set<MemberId> comingMembers = new HashSet<>();
    for (Member m : members) {
      if (!comingMembers.add(m.id())) {
        throw new IllegalArgumentException("member " + m.id() + " is enrolled twice in one call");
      }
    }
    for (Partner p : partners) {
      p.parent().filter(parent -> !coming.contains(parent) && !enrolled.test(parent)).ifPresent(parent -> {
        throw new UnknownPartnerException("parent " + parent + " of partner " + p.id() + " is not enrolled");
      });
    }
    for (Member m : members) {
      if (!coming.contains(m.partner()) && !enrolled.test(m.partner())) {
        throw new UnknownPartnerException("partner " + m.partner() + " of member " + m.id() + " is not enrolled");
      }
    }
  }
}
