package io.hookgate.app.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The module rules of the developers' guide, held on the production classes of every module: modules
 * depend inward (core on no part, providers on core only), the parts meet only through topics, never
 * through each other's code, nothing depends on the app, and a part shows only its entry types
 * (the rest lives in its {@code internals} packages, or package-private beside the entry type).
 */
@AnalyzeClasses(packages = "io.hookgate", importOptions = {ImportOption.DoNotIncludeTests.class, ModuleBoundariesTest.ProductionOnly.class})
class ModuleBoundariesTest {

    /**
     * The modules' production classes, whether the build hands them over as folders ({@code mvn test})
     * or as jars ({@code mvn verify}), without any module's test classes or test jar.
     */
    static final class ProductionOnly implements ImportOption {
        @Override
        public boolean includes(final Location location) {
            return !location.contains("/test-classes/") && !location.contains("-tests.jar");
        }
    }

    private static final String CORE = "io.hookgate.core..";
    private static final String PROVIDERS = "io.hookgate.providers..";
    private static final String INGRESS = "io.hookgate.ingress..";
    private static final String PROCESSOR = "io.hookgate.processor..";
    private static final String DISPATCHER = "io.hookgate.dispatcher..";
    private static final String ADMIN = "io.hookgate.admin..";
    private static final String APP = "io.hookgate.app..";
    private static final String ADMIN_API_MODEL = "io.hookgate.admin.api.model..";

    @ArchTest
    static final ArchRule coreDependsOnNoOtherModule = noClasses().that().resideInAPackage(CORE)
        .should().dependOnClassesThat().resideInAnyPackage(PROVIDERS, INGRESS, PROCESSOR, DISPATCHER, ADMIN, APP)
        .because("core names the data's path for every module and must not know any of them");

    @ArchTest
    static final ArchRule providersDependOnCoreOnly = noClasses().that().resideInAPackage(PROVIDERS)
        .should().dependOnClassesThat().resideInAnyPackage(INGRESS, PROCESSOR, DISPATCHER, ADMIN, APP)
        .because("a provider package is used by the parts, not the other way round");

    @ArchTest
    static final ArchRule ingressKnowsNoOtherPart = part(INGRESS, PROCESSOR, DISPATCHER, ADMIN);

    @ArchTest
    static final ArchRule processorKnowsNoOtherPart = part(PROCESSOR, INGRESS, DISPATCHER, ADMIN);

    @ArchTest
    static final ArchRule dispatcherKnowsNoOtherPart = part(DISPATCHER, INGRESS, PROCESSOR, ADMIN);

    @ArchTest
    static final ArchRule adminKnowsNoOtherPart = part(ADMIN, INGRESS, PROCESSOR, DISPATCHER);

    private static ArchRule part(final String part, final String... others) {
        return noClasses().that().resideInAPackage(part)
            .should().dependOnClassesThat().resideInAnyPackage(others).orShould().dependOnClassesThat().resideInAPackage(APP)
            .because("parts meet only through topics, and nothing depends on the app");
    }

    @ArchTest
    static final ArchRule processorInternalsStayInside = internals(PROCESSOR);

    @ArchTest
    static final ArchRule dispatcherInternalsStayInside = internals(DISPATCHER);

    /** The admin part shows its entry types and the API they serve ({@code admin.api}); the rest stays inside. */
    @ArchTest
    static final ArchRule adminInternalsStayInside = internals(ADMIN);

    /**
     * The admin API's records are what server and CLI share: they stand on core alone, never on the
     * server's classes (which the CLI would then carry) nor on the CLI's.
     */
    @ArchTest
    static final ArchRule adminApiModelStandsOnCoreAlone = noClasses().that().resideInAPackage(ADMIN_API_MODEL)
        .should().dependOnClassesThat(resideInAPackage(ADMIN).and(not(resideInAPackage(ADMIN_API_MODEL))))
        .orShould().dependOnClassesThat().resideInAnyPackage(APP, PROVIDERS, INGRESS, PROCESSOR, DISPATCHER)
        .because("one definition of the admin API's JSON serves the server and the CLI");

    /** The ingress keeps its internals package-private: outside it, only its entry type is seen. */
    @ArchTest
    static final ArchRule onlyTheIngressServerIsSeenOutsideTheIngress = noClasses().that().resideOutsideOfPackage(INGRESS)
        .should().dependOnClassesThat(resideInAPackage(INGRESS).and(not(simpleName("IngressServer"))))
        .because("a part exposes its entry type and keeps the rest to itself");

    private static ArchRule internals(final String module) {
        return noClasses().that().resideOutsideOfPackage(module)
            .should().dependOnClassesThat().resideInAPackage(module.substring(0, module.length() - 1) + "internals..")
            .because("a part exposes its entry types and keeps the rest in its internals packages");
    }

    /** Keeps the import honest: a rule over no classes would pass for nothing. */
    @ArchTest
    static void everyModuleIsImported(final JavaClasses classes) {
        for (String module : new String[] {CORE, PROVIDERS, INGRESS, PROCESSOR, DISPATCHER, ADMIN, APP,
            "io.hookgate.processor.internals..", "io.hookgate.dispatcher.internals..", "io.hookgate.admin.internals..", ADMIN_API_MODEL}) {
            final String prefix = module.substring(0, module.length() - 2);
            if (classes.stream().noneMatch(javaClass -> javaClass.getPackageName().startsWith(prefix))) {
                throw new AssertionError("no production class imported from " + prefix);
            }
        }
    }
}
