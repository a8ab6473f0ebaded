package com.coze.timer.bootstrap;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The boundaries Maven's module graph cannot hold by itself. Every rule must match classes: a rule
 * about a package that does not exist fails instead of passing.
 */
class ArchitectureTest {

    private static final String ROOT = "com.coze.timer";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    private static final String[] ADAPTERS = {"..rest..", "..console..", "..persistence..", "..http..", "..coordination.."};

    @Test
    void theDomainUsesOnlyTheJdkAndCronUtils() {
        check(classes().that().resideInAPackage(ROOT + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".domain..", "java..", "com.cronutils.."));
    }

    @Test
    void theApplicationKnowsNoFrameworkNoDriverAndNoAdapter() {
        check(noClasses().that().resideInAPackage(ROOT + ".application..")
                .should().dependOnClassesThat().resideInAnyPackage("io.helidon..", "java.sql..", "javax.sql..", "okhttp3..",
                        "redis.clients..", "org.apache.curator..", "org.apache.zookeeper..", "com.zaxxer..",
                        ROOT + ".rest..", ROOT + ".console..", ROOT + ".persistence..", ROOT + ".http..", ROOT + ".coordination..",
                        ROOT + ".bootstrap.."));
    }

    @Test
    void incomingAndOutgoingPortsDoNotDependOnEachOther() {
        check(noClasses().that().resideInAPackage(ROOT + ".application.port.in..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".application.port.out.."));
        check(noClasses().that().resideInAPackage(ROOT + ".application.port.out..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".application.port.in.."));
    }

    @Test
    void adaptersDoNotDependOnEachOther() {
        for (String adapter : ADAPTERS) {
            for (String other : ADAPTERS) {
                if (!adapter.equals(other)) {
                    check(noClasses().that().resideInAPackage(ROOT + adapter)
                            .should().dependOnClassesThat().resideInAPackage(ROOT + other));
                }
            }
        }
    }

    @Test
    void onlyTheRestAdapterAndTheBootstrapKnowHelidon() {
        check(noClasses().that().resideInAnyPackage(ROOT + ".domain..", ROOT + ".application..", ROOT + ".persistence..",
                        ROOT + ".http..", ROOT + ".coordination..", ROOT + ".migrations..")
                .should().dependOnClassesThat().resideInAPackage("io.helidon.."));
    }

    @Test
    void nothingButTheBootstrapDependsOnTheBootstrap() {
        check(noClasses().that().resideOutsideOfPackage(ROOT + ".bootstrap..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".bootstrap.."));
    }

    /** {@code Json.createXxx} looks the provider up through the ServiceLoader on every call: use {@code Jsons.JSON}. */
    @Test
    void jsonIsMadeThroughTheOneCachedProvider() {
        check(noClasses().should().dependOnClassesThat().haveFullyQualifiedName("jakarta.json.Json"));
    }

    private static void check(ArchRule rule) {
        rule.allowEmptyShould(false).check(CLASSES);
    }
}
