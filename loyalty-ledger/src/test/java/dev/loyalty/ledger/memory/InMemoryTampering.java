package dev.loyalty.ledger.memory;

import dev.loyalty.ledger.spi.ForwardingStore;
import dev.loyalty.ledger.spi.LedgerStore;
import dev.loyalty.ledger.spi.Tampering;

/** Applies a {@link Tampering} to an {@link InMemoryLedgerStore} through its test hooks. */
final class InMemoryTampering {

  private InMemoryTampering() {}

  /** Tampers with {@code store}, or with the in-memory store a {@link ForwardingStore} hands its calls to. */
  static void apply(LedgerStore store, Tampering tampering) {
    InMemoryLedgerStore s = (InMemoryLedgerStore) (store instanceof ForwardingStore f ? f.inner() : store);
    if (tampering instanceof Tampering.EditTransaction t) {
      s.tamperWithTransaction(t.id(), t.change());
    } else if (tampering instanceof Tampering.DeleteTransaction t) {
      s.tamperDeleteTransaction(t.id());
    } else if (tampering instanceof Tampering.DamageTransaction t) {
      s.tamperDamageTransaction(t.id(), "its stored form was damaged");
    } else if (tampering instanceof Tampering.UnlinkReversal t) {
      s.tamperUnlinkReversal(t.reversal());
    } else if (tampering instanceof Tampering.EditAccount t) {
      s.tamperWithAccount(t.id(), t.change());
    } else if (tampering instanceof Tampering.EditHold t) {
      s.tamperWithHold(t.id(), t.change());
    } else if (tampering instanceof Tampering.EditLot t) {
      s.tamperWithLot(t.wallet(), t.id(), t.change());
    } else if (tampering instanceof Tampering.ForgetKey t) {
      s.tamperForgetKey(t.key());
    }
  }
}
