package dev.loyalty.core.internal.journal;

import static java.util.Objects.requireNonNull;

import dev.loyalty.core.AwardReturn;
import dev.loyalty.core.PostedAward;
import dev.loyalty.core.Receipt;
import dev.loyalty.core.TierChange;
import dev.loyalty.core.model.ActivityId;
import dev.loyalty.core.model.CampaignId;
import dev.loyalty.core.model.ParticipantId;
import dev.loyalty.core.model.TierId;
import dev.loyalty.core.rules.Badge;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleDecision;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.rules.SentenceTemplate;
import dev.loyalty.core.rules.TemplatedSentence;
import dev.loyalty.core.rules.TierQualification;
import dev.loyalty.ledger.TransactionId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Packs a receipt into one byte array and unpacks it into an equal receipt, whose {@link
 * Receipt#explanation()} reads the same. Every part is packed but a return's shortfalls and an
 * activity's review holds: a receipt with either (a few in a thousand) is not packed, and the
 * journal keeps it as it is. A sentence is kept as the number of its shape (its words, shared by
 * every receipt that says the same with other numbers) and its numbers, and rebuilt from them when
 * read; participants, rule references, campaigns, tiers and the codes of badges and risk flags as
 * numbers too. A receipt's figures ({@link ReceiptFigures}: status, time, transaction, awards without
 * their sentences, returns) come first, so that {@link #figures} reads them alone for the reports'
 * scans. A decision whose sentence is not written yet ({@link RuleDecision#unwritten()}) is
 * kept as the number of its template and its values, and comes back unwritten: packing it does not
 * write it. The tables of numbers are shared by every receipt this packer packs, so a receipt
 * packed by one packer must be unpacked by the same one. Thread-safe.
 */
public final class ReceiptPacker {
  private static final int FORMAT = 1;
  private static final Receipt.Status[] STATUSES = Receipt.Status.values();
  private static final RiskFlag.Severity[] SEVERITIES = RiskFlag.Severity.values();
  // a decision's flags
  private static final int FIRED = 1;
  private static final int TEMPLATED = 2;
  // the tags of a templated sentence's values: a number, a participant, or words (from WORDS on,
  // the tags of a sentence counted from WORDS)
  private static final int NUMBER = 0;
  private static final int PARTICIPANT = 1;
  private static final int WORDS = 2;
  private static final ThreadLocal<ByteSink> SINKS = ThreadLocal.withInitial(ByteSink::new);

  /** Participants, rules, campaigns, tiers, codes: as many as the program has, so no real limit. */
  private final ValueTable table = new ValueTable(Integer.MAX_VALUE - 8);
  /**
   * The shapes of sentences (a sentence with its runs of digits taken out): as many as the rules
   * have ways of saying things, unless a rule puts free text in its sentences; past the limit a new
   * shape is written out in full.
   */
  private final SentenceShapes shapes;
  /**
   * The templates of decisions' sentences not written yet: as many as the rule engine has ways of
   * saying things; past the limit such a sentence is written and packed as text.
   */
  private final ValueTable templates;

  /** A packer that keeps up to 65,536 shapes of sentences. */
  public ReceiptPacker() {
    this(65_536);
  }

  /**
   * A packer that keeps up to {@code shapeLimit} shapes of sentences and as many templates: for
   * tests of full tables.
   */
  ReceiptPacker(int shapeLimit) {
    this(shapeLimit, 64);
  }

  /**
   * A packer whose sentences' shapes are found by a hash of {@code hashBits} bits: fewer than 64
   * for tests of sentences whose hashes collide.
   */
  ReceiptPacker(int shapeLimit, int hashBits) {
    this.shapes = new SentenceShapes(shapeLimit, hashBits);
    this.templates = new ValueTable(shapeLimit);
  }

  /** The packed form of {@code receipt}, or empty when it carries parts kept as they are. */
  public Optional<byte[]> pack(Receipt receipt) {
    requireNonNull(receipt, "receipt");
    if (!packable(receipt)) {
      return Optional.empty();
    }
    ByteSink out = SINKS.get();
    out.reset();
    Sentences sentences = new Sentences(shapes);
    out.writeByte(FORMAT);
    out.writeByte(receipt.status().ordinal());
    instant(out, receipt.recordedAt());
    Optional<TransactionId> tx = receipt.transaction();
    out.writeByte(tx.isPresent() ? 1 : 0);
    if (tx.isPresent()) {
      out.writeLong(tx.get().value());
    }
    // the figures first (ReceiptFigures: what figures() reads), the awards' sentences after them
    list(out, receipt.awards(), a -> {
      out.writeCount(table.numberOf(a.beneficiary()));
      out.writeLong(a.requested());
      out.writeLong(a.points());
      out.writeCount(table.numberOf(a.rule()));
      optional(out, a.campaign());
      out.writeByte(a.expiresAt().isPresent() ? 1 : 0);
      a.expiresAt().ifPresent(at -> instant(out, at));
    });
    list(out, receipt.returns(), r -> {
      out.writeCount(r.award());
      out.writeCount(table.numberOf(r.beneficiary()));
      out.writeLong(r.points());
    });
    for (PostedAward a : receipt.awards()) {
      sentences.write(out, a.reason());
      out.writeByte(a.budgetNote().isPresent() ? 1 : 0);
      a.budgetNote().ifPresent(note -> sentences.write(out, note));
    }
    list(out, receipt.decisions(), d -> decision(out, sentences, d));
    list(out, receipt.badges(), b -> granted(out, sentences, b.participant(), b.badge(), b.rule(), b.reason()));
    list(out, receipt.riskFlags(), f -> {
      out.writeByte(f.severity().ordinal());
      out.writeCount(table.numberOf(f.code()));
      out.writeCount(table.numberOf(f.rule()));
      sentences.write(out, f.reason());
      out.writeCount(f.score());
    });
    list(out, receipt.qualifications(), q -> granted(out, sentences, q.participant(), q.tier(), q.rule(),
        q.reason()));
    list(out, receipt.tierChanges(), t -> {
      out.writeCount(table.numberOf(t.participant()));
      optional(out, t.from());
      optional(out, t.to());
      sentences.write(out, t.reason());
    });
    out.writeByte(receipt.refusal().isPresent() ? 1 : 0);
    if (receipt.refusal().isPresent()) {
      sentences.write(out, receipt.refusal().get());
    }
    return Optional.of(out.toArray());
  }

  /** The receipt of {@code activity} that {@link #pack} packed into {@code packed}. */
  public Receipt unpack(ActivityId activity, byte[] packed) {
    requireNonNull(activity, "activity");
    ByteSource in = new ByteSource(requireNonNull(packed, "packed"));
    ReceiptFigures figures = figures(activity, in);
    Sentences sentences = new Sentences(shapes);
    List<PostedAward> awards = new ArrayList<>(figures.awards().size());
    for (ReceiptFigures.Award a : figures.awards()) {
      String reason = sentences.read(in);
      awards.add(a.said(reason, in.readByte() == 1 ? Optional.of(sentences.read(in)) : Optional.empty()));
    }
    List<RuleDecision> decisions = list(in, () -> decision(in, sentences));
    List<Badge> badges = list(in, () -> new Badge(value(in, ParticipantId.class), value(in, String.class),
        value(in, RuleRef.class), sentences.read(in)));
    List<RiskFlag> flags = list(in, () -> new RiskFlag(SEVERITIES[in.readByte()], value(in, String.class),
        value(in, RuleRef.class), sentences.read(in), in.readCount()));
    List<TierQualification> qualifications = list(in, () -> new TierQualification(value(in, ParticipantId.class),
        value(in, TierId.class), value(in, RuleRef.class), sentences.read(in)));
    List<TierChange> changes = list(in, () -> new TierChange(value(in, ParticipantId.class),
        optional(in, TierId.class), optional(in, TierId.class), sentences.read(in)));
    Optional<String> refusal = in.readByte() == 1 ? Optional.of(sentences.read(in)) : Optional.empty();
    if (!in.atEnd()) {
      throw new IllegalStateException("receipt of " + activity + " has bytes after its refusal");
    }
    return new Receipt(activity, figures.status(), figures.recordedAt(), awards, figures.returns(), Map.of(),
        decisions, badges, flags, qualifications, changes, figures.transaction(), List.of(), refusal);
  }

  /**
   * The figures of the receipt of {@code activity} that {@link #pack} packed into {@code packed},
   * read without the rest: no sentence is rebuilt, no decision, badge or flag read. Equal to {@link
   * ReceiptFigures#of} of what {@link #unpack} gives (a packed receipt has no review holds).
   */
  public ReceiptFigures figures(ActivityId activity, byte[] packed) {
    requireNonNull(activity, "activity");
    return figures(activity, new ByteSource(requireNonNull(packed, "packed")));
  }

  /**
   * The status of the receipt of {@code activity} that {@link #pack} packed into {@code packed},
   * read alone: for scans that count activities by their receipt's status and need nothing else.
   */
  public Receipt.Status status(ActivityId activity, byte[] packed) {
    requireNonNull(activity, "activity");
    return status(activity, new ByteSource(requireNonNull(packed, "packed")));
  }

  /** The format (checked) and the status at the start of a packed receipt. */
  private static Receipt.Status status(ActivityId activity, ByteSource in) {
    int format = in.readByte();
    if (format != FORMAT) {
      throw new IllegalStateException("receipt of " + activity + " is packed in format " + format + ", not " + FORMAT);
    }
    return STATUSES[in.readByte()];
  }

  /** The figures at the start of a packed receipt, leaving {@code in} at the first sentence of its awards. */
  private ReceiptFigures figures(ActivityId activity, ByteSource in) {
    Receipt.Status status = status(activity, in);
    Instant recordedAt = instant(in);
    Optional<TransactionId> tx = in.readByte() == 1 ? Optional.of(TransactionId.of(in.readLong())) : Optional.empty();
    // arguments are evaluated left to right, in the order pack wrote them
    List<ReceiptFigures.Award> awards = list(in, () -> new ReceiptFigures.Award(value(in, ParticipantId.class),
        in.readLong(), in.readLong(), value(in, RuleRef.class), optional(in, CampaignId.class),
        in.readByte() == 1 ? Optional.of(instant(in)) : Optional.empty()));
    List<AwardReturn> returns = list(in, () -> new AwardReturn(in.readCount(), value(in, ParticipantId.class),
        in.readLong()));
    return new ReceiptFigures(status, recordedAt, tx, awards, returns, List.of());
  }

  /**
   * Whether {@code receipt} holds nothing but what {@link #pack} packs: shortfalls (whose map's
   * order of iteration a rebuilt map need not keep, and the explanation follows it) and review
   * holds are not.
   */
  private static boolean packable(Receipt receipt) {
    return receipt.shortfalls().isEmpty() && receipt.holds().isEmpty();
  }

  /**
   * A decision: its rule, then whether it fired and whether its sentence is templated in one byte,
   * then its template's number and values, or its sentence.
   */
  private void decision(ByteSink out, Sentences sentences, RuleDecision d) {
    out.writeCount(table.numberOf(d.rule()));
    int fired = d.fired() ? FIRED : 0;
    Optional<TemplatedSentence> unwritten = d.unwritten();
    int template = unwritten.isPresent() ? templates.numberOf(unwritten.get().template()) : ValueTable.FULL;
    if (template == ValueTable.FULL) {
      out.writeByte(fired);
      sentences.write(out, unwritten.isPresent() ? unwritten.get().text() : d.explanation());
      return;
    }
    out.writeByte(fired | TEMPLATED);
    out.writeCount(template);
    List<Object> values = unwritten.get().values();
    out.writeCount(values.size());
    for (Object value : values) {
      if (value instanceof Long number) {
        out.writeCount(NUMBER);
        out.writeLong(number);
      } else if (value instanceof String words) {
        sentences.write(out, words, WORDS);
      } else {
        out.writeCount(PARTICIPANT);
        out.writeCount(table.numberOf(value));
      }
    }
  }

  private RuleDecision decision(ByteSource in, Sentences sentences) {
    RuleRef rule = value(in, RuleRef.class);
    int flags = in.readByte();
    boolean fired = (flags & FIRED) != 0;
    if ((flags & TEMPLATED) == 0) {
      return new RuleDecision(rule, fired, sentences.read(in));
    }
    SentenceTemplate template = templates.value(in.readCount(), SentenceTemplate.class);
    int count = in.readCount();
    List<Object> values = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int tag = in.readCount();
      values.add(switch (tag) {
        case NUMBER -> in.readLong();
        case PARTICIPANT -> value(in, ParticipantId.class);
        default -> sentences.read(in, tag - WORDS);
      });
    }
    TemplatedSentence sentence = new TemplatedSentence(template, values);
    return RuleDecision.explainedByTemplate(rule, fired, () -> sentence);
  }

  /** An optional value of the table: 0 when absent, else its number plus one. */
  private void optional(ByteSink out, Optional<?> value) {
    out.writeCount(value.isPresent() ? table.numberOf(value.get()) + 1 : 0);
  }

  private <T> T value(ByteSource in, Class<T> type) {
    return table.value(in.readCount(), type);
  }

  /** What a rule granted a participant (a badge, a tier qualification), and why. */
  private void granted(ByteSink out, Sentences sentences, ParticipantId participant, Object what, RuleRef rule,
      String reason) {
    out.writeCount(table.numberOf(participant));
    out.writeCount(table.numberOf(what));
    out.writeCount(table.numberOf(rule));
    sentences.write(out, reason);
  }

  /** The count of {@code items}, then each, written by {@code item}. */
  private static <T> void list(ByteSink out, List<T> items, Consumer<T> item) {
    out.writeCount(items.size());
    items.forEach(item);
  }

  /** A count, then that many items, each read by {@code item}. */
  private static <T> List<T> list(ByteSource in, Supplier<T> item) {
    int count = in.readCount();
    List<T> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      items.add(item.get());
    }
    return items;
  }

  private <T> Optional<T> optional(ByteSource in, Class<T> type) {
    int number = in.readCount();
    return number == 0 ? Optional.empty() : Optional.of(table.value(number - 1, type));
  }

  private static void instant(ByteSink out, Instant at) {
    out.writeLong(at.getEpochSecond());
    out.writeCount(at.getNano());
  }

  private static Instant instant(ByteSource in) {
    long seconds = in.readLong();
    return Instant.ofEpochSecond(seconds, in.readCount());
  }

  /**
   * The sentences of one receipt in the order written. A sentence met again in the receipt (a
   * bonus's award and its decision often say the same) is written as its place in that order; a new
   * one as the number of its shape ({@link SentenceShapes}) and its runs of digits (how many digits,
   * leading zeros included, and their value), so "1,250 points for an invoice of 125000.00." costs a
   * few bytes; a sentence without a number for its shape is written out.
   */
  private static final class Sentences {
    private static final int WRITTEN_OUT = 0;
    private static final int SHAPED = 1;
    private static final int EARLIER = 2;

    private final SentenceShapes shapes;
    private final List<String> seen = new ArrayList<>(12);

    Sentences(SentenceShapes shapes) {
      this.shapes = shapes;
    }

    void write(ByteSink out, String sentence) {
      write(out, sentence, 0);
    }

    /**
     * Writes {@code sentence} with its tag counted from {@code base}, so that a caller can give the
     * tags below {@code base} meanings of its own.
     */
    void write(ByteSink out, String sentence, int base) {
      for (int i = 0; i < seen.size(); i++) {
        if (seen.get(i).equals(sentence)) {
          out.writeCount(base + EARLIER + i);
          return;
        }
      }
      seen.add(sentence);
      // the shape's number and the runs of digits, the sentence checked against the shape as they
      // are written
      if (!shapes.write(out, base + SHAPED, sentence)) {
        out.writeCount(base + WRITTEN_OUT);
        out.writeString(sentence);
      }
    }

    String read(ByteSource in) {
      return read(in, in.readCount());
    }

    /** The sentence whose tag, counted from 0, {@code tag} is (read by the caller). */
    String read(ByteSource in, int tag) {
      if (tag >= EARLIER) {
        return seen.get(tag - EARLIER);
      }
      String sentence;
      if (tag == SHAPED) {
        String shape = shapes.shape(in.readCount());
        StringBuilder s = new StringBuilder(shape.length() + 16);
        for (int i = 0; i < shape.length(); i++) {
          char c = shape.charAt(i);
          if (c == SentenceShapes.MARK) {
            int digits = in.readCount();
            String value = Long.toString(in.readLong());
            for (int pad = value.length(); pad < digits; pad++) {
              s.append('0');
            }
            s.append(value);
          } else {
            s.append(c);
          }
        }
        sentence = s.toString();
      } else {
        sentence = in.readString();
      }
      seen.add(sentence);
      return sentence;
    }
  }
}
