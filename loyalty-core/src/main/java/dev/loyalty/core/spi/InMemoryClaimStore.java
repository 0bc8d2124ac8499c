package dev.loyalty.core.spi;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.claims.Claim;
import dev.loyalty.core.claims.ClaimId;
import dev.loyalty.core.claims.ClaimStatus;
import dev.loyalty.core.model.PartnerId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * {@link ClaimStore#inMemory()}: the claims in insertion order with indexes by invoice, by
 * fingerprint, by partner and submission time, and of the claims waiting for a decision by
 * deadline, all under the instance's monitor. Thread-safe.
 */
final class InMemoryClaimStore implements ClaimStore {

  private record InvoiceKey(PartnerId partner, String invoice) {
  }

  private record Due(Instant deadline, ClaimId id) {
  }

  private static final Comparator<Due> BY_DEADLINE = Comparator.comparing(Due::deadline).thenComparing(Due::id);

  private final List<ClaimId> inOrder = new ArrayList<>();
  private final Map<ClaimId, Integer> positions = new HashMap<>();
  private final Map<ClaimId, Claim> claims = new HashMap<>();
  private final Map<InvoiceKey, Set<ClaimId>> byInvoice = new HashMap<>();
  private final Map<String, Set<ClaimId>> byFingerprint = new HashMap<>();
  private final Map<PartnerId, NavigableMap<Instant, List<ClaimId>>> byPartner = new HashMap<>();
  private final NavigableSet<Due> waiting = new TreeSet<>(BY_DEADLINE);

  @Override
  public synchronized boolean insert(Claim claim) {
    requireNonNull(claim, "claim");
    if (claim.version() != 1) {
      throw new IllegalArgumentException("a new claim is version 1; claim " + claim.id() + " is version "
          + claim.version());
    }
    if (claims.containsKey(claim.id())) {
      return false;
    }
    positions.put(claim.id(), inOrder.size());
    inOrder.add(claim.id());
    claims.put(claim.id(), claim);
    byPartner.computeIfAbsent(claim.partner(), p -> new TreeMap<>())
        .computeIfAbsent(claim.submittedAt(), t -> new ArrayList<>()).add(claim.id());
    index(claim);
    return true;
  }

  @Override
  public synchronized boolean update(Claim claim) {
    requireNonNull(claim, "claim");
    Claim stored = claims.get(claim.id());
    if (stored == null || stored.version() != claim.version() - 1) {
      return false;
    }
    if (!stored.partner().equals(claim.partner()) || !stored.submittedAt().equals(claim.submittedAt())) {
      throw new IllegalArgumentException("claim " + claim.id() + " cannot change its partner or submission time");
    }
    unindex(stored);
    claims.put(claim.id(), claim);
    index(claim);
    return true;
  }

  private void index(Claim claim) {
    byInvoice.computeIfAbsent(new InvoiceKey(claim.partner(), claim.submission().invoiceKey()),
        k -> new LinkedHashSet<>()).add(claim.id());
    byFingerprint.computeIfAbsent(claim.submission().fingerprint(), k -> new LinkedHashSet<>()).add(claim.id());
    if (claim.status().awaitsDecision()) {
      waiting.add(new Due(claim.deadline(), claim.id()));
    }
  }

  private void unindex(Claim claim) {
    byInvoice.get(new InvoiceKey(claim.partner(), claim.submission().invoiceKey())).remove(claim.id());
    byFingerprint.get(claim.submission().fingerprint()).remove(claim.id());
    waiting.remove(new Due(claim.deadline(), claim.id()));
  }

  @Override
  public synchronized Optional<Claim> find(ClaimId id) {
    return Optional.ofNullable(claims.get(requireNonNull(id, "id")));
  }

  @Override
  public synchronized List<Claim> byInvoice(PartnerId partner, String invoiceKey) {
    requireNonNull(partner, "partner");
    requireNonNull(invoiceKey, "invoiceKey");
    return claimsOf(byInvoice.getOrDefault(new InvoiceKey(partner, invoiceKey), Set.of()));
  }

  @Override
  public synchronized List<Claim> byFingerprint(String fingerprint) {
    requireNonNull(fingerprint, "fingerprint");
    return claimsOf(byFingerprint.getOrDefault(fingerprint, Set.of()));
  }

  private List<Claim> claimsOf(Set<ClaimId> ids) {
    List<Claim> found = new ArrayList<>(ids.size());
    ids.forEach(id -> found.add(claims.get(id)));
    return found;
  }

  @Override
  public synchronized List<Claim> ofPartner(PartnerId partner, Instant from, Instant to) {
    requireNonNull(partner, "partner");
    requireNonNull(from, "from");
    requireNonNull(to, "to");
    NavigableMap<Instant, List<ClaimId>> all = byPartner.get(partner);
    if (all == null || !from.isBefore(to)) {
      return List.of();
    }
    List<Claim> found = new ArrayList<>();
    all.subMap(from, true, to, false).values().forEach(ids -> ids.forEach(id -> found.add(claims.get(id))));
    return found;
  }

  @Override
  public synchronized List<Claim> inStatus(ClaimStatus status, Optional<ClaimId> after, int limit) {
    requireNonNull(status, "status");
    requireNonNull(after, "after");
    return InsertionOrder.page(inOrder.size(), i -> claims.get(inOrder.get(i)), positions, after, limit,
        c -> c.status() == status, "claim");
  }

  @Override
  public synchronized List<Claim> dueBy(Instant at, int limit) {
    requireNonNull(at, "at");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive, got " + limit);
    }
    List<Claim> found = new ArrayList<>();
    for (Due due : waiting) {
      if (due.deadline().isAfter(at) || found.size() == limit) {
        break;
      }
      found.add(claims.get(due.id()));
    }
    return found;
  }
}
