package dev.loyalty.core.rewards;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How a participant's locale finds an item's name and description. */
class LocalizationTest {
  private static final Locale EN_IN = Locale.forLanguageTag("en-IN");

  private static List<String> chain(String wanted, String defaultTag) {
    return ItemTexts.fallbackChain(Locale.forLanguageTag(wanted), Locale.forLanguageTag(defaultTag)).stream()
        .map(Locale::toLanguageTag).toList();
  }

  @Test
  void theChainDropsFromTheSpecificEnd_thenTriesTheDefault() {
    assertThat(chain("hi-IN", "en-IN")).containsExactly("hi-IN", "hi", "en-IN", "en");
    assertThat(chain("ta", "en-IN")).containsExactly("ta", "en-IN", "en");
    assertThat(chain("en-GB", "en-IN")).containsExactly("en-GB", "en", "en-IN");
    assertThat(chain("en-IN", "en-IN")).containsExactly("en-IN", "en");
  }

  @Test
  void scriptsAndTheJdksSpecialCases() {
    assertThat(chain("zh-Hant-TW", "en")).containsExactly("zh-Hant-TW", "zh-Hant", "zh-TW", "zh", "en");
    // The JDK knows Taiwan writes Traditional Chinese.
    assertThat(chain("zh-TW", "en")).containsExactly("zh-Hant-TW", "zh-Hant", "zh-TW", "zh", "en");
    // ...and that Norwegian Bokmål falls back to Norwegian.
    assertThat(chain("nb-NO", "en")).containsExactly("nb-NO", "no-NO", "nb", "no", "en");
  }

  @Test
  void extensionsAndLocalesWithoutALanguage_fallToTheDefault() {
    assertThat(chain("hi-IN-u-nu-deva", "en-IN")).containsExactly("hi-IN", "hi", "en-IN", "en");
    assertThat(chain("und", "en-IN")).containsExactly("en-IN", "en");
  }

  @Test
  void eachTextFallsBackOnItsOwn() {
    Map<Locale, ItemText> byLocale = new LinkedHashMap<>();
    byLocale.put(EN_IN, ItemText.of("Smartwatch", "Seven days of battery."));
    byLocale.put(Locale.forLanguageTag("hi"), ItemText.of("स्मार्टवॉच"));
    ItemTexts texts = new ItemTexts(byLocale);

    assertThat(texts.resolve(Locale.forLanguageTag("hi-IN"), EN_IN)).contains(new LocalizedText(
        Locale.forLanguageTag("hi"), "स्मार्टवॉच", Optional.of("Seven days of battery.")));
    assertThat(texts.resolve(Locale.JAPANESE, EN_IN))
        .contains(new LocalizedText(EN_IN, "Smartwatch", Optional.of("Seven days of battery.")));
  }

  @Test
  void withoutADescriptionAnywhere_thereIsNone() {
    ItemTexts texts = ItemTexts.of(EN_IN, ItemText.of("Smartwatch"));

    assertThat(texts.resolve(Locale.forLanguageTag("hi"), EN_IN))
        .contains(new LocalizedText(EN_IN, "Smartwatch", Optional.empty()));
  }

  @Test
  void textsMustBeInALanguage() {
    assertThatIllegalArgumentException().isThrownBy(() -> ItemTexts.of(Locale.ROOT, ItemText.of("x")))
        .withMessage("locale 'und' names no language");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ItemTexts.of(Locale.forLanguageTag("en-u-ca-buddhist"), ItemText.of("x")))
        .withMessageContaining("has extensions");
    assertThatIllegalArgumentException().isThrownBy(() -> new ItemTexts(Map.of()))
        .withMessage("an item needs a name in at least one locale");
    // Three-letter ISO 639 codes are fine: Konkani has no two-letter one.
    assertThat(ItemTexts.of(Locale.forLanguageTag("kok-IN"), ItemText.of("x")).byLocale()).hasSize(1);
  }

  @Test
  void textsKeepTheOrderGiven() {
    Map<Locale, ItemText> byLocale = new LinkedHashMap<>();
    for (String tag : List.of("ta", "en-IN", "hi", "bn")) {
      byLocale.put(Locale.forLanguageTag(tag), ItemText.of(tag));
    }

    assertThat(new ItemTexts(byLocale).byLocale().keySet()).extracting(Locale::toLanguageTag)
        .containsExactly("ta", "en-IN", "hi", "bn");
  }
}
