package dev.loyalty.rules.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;

/**
 * Which rule each class the executable model generated belongs to. A condition, a {@code from} or
 * an {@code accumulate} that throws during an evaluation often comes out of Drools bare, with only
 * the generated classes of its lambdas on the stack ({@code rules.P2E.LambdaPredicate2E4A...}); this
 * map leads from such a frame back to the rule, so that the failure names it.
 *
 * <p>Found by walking each rule's conditions as Drools holds them (fields read by reflection, a few
 * levels deep) for objects of classes in the rule's package, which is where the executable model
 * puts the code it generates. Only done when a failure needs it; a rule it cannot walk is left out
 * and the failure is reported without it.
 */
final class GeneratedCode {
  private static final int MAX_DEPTH = 8;

  private GeneratedCode() {
  }

  /** Generated class name to the rules its instances serve (usually one). */
  static Map<String, List<Rule>> byRule(KieBase base) {
    Map<String, List<Rule>> byClass = new HashMap<>();
    for (KiePackage pkg : base.getKiePackages()) {
      for (Rule rule : pkg.getRules()) {
        if (rule instanceof RuleImpl impl) {
          Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
          walk(impl.getLhs(), rule.getPackageName() + ".", rule, byClass, seen, 0);
        }
      }
    }
    return Map.copyOf(byClass);
  }

  private static void walk(Object node, String pkg, Rule rule, Map<String, List<Rule>> into, Set<Object> seen,
      int depth) {
    if (node == null || depth > MAX_DEPTH || !seen.add(node) || node instanceof RuleImpl || node instanceof KieBase) {
      return;
    }
    Class<?> type = node.getClass();
    if (type.getName().startsWith(pkg)) {
      List<Rule> rules = into.computeIfAbsent(type.getName(), k -> new ArrayList<>());
      if (!rules.contains(rule)) {
        rules.add(rule);
      }
    }
    if (node instanceof Collection<?> c) {
      for (Object o : c) {
        walk(o, pkg, rule, into, seen, depth + 1);
      }
      return;
    }
    if (node instanceof Object[] array) {
      for (Object o : array) {
        walk(o, pkg, rule, into, seen, depth + 1);
      }
      return;
    }
    String name = type.getName();
    if (name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.") || type.isPrimitive()
        || type.isArray()) {
      return;
    }
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
          continue;
        }
        try {
          field.setAccessible(true);
          walk(field.get(node), pkg, rule, into, seen, depth + 1);
        } catch (RuntimeException | IllegalAccessException e) {
          // a field this module may not read: that part of the rule stays unmapped
        }
      }
    }
  }
}
