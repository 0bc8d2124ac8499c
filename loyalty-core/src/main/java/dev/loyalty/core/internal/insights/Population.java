package dev.loyalty.core.internal.insights;

import dev.loyalty.core.insights.ParticipantFilter;
import dev.loyalty.core.insights.TierMove;
import dev.loyalty.core.model.EnrolmentStatus;
import dev.loyalty.core.model.Member;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.Partner;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.performance.TierStanding;
import dev.loyalty.core.spi.PartnerDirectory;
import dev.loyalty.core.spi.PerformanceStore;
import dev.loyalty.core.spi.TierHistory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The directory and the tier history read once for a report: every participant, its partner,
 * whether it was enrolled by a day, and its tier at the end of a day. Not thread-safe; one per
 * report.
 */
final class Population {
  private final ZoneId zone;
  private final Map<PartnerId, Partner> partners = new LinkedHashMap<>();
  private final Map<MemberId, Member> members = new LinkedHashMap<>();
  private final Map<ParticipantId, List<TierMove>> moves = new HashMap<>();
  /** The standings read so far, of participants with no move: a report asks for each one's tier several times. */
  private final Map<ParticipantId, TierStanding> standings = new HashMap<>();
  private final PerformanceStore performance;

  Population(PartnerDirectory directory, TierHistory history, PerformanceStore performance, ZoneId zone) {
    this.zone = zone;
    this.performance = performance;
    directory.partners().forEach(p -> partners.put(p.id(), p));
    directory.members().forEach(m -> members.put(m.id(), m));
    for (TierMove move : history.moves()) {
      moves.computeIfAbsent(move.participant(), p -> new ArrayList<>()).add(move);
    }
  }

  /** Every partner, by id. */
  Iterable<Partner> partners() {
    return partners.values();
  }

  /** Every member, by id. */
  Iterable<Member> members() {
    return members.values();
  }

  /** Every partner and member: partners first, each by id. */
  List<ParticipantId> participants() {
    List<ParticipantId> all = new ArrayList<>(partners.size() + members.size());
    all.addAll(partners.keySet());
    all.addAll(members.keySet());
    return all;
  }

  /** The partner {@code participant} is or works for, if both are in the directory. */
  Optional<Partner> partnerOf(ParticipantId participant) {
    if (participant instanceof PartnerId p) {
      return Optional.ofNullable(partners.get(p));
    }
    Member m = members.get((MemberId) participant);
    return m == null ? Optional.empty() : Optional.ofNullable(partners.get(m.partner()));
  }

  /** The participant's name in the directory; its id when it left. */
  String nameOf(ParticipantId participant) {
    if (participant instanceof PartnerId p) {
      Partner partner = partners.get(p);
      return partner == null ? p.value() : partner.name();
    }
    Member m = members.get((MemberId) participant);
    return m == null ? participant.value() : m.name();
  }

  /**
   * Whether the participant was enrolled by the end of {@code day}: in the directory, enrolled on or
   * before it, and not terminated (the directory keeps the current status only).
   */
  boolean enrolledBy(ParticipantId participant, LocalDate day) {
    LocalDate enrolledOn;
    EnrolmentStatus status;
    if (participant instanceof PartnerId p) {
      Partner partner = partners.get(p);
      if (partner == null) {
        return false;
      }
      enrolledOn = partner.enrolledOn();
      status = partner.status();
    } else {
      Member m = members.get((MemberId) participant);
      if (m == null || !partners.containsKey(m.partner())) {
        return false;
      }
      enrolledOn = m.enrolledOn();
      status = m.status();
    }
    return !enrolledOn.isAfter(day) && status != EnrolmentStatus.TERMINATED;
  }

  /**
   * The participant's tier at the end of {@code day}: the target of the last move, in the order
   * they were made, that counts from before the next day starts. A participant whose standing
   * predates the tier history (no move recorded) is in its standing's tier from its {@code since}.
   */
  Optional<TierId> tierAt(ParticipantId participant, LocalDate day) {
    return tierBefore(participant, day.plusDays(1).atStartOfDay(zone).toInstant());
  }

  /** The participant's tier just before {@code instant}. */
  Optional<TierId> tierBefore(ParticipantId participant, Instant instant) {
    List<TierMove> own = moves.get(participant);
    if (own == null) {
      TierStanding standing = standings.computeIfAbsent(participant, performance::standing);
      return standing.since().filter(since -> since.isBefore(instant)).flatMap(since -> standing.tier());
    }
    Optional<TierId> tier = Optional.empty();
    for (TierMove move : own) {
      if (move.effectiveAt().isBefore(instant)) {
        tier = move.to();
      }
    }
    return tier;
  }

  /** Whether {@code filter} counts the participant, judged with its tier at the end of {@code day}. */
  boolean counts(ParticipantFilter filter, ParticipantId participant, LocalDate day) {
    Optional<Partner> partner = partnerOf(participant);
    return partner.isPresent() && filter.includes(partner.get(), tierAt(participant, day));
  }
}
