package dev.loyalty.rules.internal;

import dev.loyalty.core.rules.RuleRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.drools.base.rule.EvalCondition;
import org.drools.base.rule.GroupElement;
import org.drools.base.rule.RuleConditionElement;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * The {@link RuleRef} of every rule of a compiled rule set (its {@code @ruleId}, or name, and
 * version) and where each rule is in the author's files, for the messages of a failed evaluation.
 */
final class RuleIndex {
  private final Map<String, RuleRef> refs = new HashMap<>();
  // the same references by the rule objects Drools hands to listeners: looked up on every firing,
  // without building the package-and-name key
  private final Map<Rule, RuleRef> refsByRule = new IdentityHashMap<>();
  private final Map<Rule, String> descriptions = new IdentityHashMap<>();
  private final Map<String, String> byName = new HashMap<>();
  private final Map<String, String> keyByName = new HashMap<>();
  private final String version;
  private final boolean activationGroups;
  private final KieBase base;
  private final Map<String, RuleSite> sites;
  // built on the first failure that needs it: which rules each eval expression belongs to
  private volatile Map<String, List<Rule>> evals;
  // built on the first failure that needs it: which rule each class Drools generated belongs to
  private volatile Map<String, List<Rule>> generated;

  RuleIndex(KieBase base, String version, Map<String, RuleSite> sites) {
    this.version = version;
    this.base = base;
    this.sites = sites;
    boolean groups = false;
    for (KiePackage pkg : base.getKiePackages()) {
      for (Rule rule : pkg.getRules()) {
        refs.put(key(rule), RuleRef.of(idOf(rule), version));
        refsByRule.put(rule, refs.get(key(rule)));
        byName.putIfAbsent(rule.getName(), idOf(rule));
        keyByName.putIfAbsent(rule.getName(), key(rule));
        groups |= rule instanceof RuleImpl impl && impl.getActivationGroup() != null
            && !impl.getActivationGroup().isBlank();
      }
    }
    this.activationGroups = groups;
    refsByRule.forEach((rule, ref) -> descriptions.put(rule, ref.ruleId() + place(key(rule))));
  }

  /** Whether a rule belongs to an {@code activation-group} (decision table: an ACTIVATION-GROUP column). */
  boolean usesActivationGroups() {
    return activationGroups;
  }

  /** The reference of {@code rule}; never null. */
  RuleRef ref(Rule rule) {
    RuleRef known = refsByRule.get(rule);
    if (known != null) {
      return known;
    }
    RuleRef ref = refs.get(key(rule));
    return ref != null ? ref : RuleRef.of(idOf(rule), version);
  }

  /** The rule's id and place, as a failure names it: {@code grow (points.drl:20:1)}; never null. */
  String describe(Rule rule) {
    String known = descriptions.get(rule);
    return known != null ? known : ref(rule).ruleId() + place(key(rule));
  }

  /** {@link #describe(Rule)} of the rule named {@code name} (in any package). */
  String describe(String name) {
    return idOf(name) + Optional.ofNullable(keyByName.get(name)).map(this::place).orElse("");
  }

  /** Where the condition written {@code text} of the rule named {@code name} is, if known. */
  Optional<String> condition(String name, String text) {
    return Optional.ofNullable(keyByName.get(name)).map(sites::get).flatMap(site -> site.condition(text));
  }

  /** Where {@code rule} is, if known. */
  Optional<RuleSite> site(Rule rule) {
    return Optional.ofNullable(sites.get(key(rule)));
  }

  private String place(String key) {
    RuleSite site = sites.get(key);
    return site == null ? "" : " (" + site.where() + ")";
  }

  /**
   * The rules whose {@code eval} Drools names as {@code text} when it fails (the executable model's
   * {@code EvalCondition} wraps the failure as "the expression's text : the cause").
   */
  List<Rule> rulesWithEval(String failure) {
    Map<String, List<Rule>> known = evals;
    if (known == null) {
      known = new HashMap<>();
      for (KiePackage pkg : base.getKiePackages()) {
        for (Rule rule : pkg.getRules()) {
          if (rule instanceof RuleImpl impl) {
            collectEvals(impl.getLhs(), rule, known);
          }
        }
      }
      evals = known;
    }
    for (Map.Entry<String, List<Rule>> e : known.entrySet()) {
      if (failure.startsWith(e.getKey() + " : ")) {
        return e.getValue();
      }
    }
    return List.of();
  }

  /**
   * The rules whose generated code is on {@code failure}'s stack, nearest the failure first: a
   * condition, a {@code from} or an {@code accumulate} that threw without Drools naming it.
   */
  List<Rule> rulesOnStack(Throwable failure) {
    Map<String, List<Rule>> known = generated;
    if (known == null) {
      known = GeneratedCode.byRule(base);
      generated = known;
    }
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (StackTraceElement frame : t.getStackTrace()) {
        List<Rule> rules = known.get(frame.getClassName());
        if (rules != null) {
          return rules;
        }
      }
    }
    return List.of();
  }

  private static void collectEvals(RuleConditionElement element, Rule rule, Map<String, List<Rule>> into) {
    if (element instanceof EvalCondition eval) {
      into.computeIfAbsent(String.valueOf(eval.getEvalExpression()), k -> new ArrayList<>()).add(rule);
    } else if (element instanceof GroupElement group) {
      for (RuleConditionElement child : group.getChildren()) {
        collectEvals(child, rule, into);
      }
    }
  }

  /** The id of the rule named {@code name} (in any package); the name itself if there is none. */
  String idOf(String name) {
    return byName.getOrDefault(name, name);
  }

  /** Every rule id, sorted. */
  List<String> ids() {
    List<String> ids = new ArrayList<>();
    refs.values().forEach(r -> ids.add(r.ruleId()));
    ids.sort(null);
    return ids;
  }

  static String key(Rule rule) {
    return key(rule.getPackageName(), rule.getName());
  }

  /** How a rule is told apart from others of the rule set: its package and name. */
  static String key(String pkg, String name) {
    return pkg + "\u0000" + name;
  }

  private static String idOf(Rule rule) {
    Object id = rule.getMetaData().get("ruleId");
    String value = id == null ? "" : unquote(id.toString());
    return value.isBlank() ? rule.getName() : value;
  }

  /**
   * {@code value} without surrounding quotes: the executable model (without drools-mvel) keeps
   * the quotes of metadata values, and attribute values come with them from the parser.
   */
  static String unquote(String value) {
    if (value == null) {
      return "";
    }
    String v = value.strip();
    if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      return v.substring(1, v.length() - 1);
    }
    return v;
  }
}
