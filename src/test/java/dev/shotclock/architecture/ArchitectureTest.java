package dev.shotclock.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of DESIGN.md §6, checked on the compiled main classes. */
class ArchitectureTest {

  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("dev.shotclock");
  }

  @Test
  void only_the_quartz_package_uses_quartz() {
    ArchRule rule = noClasses().that().resideOutsideOfPackage("dev.shotclock.quartz..")
        .should().dependOnClassesThat().resideInAPackage("org.quartz..")
        .because("Quartz is contained in one package (DESIGN.md §6)");
    rule.check(classes);
  }

  @Test
  void admin_and_cli_never_touch_the_store() {
    noClasses().that().resideInAnyPackage("dev.shotclock.admin..", "dev.shotclock.cli..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.shotclock.db..", "java.sql..", "javax.sql..")
        .because("the admin API and the CLI go through the daemon's operations, never SQL")
        .check(classes);
  }

  @Test
  void nothing_reads_the_system_clock_directly() {
    noClasses().should().callMethod(java.time.Instant.class, "now")
        .orShould().callMethod(System.class, "currentTimeMillis")
        .orShould().callMethod(java.time.LocalDateTime.class, "now")
        .orShould().callMethod(java.time.ZonedDateTime.class, "now")
        .orShould().callConstructor(java.util.Date.class)
        .because("time comes from an injected java.time.Clock, so tests can move it")
        .check(classes);
  }

  @Test
  void feature_packages_have_no_dependency_cycles() {
    slices().matching("dev.shotclock.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void the_lower_layers_do_not_depend_on_the_daemon_admin_or_cli() {
    noClasses().that().resideInAnyPackage("dev.shotclock.config..", "dev.shotclock.db..",
            "dev.shotclock.history..", "dev.shotclock.workflow..", "dev.shotclock.quartz..")
        .should().dependOnClassesThat().resideInAnyPackage("dev.shotclock.daemon..",
            "dev.shotclock.admin..", "dev.shotclock.cli..")
        .check(classes);
  }
}
