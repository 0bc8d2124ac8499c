package dev.loyalty.rules.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;

/**
 * One run of the Drools compiler over DRL texts, on the executable-model path. Each run has its own
 * release id and leaves nothing in Drools' module repository, so a refused or replaced rule set
 * cannot be picked up later.
 */
final class DroolsBuild {
  private static final AtomicLong SEQUENCE = new AtomicLong();

  /**
   * What a run produced: a knowledge base (with Drools' warnings), or Drools' error messages, or
   * the exception it threw.
   */
  record Result(Optional<KieBase> base, List<Message> errors, Optional<Throwable> crash,
      List<Message> warnings) {
    Result(Optional<KieBase> base, List<Message> errors, Optional<Throwable> crash) {
      this(base, errors, crash, List.of());
    }
  }

  private DroolsBuild() {
  }

  /** Compiles the current text of {@code files} together. */
  static Result build(List<SourceFile> files, ClassLoader loader) {
    return DroolsContext.call(loader, () -> {
      KieServices services = KieServices.Factory.get();
      KieFileSystem kfs = services.newKieFileSystem();
      ReleaseId release = services.newReleaseId("dev.loyalty.rules.generated", "ruleset-"
          + SEQUENCE.incrementAndGet(), "1.0.0");
      kfs.generateAndWritePomXML(release);
      for (SourceFile file : files) {
        kfs.write("src/main/resources/" + file.resourcePath(), file.current.text());
      }
      try {
        KieBuilder builder;
        try {
          builder = services.newKieBuilder(kfs, loader).buildAll(ExecutableModelProject.class);
        } catch (RuntimeException e) {
          // The executable model throws on some bad conditions (a BigDecimal compared with text)
          // instead of reporting them.
          return new Result(Optional.empty(), List.of(), Optional.of(e));
        }
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
          return new Result(Optional.empty(), errors, Optional.empty());
        }
        KieBase base;
        try {
          base = services.newKieContainer(release, loader).getKieBase();
        } catch (RuntimeException | ExceptionInInitializerError e) {
          // The executable model runs the rules' builder code here: a condition of constants (an
          // eval that reads no fact) is evaluated once, and what it throws comes out of this call.
          return new Result(Optional.empty(), List.of(), Optional.of(e));
        }
        return new Result(Optional.of(base), List.of(), Optional.empty(),
            builder.getResults().getMessages(Message.Level.WARNING));
      } finally {
        services.getRepository().removeKieModule(release);
      }
    });
  }
}
