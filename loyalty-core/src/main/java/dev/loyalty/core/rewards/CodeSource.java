package dev.loyalty.core.rewards;

import dev.loyalty.core.model.Names;

/** Where the codes of a digital item (an e-voucher, a gift card) come from when it is fulfilled. */
public sealed interface CodeSource {

  /** The source's name: the pool's or the provider's. */
  String name();

  /**
   * A pool of codes the host loads in advance (a batch bought from a voucher vendor).
   *
   * @param name the pool's name, a slug; never null
   */
  record Pool(String name) implements CodeSource {
    public Pool {
      Names.requireSlug(name, "code pool");
    }
  }

  /**
   * A provider the host's fulfilment port asks for a code at redemption (a gift-card API).
   *
   * @param name the provider's name, a slug; never null
   */
  record Provider(String name) implements CodeSource {
    public Provider {
      Names.requireSlug(name, "code provider");
    }
  }
}
