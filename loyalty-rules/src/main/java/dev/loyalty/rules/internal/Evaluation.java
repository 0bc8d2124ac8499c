package dev.loyalty.rules.internal;

import dev.loyalty.core.activity.Activity;
import dev.loyalty.core.rules.Award;
import dev.loyalty.core.rules.Badge;
import dev.loyalty.core.rules.RiskFlag;
import dev.loyalty.core.rules.RuleDecision;
import dev.loyalty.core.rules.RuleOutcome;
import dev.loyalty.core.rules.RuleRef;
import dev.loyalty.core.rules.TemplatedSentence;
import dev.loyalty.core.rules.TierQualification;
import dev.loyalty.rules.RuleEvaluationException;
import dev.loyalty.rules.facts.BadgeAward;
import dev.loyalty.rules.facts.Missed;
import dev.loyalty.rules.facts.PointsAward;
import dev.loyalty.rules.facts.Qualification;
import dev.loyalty.rules.facts.RiskAlert;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.kie.api.definition.rule.Rule;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.event.rule.ObjectUpdatedEvent;
import org.kie.api.event.rule.RuleRuntimeEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Watches one evaluation: which rule inserted, changed or withdrew which result, which rules fired
 * on which facts, and whether a rule changed an award without telling Drools. Turns the results
 * left at the end into a {@link RuleOutcome}. Belongs to one session on one thread.
 *
 * <p>A reused session keeps its watcher from one evaluation to the next ({@link #restart}), registered
 * once, rather than a new one with its dozen maps and lists registered and removed each time (4%
 * of an evaluation's allocation in the ready-made program's profile); it hears nothing between
 * {@link #close} and the next {@link #restart} (the session's emptying, whose deletions are no
 * rule's).
 */
final class Evaluation extends DefaultAgendaEventListener implements RuleRuntimeEventListener {
  // the expected size of its identity maps: an evaluation of the ready-made program holds about a
  // dozen results and labelled facts; the default (21) gave each map a table of 64 slots
  private static final int SMALL = 10;
  private final RuleIndex index;
  private final String version;
  private Activity activity;
  private final KieSession session;
  private final List<Object> results = new ArrayList<>();
  private final Map<Object, RuleRef> origins = new IdentityHashMap<>(SMALL);
  private final Map<PointsAward, Integer> toldRevision = new IdentityHashMap<>(SMALL);
  private final Map<PointsAward, Integer> explained = new IdentityHashMap<>(SMALL);
  private final List<Object> insertedNow = new ArrayList<>();
  // a list, not an identity set: the explanation lists changes in the order they were made, and an
  // identity set's order would depend on identity hash codes (one outcome, two sentences)
  private final List<PointsAward> updatedNow = new ArrayList<>();
  private final List<Object> deletedNow = new ArrayList<>();
  private final List<RuleDecision> decisions = new ArrayList<>();
  private final Map<String, Integer> firings = new LinkedHashMap<>();
  private final Map<Object, FiredSentence.Label> labels = new IdentityHashMap<>(SMALL);
  // every fact inserted while the evaluation ran, in order: what a reused session deletes after it
  private final List<FactHandle> handles = new ArrayList<>();
  // one of each rule's firings, to describe the busiest rules if the firing limit is reached
  private final Map<String, Rule> firedRules = new LinkedHashMap<>();
  // sentences written as the rules fire rather than when read (to check that both read the same)
  private boolean eagerly = EagerExplanations.active();
  private Rule lastRule;
  private RuleRef lastRef;
  private RuleEvaluationException failure;
  // whether it watches an evaluation now (between its start or restart and close)
  private boolean open = true;
  // the outcome's working sets, kept for the next evaluation like the rest
  private final Set<PointsAward> emitted = Collections.newSetFromMap(new IdentityHashMap<>(SMALL));
  private final Set<Object> live = Collections.newSetFromMap(new IdentityHashMap<>(SMALL));
  // the rule whose consequence is running; read by the time limit's thread when the limit passes
  private volatile Rule running;

  Evaluation(RuleIndex index, String version, Activity activity, KieSession session) {
    this.index = index;
    this.version = version;
    this.activity = activity;
    this.session = session;
  }

  /**
   * Watches the next evaluation, of {@code activity}, in the same session, as a new watcher would:
   * nothing of the last one is kept but the empty maps and lists.
   */
  void restart(Activity activity) {
    this.activity = activity;
    results.clear();
    origins.clear();
    toldRevision.clear();
    explained.clear();
    insertedNow.clear();
    updatedNow.clear();
    deletedNow.clear();
    decisions.clear();
    firings.clear();
    labels.clear();
    handles.clear();
    firedRules.clear();
    emitted.clear();
    live.clear();
    eagerly = EagerExplanations.active();
    failure = null;
    running = null;
    open = true;
  }

  /** Stops watching until {@link #restart}: what the session hears next is none of this evaluation's. */
  void close() {
    open = false;
    running = null;
  }

  private static boolean isResult(Object fact) {
    return fact instanceof PointsAward || fact instanceof BadgeAward || fact instanceof Qualification
        || fact instanceof RiskAlert || fact instanceof Missed;
  }

  @Override
  public void objectInserted(ObjectInsertedEvent event) {
    if (!open) {
      return;
    }
    handles.add(event.getFactHandle());
    Object fact = event.getObject();
    Rule rule = event.getRule();
    if (!isResult(fact) || rule == null) {
      return;
    }
    RuleRef ref = ref(rule);
    if (fact instanceof PointsAward award) {
      Optional<PointsAward> parent = award.getSplitFrom();
      if (parent.isPresent() && origins.containsKey(parent.get())) {
        ref = origins.get(parent.get()); // a share is credited to the rule that made the points
      }
      toldRevision.put(award, award.getRevision());
      explained.put(award, award.getAdjustments().size());
    }
    if (origins.putIfAbsent(fact, ref) == null) {
      results.add(fact);
      insertedNow.add(fact);
    }
  }

  @Override
  public void objectUpdated(ObjectUpdatedEvent event) {
    if (open && event.getObject() instanceof PointsAward award && origins.containsKey(award)) {
      toldRevision.put(award, award.getRevision());
      if (!containsSame(updatedNow, award)) {
        updatedNow.add(award);
      }
    }
  }

  @Override
  public void objectDeleted(ObjectDeletedEvent event) {
    Object fact = event.getOldObject();
    if (open && isResult(fact) && results.removeIf(r -> r == fact) && event.getRule() != null) {
      deletedNow.add(fact);
    }
  }

  /**
   * The rule's reference: looked up once per firing (its insertions and its end ask again for the
   * same rule).
   */
  private RuleRef ref(Rule rule) {
    if (rule != lastRule) {
      lastRef = index.ref(rule);
      lastRule = rule;
    }
    return lastRef;
  }

  @Override
  public void beforeMatchFired(BeforeMatchFiredEvent event) {
    if (!open) {
      return;
    }
    running = event.getMatch().getRule();
    FiringRule.set(ref(running).ruleId());
    insertedNow.clear();
    updatedNow.clear();
    deletedNow.clear();
  }

  @Override
  public void afterMatchFired(AfterMatchFiredEvent event) {
    if (!open) {
      return;
    }
    running = null;
    FiringRule.set(null); // the evaluation removes the thread's entry when it ends
    Rule fired = event.getMatch().getRule();
    RuleRef ref = ref(fired);
    if (firings.merge(ref.ruleId(), 1, Integer::sum) == 1) {
      firedRules.put(ref.ruleId(), fired);
    }
    for (Object result : results) {
      if (!(result instanceof PointsAward award)) {
        continue;
      }
      if (toldRevision.getOrDefault(award, award.getRevision()) != award.getRevision()) {
        fail(fired, "changed the " + FactLabels.of(award) + " without modify or update; write modify($award) { ... } "
            + "(or call update($award) after the change) so that later rules see the new points");
        return;
      }
      for (PointsAward share : award.isSplit() ? award.getShares() : List.<PointsAward>of()) {
        if (!origins.containsKey(share)) {
          fail(fired, "split " + share.getPoints() + " points off the " + FactLabels.of(award) + " but did not insert "
              + "the share; insert the award splitOff or splitPercent returned");
          return;
        }
      }
    }
    List<Missed> missed = new ArrayList<>();
    for (Object fact : insertedNow) {
      if (fact instanceof Missed m) {
        missed.add(m);
      }
    }
    // a rule that only explains another's silence is not itself an applied rule
    if (missed.isEmpty() || missed.size() < insertedNow.size() || !updatedNow.isEmpty() || !deletedNow.isEmpty()) {
      FiredSentence sentence = sentence(event.getMatch().getObjects());
      decisions.add(eagerly ? RuleDecision.fired(ref, sentence.sentence().text())
          : RuleDecision.explainedByTemplate(ref, true, sentence));
    }
    for (Missed m : missed) {
      // a reason given as a template stays unwritten, for the journal to keep as such
      TemplatedSentence unwritten = eagerly ? null : m.unwritten().orElse(null);
      RuleRef missedRef = new RuleRef(m.ruleId(), version);
      decisions.add(unwritten == null ? RuleDecision.notFired(missedRef, m.reason())
          : RuleDecision.explainedByTemplate(missedRef, false, () -> unwritten));
    }
  }

  /** Whether {@code list} holds {@code fact} itself (a firing's few facts: a loop, not a stream per call). */
  private static boolean containsSame(List<?> list, Object fact) {
    for (Object o : list) {
      if (o == fact) {
        return true;
      }
    }
    return false;
  }

  /** What the rule that just fired did and matched, to be written as a sentence when read. */
  private FiredSentence sentence(List<Object> matched) {
    FiredSentence.Builder sentence = new FiredSentence.Builder();
    for (Object fact : insertedNow) {
      if (!(fact instanceof Missed)) {
        sentence.inserted(fact);
      }
    }
    for (PointsAward award : updatedNow) {
      if (containsSame(insertedNow, award)) {
        continue;
      }
      List<PointsAward.Adjustment> adjustments = award.getAdjustments();
      for (int i = explained.getOrDefault(award, 0); i < adjustments.size(); i++) {
        PointsAward.Adjustment a = adjustments.get(i);
        if (a.action() != PointsAward.Adjustment.Action.SPLIT) { // a split is told by the share's insertion
          sentence.changed(award, a);
        }
      }
      explained.put(award, adjustments.size());
    }
    for (Object fact : deletedNow) {
      sentence.withdrew(fact);
    }
    for (Object fact : matched) {
      // a number or truth value a rule computed with from (a rate's points, a due-day check) is a
      // step of the rule, not a fact a partner would recognise
      if (fact != null && !(fact instanceof Number) && !(fact instanceof Boolean)) {
        sentence.matched(FactLabels.stable(fact) ? fact : label(fact));
      }
    }
    return sentence.build();
  }

  /**
   * The label of a matched fact as it is now: the activity's facts and the program's are labelled
   * once per evaluation (most rules match the same few); a result or a collected list, which change
   * while the rules run, every time.
   */
  private FiredSentence.Label label(Object fact) {
    if (isResult(fact) || fact instanceof Collection<?>) {
      return new FiredSentence.Label(FactLabels.of(fact));
    }
    return labels.computeIfAbsent(fact, f -> new FiredSentence.Label(FactLabels.of(f)));
  }

  private void fail(Rule rule, String what) {
    if (failure == null) {
      failure = new RuleEvaluationException("rule " + index.describe(rule) + " of rule set " + version + " " + what
          + " (activity " + activity.kind() + " " + activity.id() + ")");
      session.halt();
    }
  }

  /** The rule whose consequence was running when the evaluation stopped, if one was. */
  Optional<Rule> running() {
    return Optional.ofNullable(running);
  }

  /** Every fact inserted during the evaluation (by the engine or the rules), in insertion order; never null. */
  List<FactHandle> insertedHandles() {
    return handles;
  }

  /** The failure a listener saw, if any. */
  Optional<RuleEvaluationException> failure() {
    return Optional.ofNullable(failure);
  }

  /** How often each rule fired, most first, for the runaway message. */
  String busiestRules() {
    List<Map.Entry<String, Integer>> entries = new ArrayList<>(firings.entrySet());
    entries.sort((a, b) -> Integer.compare(b.getValue(), a.getValue()));
    List<String> top = new ArrayList<>();
    for (Map.Entry<String, Integer> e : entries.subList(0, Math.min(3, entries.size()))) {
      top.add(index.describe(firedRules.get(e.getKey())) + (e.getValue() == 1 ? " once" : " " + e.getValue() + " times"));
    }
    return String.join(", ", top);
  }

  /** The outcome: live results, awards in the order inserted with each share after its award. */
  RuleOutcome outcome() {
    List<Award> awards = new ArrayList<>();
    emitted.clear();
    live.clear();
    live.addAll(results);
    for (Object result : results) {
      if (result instanceof PointsAward award && (award.getSplitFrom().isEmpty()
          || !live.contains(award.getSplitFrom().get()))) {
        emit(award, live, emitted, awards);
      }
    }
    List<TierQualification> qualifications = new ArrayList<>();
    List<Badge> badges = new ArrayList<>();
    List<RiskFlag> flags = new ArrayList<>();
    for (Object result : results) {
      RuleRef ref = origins.get(result);
      if (result instanceof Qualification q) {
        qualifications.add(new TierQualification(q.participant(), q.tier(), ref, q.reason()));
      } else if (result instanceof BadgeAward b) {
        badges.add(new Badge(b.participant(), b.badge(), ref, b.reason()));
      } else if (result instanceof RiskAlert r) {
        flags.add(new RiskFlag(r.severity(), r.code(), ref, r.reason(), r.score()));
      }
    }
    return new RuleOutcome(awards, qualifications, badges, flags, decisions);
  }

  private void emit(PointsAward award, Set<Object> live, Set<PointsAward> emitted, List<Award> awards) {
    if (!emitted.add(award)) {
      return;
    }
    if (live.contains(award) && award.getPoints() > 0) {
      awards.add(new Award(award.getBeneficiary(), award.getPoints(), origins.get(award), award.getFullReason(),
          award.getCampaign()));
    }
    for (PointsAward share : award.getShares()) {
      emit(share, live, emitted, awards);
    }
  }

  String version() {
    return version;
  }
}
