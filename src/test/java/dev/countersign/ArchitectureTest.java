package dev.countersign;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import com.tngtech.archunit.core.domain.JavaClass;

/**
 * Keeps the structure honest: the approval core stays framework-free, and the top-level packages stay modules
 * that only meet through each other's top package.
 */
class ArchitectureTest {

    /** Exactly the domain package: its sub-packages (persistence, wiring) are adapters and may use frameworks. */
    private static final String DOMAIN = "dev.countersign.approval";

    private static final JavaClasses MAIN_CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.countersign");

    @Test
    void domainDependsOnlyOnTheJdkAndItself() {
        // given
        ArchRule rule = onlyJdkAndOwnPackage(DOMAIN);

        // when / then
        rule.check(MAIN_CLASSES);
    }

    @Test
    void domainUsesNoSpringJdbcJacksonOrSlackClass() {
        // given: java.. is allowed above, so the JDBC part of the JDK needs its own rule
        ArchRule rule = noFrameworks(DOMAIN);

        // when / then
        rule.check(MAIN_CLASSES);
    }

    @Test
    void domainRulesReportAnAdapterThatUsesFrameworks() {
        // given: the persistence adapter uses Spring, JDBC and Jackson, so the same rules must flag it
        String adapter = DOMAIN + ".persistence";

        // when
        var ownPackageOnly = onlyJdkAndOwnPackage(adapter).evaluate(MAIN_CLASSES);
        var frameworks = noFrameworks(adapter).evaluate(MAIN_CLASSES);

        // then
        assertThat(ownPackageOnly.hasViolation()).isTrue();
        assertThat(frameworks.getFailureReport().getDetails())
                .anyMatch(line -> line.contains("org.springframework."))
                .anyMatch(line -> line.contains("java.sql."))
                .anyMatch(line -> line.contains("tools.jackson."));
    }

    @Test
    void topLevelPackagesAreModulesWithoutCyclesThatKeepTheirSubPackagesInternal() {
        // given
        // The jar's launcher sits above every module (it starts either the server or the CLI), so it is left out.
        ApplicationModules modules = ApplicationModules.of(CountersignServer.class,
                JavaClass.Predicates.equivalentTo(Countersign.class));

        // when / then
        assertThat(modules.stream().map(ApplicationModule::getIdentifier).map(Object::toString))
                .contains("approval", "api", "cli");
        modules.verify();
    }

    private static ArchRule onlyJdkAndOwnPackage(String pkg) {
        return classes().that().resideInAPackage(pkg)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", pkg)
                .because("the approval core is plain Java so its rules can be read and tested on their own");
    }

    private static ArchRule noFrameworks(String pkg) {
        return noClasses().that().resideInAPackage(pkg)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.springframework..", "java.sql..", "javax.sql..", "tools.jackson..", "com.fasterxml..",
                        "com.slack..", "jakarta..")
                .because("Spring, JDBC, Jackson and Slack belong in adapters, not in the approval core");
    }
}
