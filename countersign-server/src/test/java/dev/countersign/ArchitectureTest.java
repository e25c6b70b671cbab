package dev.countersign;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import com.tngtech.archunit.core.domain.JavaClass;

/**
 * Keeps the structure honest: the top-level packages stay modules that only meet through each other's top package.
 * (That the approval core is framework-free needs no test: countersign-core has nothing but the JDK to compile
 * against.)
 */
class ArchitectureTest {

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
}
