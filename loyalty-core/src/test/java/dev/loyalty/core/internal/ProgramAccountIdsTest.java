package dev.loyalty.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.MemberId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.PartnerId;
import dev.loyalty.core.program.ProgramAccounts;
import dev.loyalty.ledger.AccountId;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The account ids made once answer, call after call and in any order, exactly what {@link
 * ProgramAccounts} builds: a partner and a member of the same id have different wallets, every
 * wallet's owner is its participant, and accounts that are not wallets (or look like one of
 * another kind) have none.
 */
class ProgramAccountIdsTest {
  private static final ProgramAccounts ACCOUNTS = ProgramAccounts.standard("acme");

  @Provide
  Arbitrary<List<Object>> asks() {
    Arbitrary<String> ids = Arbitraries.of("a", "b", "dealer-1", "dealer-1-rep-2");
    Arbitrary<Object> participant = ids.flatMap(id -> Arbitraries.of(PartnerId.of(id), MemberId.of(id)));
    Arbitrary<Object> campaign = ids.map(CampaignId::of);
    Arbitrary<Object> account = Arbitraries.oneOf(ids.map(id -> AccountId.of("acme:wallet:partner:" + id)),
        ids.map(id -> AccountId.of("acme:wallet:member:" + id)), ids.map(id -> AccountId.of("acme:wallet:other:" + id)),
        ids.map(id -> AccountId.of("other:wallet:partner:" + id)), ids.map(id -> AccountId.of("acme:budget:" + id)),
        Arbitraries.of(ACCOUNTS.issuance(), ACCOUNTS.breakage()));
    return Arbitraries.oneOf(participant, campaign, account).list().ofMaxSize(60);
  }

  @Property(tries = 300)
  void everyAnswerIsWhatTheProgramsAccountsBuild(@ForAll("asks") List<Object> asks) {
    ProgramAccountIds ids = new ProgramAccountIds(ACCOUNTS);
    for (Object ask : asks) {
      if (ask instanceof ParticipantId p) {
        AccountId wallet = ids.wallet(p);
        assertThat(wallet).isEqualTo(ACCOUNTS.wallet(p));
        assertThat(ids.walletOwner(wallet)).contains(p);
        assertThat(ids.isWallet(wallet)).isTrue();
      } else if (ask instanceof CampaignId c) {
        assertThat(ids.budget(c)).isEqualTo(ACCOUNTS.budget(c));
        assertThat(ids.isWallet(ids.budget(c))).isFalse();
      } else {
        AccountId account = (AccountId) ask;
        assertThat(ids.walletOwner(account)).isEqualTo(ACCOUNTS.walletOwner(account));
        assertThat(ids.isWallet(account)).isEqualTo(ACCOUNTS.isWallet(account));
      }
    }
    assertThat(ids.issuance()).isEqualTo(ACCOUNTS.issuance());
  }
}
