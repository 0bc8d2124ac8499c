package dev.loyalty.core.claims;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.access.ActorId;
import dev.loyalty.core.model.Money;
import dev.loyalty.core.model.PartnerId;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The evidence about one claim that the risk rules judge: what the manufacturer's records say,
 * which other claims name the same invoice or serial numbers, and the partner's recent behaviour
 * against its own history. The engine computes these figures when the claim is submitted (or
 * resubmitted); the rules decide what they mean, with the program's parameters. Immutable.
 *
 * @param claim               never null
 * @param claimant            who submitted it; never null
 * @param revision            1, or more after resubmissions
 * @param invoiceNumber       never null
 * @param invoiceDate         never null
 * @param amount              the claimed total; never null
 * @param records             the check against the manufacturer's records; never null
 * @param duplicateClaims     the same partner's other claims of the same invoice number that still
 *                            claim it (not rejected or expired); never null
 * @param sharedInvoiceClaims other partners' claims with the same invoice fingerprint (number, date,
 *                            currency, total), whatever their status; never null
 * @param serialClaims        other claims of this claim's serial numbers, from the records'
 *                            register of claimed serials; never null
 * @param velocity            the partner's claims in the recent window (this one included) against
 *                            its baseline; never null
 * @param campaignEnds        the campaign whose last days hold the invoice date, with the partner's
 *                            claims in them against its baseline: none or one; never null
 * @param amounts             this claim's amount against the partner's paid claims; never null
 * @param redemptions         the points the partner's (and member's) wallets spent in the recent
 *                            window against their baseline; never null
 * @param drain               how much of what those wallets held their recent redemptions took;
 *                            never null
 * @param sharedIdentities    identifying details of the partner or member that a participant of
 *                            another organisation has too; never null
 * @param identityChanges     the partner's and member's changed details: per participant and kind,
 *                            the latest detail registered when one of the kind was there already, up
 *                            to the claim's submission; oldest first (at one time, the partner's
 *                            before the member's, each in the order of {@link IdentityKind}); never
 *                            null
 */
public record ClaimFacts(ClaimId claim, ActorId claimant, int revision, String invoiceNumber, LocalDate invoiceDate,
    Money amount, RecordCheck records, List<ClaimRef> duplicateClaims, List<ClaimRef> sharedInvoiceClaims,
    List<SerialClaim> serialClaims, RateFigures velocity, List<CampaignEnd> campaignEnds, AmountHistory amounts,
    RateFigures redemptions, BalanceDrain drain, List<SharedIdentity> sharedIdentities,
    List<IdentityChange> identityChanges) {

  public ClaimFacts {
    requireNonNull(claim, "claim");
    requireNonNull(claimant, "claimant");
    if (revision < 1) {
      throw new IllegalArgumentException("revision must be positive, got " + revision);
    }
    requireNonNull(invoiceNumber, "invoiceNumber");
    requireNonNull(invoiceDate, "invoiceDate");
    requireNonNull(amount, "amount");
    requireNonNull(records, "records");
    duplicateClaims = List.copyOf(requireNonNull(duplicateClaims, "duplicateClaims"));
    sharedInvoiceClaims = List.copyOf(requireNonNull(sharedInvoiceClaims, "sharedInvoiceClaims"));
    serialClaims = List.copyOf(requireNonNull(serialClaims, "serialClaims"));
    requireNonNull(velocity, "velocity");
    campaignEnds = List.copyOf(requireNonNull(campaignEnds, "campaignEnds"));
    if (campaignEnds.size() > 1) {
      throw new IllegalArgumentException("a claim falls in the end window of at most one campaign, got "
          + campaignEnds.size());
    }
    requireNonNull(amounts, "amounts");
    requireNonNull(redemptions, "redemptions");
    requireNonNull(drain, "drain");
    sharedIdentities = List.copyOf(requireNonNull(sharedIdentities, "sharedIdentities"));
    identityChanges = List.copyOf(requireNonNull(identityChanges, "identityChanges"));
  }

  /** Whether the manufacturer's records confirm the claim. */
  public boolean recordsMatched() {
    return records.matched();
  }

  /** How many of the same partner's other claims still claim this invoice number. */
  public int duplicateCount() {
    return duplicateClaims.size();
  }

  /** How many other partners claimed an invoice with this fingerprint. */
  public int otherPartnerCount() {
    return (int) sharedInvoiceClaims.stream().map(ClaimRef::partner).distinct().count();
  }

  /** How many other claims named one of this claim's serial numbers. */
  public int serialClaimCount() {
    return (int) serialClaims.stream().map(SerialClaim::claim).distinct().count();
  }

  /** How many claimants other than this claim's named one of its serial numbers. */
  public int otherClaimantCount() {
    return (int) serialClaims.stream().map(SerialClaim::claimant).filter(c -> !c.equals(claimant)).distinct()
        .count();
  }

  /** How many identifying details the partner or member shares with another organisation. */
  public int sharedIdentityCount() {
    return sharedIdentities.size();
  }

  /**
   * How many of them are a tax id or a bank account: where a business is registered and where its
   * money goes, stronger evidence than a contact detail (a phone or e-mail an accountant answers for
   * several dealers, an office two businesses share, a number a carrier reassigned).
   */
  public int sharedAccountCount() {
    return sharedAccounts().size();
  }

  /** How many of them are a contact detail: a phone, an e-mail or a delivery address. */
  public int sharedContactCount() {
    return sharedContacts().size();
  }

  /**
   * Whether a detail of the partner or member that {@linkplain IdentityKind#redirects() redirects}
   * its codes, notices, rewards or payouts changed at most {@code days} days before the claim.
   */
  public boolean changedWithin(long days) {
    return !changesWithin(days).isEmpty();
  }

  /** The changes of details that redirect, at most {@code days} days before the claim, oldest first. */
  public List<IdentityChange> changesWithin(long days) {
    return identityChanges.stream().filter(c -> c.kind().redirects() && c.daysBefore() <= days).toList();
  }

  /** The duplicate claims, for a sentence: "claim C-1 of partner dealer-a by ana (PAID), ...". */
  public String duplicatesText() {
    return join(duplicateClaims);
  }

  /** The other partners' claims of the invoice, for a sentence. */
  public String sharedInvoicesText() {
    return join(sharedInvoiceClaims);
  }

  /** The other partners that claimed the invoice, for a sentence: "dealer-b, dealer-c". */
  public String otherPartnersText() {
    Set<PartnerId> partners = new LinkedHashSet<>();
    sharedInvoiceClaims.forEach(c -> partners.add(c.partner()));
    return partners.stream().map(PartnerId::value).collect(Collectors.joining(", "));
  }

  /**
   * The earlier claims of this claim's serial numbers, for a sentence: "serial SN1 in claim C-1 by
   * bob (partner dealer-b), ...".
   */
  public String serialClaimsText() {
    return serialClaims.stream().map(s -> "serial " + s.serial() + " in claim " + s.claim() + " by " + s.claimant()
        + " (partner " + s.partner() + ")").collect(Collectors.joining(", "));
  }

  /** The shared identifying details, for a sentence. */
  public String sharedIdentitiesText() {
    return join(sharedIdentities);
  }

  /** The shared tax ids and bank accounts, for a sentence. */
  public String sharedAccountsText() {
    return join(sharedAccounts());
  }

  /** The shared phones, e-mails and delivery addresses, for a sentence. */
  public String sharedContactsText() {
    return join(sharedContacts());
  }

  /** The changes {@link #changesWithin(long)} lists, for a sentence: "the email of partner dealer-a, 3 days before". */
  public String changesText(long days) {
    return join(changesWithin(days));
  }

  private List<SharedIdentity> sharedAccounts() {
    return sharedIdentities.stream().filter(s -> !s.kind().isContact()).toList();
  }

  private List<SharedIdentity> sharedContacts() {
    return sharedIdentities.stream().filter(s -> s.kind().isContact()).toList();
  }

  private static String join(List<?> items) {
    return items.stream().map(Object::toString).collect(Collectors.joining(", "));
  }
}
