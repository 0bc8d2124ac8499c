package dev.loyalty.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The whole-program demo (the README's first command, {@code loyalty.jar demo}) tells its story. */
class ProgramDemoTest {

  @Test
  void theDemoWalksThroughAYearOfTheProgram() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new ProgramDemo(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run();
    String out = bytes.toString(StandardCharsets.UTF_8);

    assertThat(out)
        .contains("1. The channel: a manufacturer's 2 distributors, 12 dealers and 30 reps in 3 regions")
        .contains("(rep's 30% share)")                                           // a receipt split with a rep
        .contains("festive-fans@volta-2026): Festive season: 1 extra point per 100 INR of fans")   // the custom DRL
        .contains("Not applied mix-bonus@volta-2026")                            // why not
        .containsPattern("For Gold: [0-9,.]+ INR more sales")                   // progress with its gap
        .contains("4. A rep redeems goods from the catalog")
        .contains("SHIPPED 2027-01-01: shipped by Blue Dart, tracking BD123456789IN")
        .contains("DELIVERED 2027-01-01: delivered")
        .containsPattern("Redemptions: [1-9][0-9,]* paid")                     // reps redeemed at month ends
        .contains("invoice SO-7781 of 2026-12-18, 85,000 INR: paid")                 // an honest claim
        .contains("The manufacturer's records confirm the invoice.")
        .contains("Risk note (duplicate-invoice@volta-2026): Invoice SO-7781 was claimed before by the same partner")
        .contains("reaches the block threshold of 100")                          // caught by fraud scoring
        .contains("By rule:").contains("Liability in INR")
        .contains("7. What if smart switches earned 3x instead of 2x?")
        .containsPattern("product-multiplier +[0-9,]+ +[0-9,]+ +[0-9,]+ +[0-9,]+ +\\+[1-9]")   // B pays more
        .contains("trial balance balanced: true")
        .contains("hash chain intact: true");
  }
}
