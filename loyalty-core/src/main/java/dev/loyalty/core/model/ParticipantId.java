package dev.loyalty.core.model;

/**
 * Who can earn: an organisation ({@link PartnerId}) or an individual ({@link MemberId}). Awards,
 * wallets, performance figures and tiers are kept per participant.
 */
public sealed interface ParticipantId permits PartnerId, MemberId {

  /** The id as the host knows it; never null or blank. */
  String value();

  /** "partner" or "member": with {@link #value()} it names the participant uniquely. */
  String kind();
}
