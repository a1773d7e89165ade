package io.idflow;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package layout tells the data flow (README, "Development"): local files and the server's
 * snapshot are planned, the plan is applied, the outcome reports it, a goal strings them together
 * and a Mojo adapts a goal. These rules read the compiled classes, so a new import that breaks the
 * flow fails here, not in review.
 */
class PackageLayoutTest {
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.idflow");

  @Test
  void packagesHaveNoCycles() {
    // One slice per package, the root io.idflow.core included: core -> core.plan -> core is a cycle
    // too.
    slices().matching("io.idflow.(**)").should().beFreeOfCycles().check(MAIN);
  }

  @Test
  void theCoreKnowsNothingOfMaven() {
    noClasses()
        .that()
        .resideInAPackage("io.idflow.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.maven..", "org.codehaus.plexus..", "io.idflow.maven..")
        .check(MAIN);
  }

  @Test
  void theDataFlowsOneWay() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "io.idflow.core.model..",
            "io.idflow.core.local..",
            "io.idflow.core.remote..",
            "io.idflow.core.diff..",
            "io.idflow.core.plan..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.idflow.core.apply..",
            "io.idflow.core.outcome..",
            "io.idflow.core.goal..",
            "io.idflow.core.api..")
        .check(MAIN);
    noClasses()
        .that()
        .resideInAnyPackage("io.idflow.core.apply..", "io.idflow.core.outcome..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.idflow.core.goal..", "io.idflow.core.api..")
        .check(MAIN);
    noClasses()
        .that()
        .resideInAPackage("io.idflow.core.goal..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.idflow.core.api..")
        .check(MAIN);
  }
}
