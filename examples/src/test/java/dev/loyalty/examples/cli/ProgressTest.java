package dev.loyalty.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress bar draws on a terminal only, and only when wanted. */
class ProgressTest {

  @Test
  void inATerminalItDrawsTheShareAndTheLines_andEndsItsLine() {
    StringWriter err = new StringWriter();
    Progress bar = new Progress(new PrintWriter(err, true), 1_000, true, true);
    bar.update(250, 12);
    bar.done();
    assertThat(bar.isOn()).isTrue();
    assertThat(err.toString()).startsWith("\r[########......................]  25% 12 lines, ").endsWith("\n");
  }

  @Test
  void outsideATerminalOrWithNoProgressItIsQuiet() {
    for (boolean[] setting : new boolean[][] {{true, false}, {false, true}}) {
      StringWriter err = new StringWriter();
      Progress bar = new Progress(new PrintWriter(err, true), 1_000, setting[0], setting[1]);
      bar.update(500, 10);
      bar.done();
      assertThat(bar.isOn()).isFalse();
      assertThat(err.toString()).isEmpty();
    }
  }
}
