package dev.loyalty.core.spi;

import dev.loyalty.core.rewards.RedemptionId;
import java.util.List;
import java.util.Optional;

/**
 * Pools of codes the host loads in advance (a batch of e-vouchers bought from a vendor), from which
 * redemptions of digital items take theirs. A code is given to one redemption only, ever.
 *
 * <p>Contract ({@code CodePoolStoreContract} in core's test-jar checks it): thread-safe; {@link
 * #claim} is atomic per pool (of threads claiming the last code, exactly one gets it, and no code
 * goes to two redemptions); claiming again for the same redemption returns the same codes, so a
 * redemption interrupted by a crash gets them again. No method accepts or returns null.
 */
public interface CodePoolStore {

  /** A store in memory, for the life of the JVM. */
  static CodePoolStore inMemory() {
    return new InMemoryCodePoolStore();
  }

  /**
   * Adds {@code codes} to {@code pool}, in order, leaving out any the pool was ever given before (so
   * loading the same file twice adds nothing).
   *
   * @param pool  a slug
   * @param codes each not blank, at most 200 characters
   * @return how many were added
   */
  int load(String pool, List<String> codes);

  /**
   * The codes of {@code pool} given to {@code redemption}: those it claimed before, or the next
   * {@code count} codes in load order, or none if fewer are left (then nothing changes).
   *
   * @param count positive
   * @return the codes, in order; empty if the pool has fewer than {@code count} left
   */
  Optional<List<String>> claim(String pool, RedemptionId redemption, int count);

  /**
   * Gives the codes {@code redemption} claimed back to {@code pool}, to be claimed next (for a
   * redemption refused after its codes were claimed: nobody saw them). Nothing changes if it holds
   * none.
   */
  void release(String pool, RedemptionId redemption);

  /** How many codes {@code pool} has left to give; 0 for a pool never loaded. */
  long available(String pool);
}
