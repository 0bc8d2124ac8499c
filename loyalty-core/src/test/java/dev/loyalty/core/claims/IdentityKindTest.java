package dev.loyalty.core.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * How each kind of identifying detail is normalised before it is hashed (formatting must not hide a
 * duplicate, nor a change), and which kinds are contact details and which redirect rewards.
 */
class IdentityKindTest {
  private static final byte[] SALT = "identity kind test salt".getBytes(StandardCharsets.UTF_8);

  @Test
  void eachKindKeepsWhatTellsTwoDetailsApart() {
    assertThat(IdentityKind.PHONE.normalize("+91 98100-12345")).isEqualTo("919810012345");
    assertThat(IdentityKind.TAX_ID.normalize("29abcde 1234f1z5")).isEqualTo("29ABCDE1234F1Z5");
    assertThat(IdentityKind.BANK_ACCOUNT.normalize("in12-hdfc 0000")).isEqualTo("IN12HDFC0000");
    assertThat(IdentityKind.EMAIL.normalize(" Ana.Rao+loyalty@Dealer-A.example ")).isEqualTo(
        "ANA.RAO+LOYALTY@DEALER-A.EXAMPLE");
    assertThat(IdentityKind.DELIVERY_ADDRESS.normalize("Shop 4, M.G. Road, Pune 411001")).isEqualTo(
        "SHOP4MGROADPUNE411001");
  }

  @Test
  void anEmailKeepsItsPunctuation_soTwoAddressesThatDifferByADotAreTwo() {
    assertThat(IdentityHash.of(SALT, IdentityKind.EMAIL, "ana.rao@dealer.example"))
        .isNotEqualTo(IdentityHash.of(SALT, IdentityKind.EMAIL, "anarao@dealer.example"))
        .isEqualTo(IdentityHash.of(SALT, IdentityKind.EMAIL, "ANA.RAO@DEALER.EXAMPLE"));
    assertThat(IdentityHash.of(SALT, IdentityKind.DELIVERY_ADDRESS, "12, MG Road"))
        .isEqualTo(IdentityHash.of(SALT, IdentityKind.DELIVERY_ADDRESS, "12 M.G. ROAD"))
        .isNotEqualTo(IdentityHash.of(SALT, IdentityKind.TAX_ID, "12 M.G. ROAD")); // the kind is hashed too
    assertThatThrownBy(() -> IdentityHash.of(SALT, IdentityKind.EMAIL, " \t "))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the email ' \t ' has nothing left once normalised (the "
            + "digits of a phone, an e-mail without white space, the letters and digits of the others)");
  }

  @Test
  void contactDetailsAreWeakerWhenShared_everyKindButATaxIdRedirectsRewards() {
    assertThat(Arrays.stream(IdentityKind.values()).filter(IdentityKind::isContact)).containsExactly(
        IdentityKind.PHONE, IdentityKind.EMAIL, IdentityKind.DELIVERY_ADDRESS);
    assertThat(Arrays.stream(IdentityKind.values()).filter(k -> !k.redirects())).containsExactly(IdentityKind.TAX_ID);
    assertThat(IdentityKind.DELIVERY_ADDRESS.label()).isEqualTo("delivery-address");
  }
}
