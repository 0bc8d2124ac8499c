package dev.loyalty.examples.cli;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.json.ActivityJson;
import dev.loyalty.core.simulation.ActivityGenerator;
import dev.loyalty.core.simulation.Channel;
import dev.loyalty.core.simulation.ChannelGenerator;
import dev.loyalty.core.simulation.ChannelShape;
import dev.loyalty.rules.standard.StandardRules;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code loyalty generate}: a synthetic channel's activities, deterministic for a seed. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generates a channel (1%% distributors, 29%% dealers, 70%% retailers in five regions, five reps per "
        + "distributor and two per dealer, a few large partners and many small) and its activities month by month "
        + "(invoices with a season, returns, trainings, certifications, referrals, sell-through and other reports), "
        + "as JSON Lines in date order. The same arguments give the same files.",
        "Without --out the activities go to standard output. With --out DIR it writes DIR/events.jsonl, "
        + "DIR/channel.jsonl, DIR/program.json (the ready-made program) and DIR/catalog.json (a small reward "
        + "catalog for it), ready for simulate and whatif."})
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--partners", required = true, paramLabel = "N", description = "partners (organisations), 1 to "
      + "1,000,000")
  int partners;

  @Option(names = "--months", defaultValue = "12", paramLabel = "M", description = "months of activity "
      + "(default: ${DEFAULT-VALUE})")
  int months;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "the seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--start", defaultValue = "2026-01", paramLabel = "YYYY-MM", description = "the first month "
      + "(default: ${DEFAULT-VALUE})")
  String start;

  @Option(names = "--per-partner", defaultValue = "200", paramLabel = "N", description = "activities per partner a "
      + "year on average (default: ${DEFAULT-VALUE})")
  int perPartner;

  @Option(names = "--out", paramLabel = "DIR", description = "write events.jsonl, channel.jsonl, program.json and "
      + "catalog.json here")
  Path out;

  @Option(names = "--channel-out", paramLabel = "FILE", description = "also write the channel (JSON Lines) here")
  Path channelOut;

  @Spec
  CommandSpec spec;

  /** A small reward catalog for the ready-made program (the demo's), written next to it. */
  static final String CATALOG = "demo/catalog.json";

  @Override
  public Integer call() throws IOException {
    if (partners < 1 || partners > 1_000_000) {
      throw new InputException("--partners must be 1 to 1000000, got " + partners);
    }
    YearMonth first;
    try {
      first = YearMonth.parse(start);
    } catch (DateTimeParseException e) {
      throw new InputException("--start must be a month, YYYY-MM, got '" + start + "'");
    }
    ActivityGenerator year;
    Channel channel = ChannelGenerator.seeded(seed).generate(ChannelShape.ofPartners(partners));
    try {
      year = ActivityGenerator.of(channel, seed).months(first, months).perPartnerYear(perPartner);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
    if (out == null) {
      PrintWriter stdout = spec.commandLine().getOut();
      writeEvents(year, stdout);
      stdout.flush();
      if (channelOut != null) {
        writeChannel(channel, channelOut);
      }
      return LoyaltyCli.OK;
    }
    Files.createDirectories(out);
    long count;
    try (Writer events = Files.newBufferedWriter(out.resolve("events.jsonl"), StandardCharsets.UTF_8)) {
      count = writeEvents(year, events);
    }
    writeChannel(channel, channelOut != null ? channelOut : out.resolve("channel.jsonl"));
    try (InputStream program = Objects.requireNonNull(StandardRules.class.getClassLoader()
        .getResourceAsStream(Inputs.STANDARD_PROGRAM), Inputs.STANDARD_PROGRAM)) {
      Files.copy(program, out.resolve("program.json"), StandardCopyOption.REPLACE_EXISTING);
    }
    try (InputStream catalog = Objects.requireNonNull(GenerateCommand.class.getClassLoader()
        .getResourceAsStream(CATALOG), CATALOG)) {
      Files.copy(catalog, out.resolve("catalog.json"), StandardCopyOption.REPLACE_EXISTING);
    }
    spec.commandLine().getOut().printf("Wrote %,d activities of %,d partners and %,d reps (%s to %s, seed %d) to %s%n",
        count, channel.partners().size(), channel.members().size(), year.firstMonth(), year.lastMonth(), seed, out);
    return LoyaltyCli.OK;
  }

  private static long writeEvents(ActivityGenerator year, Writer out) {
    long count = 0;
    try {
      for (Activity a : year) {
        out.write(ActivityJson.write(a));
        out.write('\n');
        count++;
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return count;
  }

  private static void writeChannel(Channel channel, Path file) throws IOException {
    try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8))) {
      ChannelFile.write(channel, w);
    }
  }
}
