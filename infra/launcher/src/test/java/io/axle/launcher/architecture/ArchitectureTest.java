package io.axle.launcher.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.axle.command.invoice.InvoiceIssuer;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.spring.stereotype.Aggregate;

/** Keeps the promises of STYLE.md: the module rules and where each kind of Axon component may live. */
@AnalyzeClasses(packages = "io.axle", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule apiHoldsOnlyRecordsAndEnums = classes()
            .that().resideInAPackage("io.axle.api..")
            .and().areNotAnonymousClasses()
            .and().doNotHaveSimpleName("package-info")
            .should(beRecordsOrEnums())
            .because("the shared api module carries messages only");

    @ArchTest
    static final ArchRule apiDependsOnNothingButJavaAndAxonAnnotations = classes()
            .that().resideInAPackage("io.axle.api..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.axle.api..", "org.axonframework.modelling.command..")
            .because("api must stay free of Spring, JPA and Mongo");

    @ArchTest
    static final ArchRule commandSideDoesNotKnowTheReadSideOrSagas = noClasses()
            .that().resideInAPackage("io.axle.command..")
            .should().dependOnClassesThat().resideInAnyPackage("io.axle.query..", "io.axle.saga..", "io.axle.gateway..");

    @ArchTest
    static final ArchRule querySideDoesNotKnowTheCommandSideOrSagas = noClasses()
            .that().resideInAPackage("io.axle.query..")
            .should().dependOnClassesThat().resideInAnyPackage("io.axle.command..", "io.axle.saga..");

    @ArchTest
    static final ArchRule sagasTalkOnlyThroughMessages = noClasses()
            .that().resideInAPackage("io.axle.saga..")
            .should().dependOnClassesThat().resideInAnyPackage("io.axle.command..", "io.axle.query..");

    @ArchTest
    static final ArchRule platformKnowsNoFeatureModule = noClasses()
            .that().resideInAPackage("io.axle.platform..")
            .should().dependOnClassesThat().resideInAnyPackage("io.axle.command..", "io.axle.query..", "io.axle.saga..", "io.axle.gateway..");

    @ArchTest
    static final ArchRule aggregatesLiveOnTheCommandSide = classes()
            .that().areAnnotatedWith(Aggregate.class)
            .should().resideInAPackage("io.axle.command..");

    @ArchTest
    static final ArchRule aggregatesStayFreeOfAdapters = noClasses()
            .that().areAnnotatedWith(Aggregate.class)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework.web..", "org.springframework.data..", "com.mongodb..", "org.apache.kafka..", "jakarta.persistence..");

    @ArchTest
    static final ArchRule eventHandlersLiveInProjectionsAndGateways = methods()
            .that().areAnnotatedWith(EventHandler.class)
            .should().beDeclaredInClassesThat(resideInAnyPackage("io.axle.query..", "io.axle.gateway..", "io.axle.billing..")
                    .or(equivalentTo(InvoiceIssuer.class)))
            .because("the command side decides and sagas coordinate; projections and gateways (devices, billing "
                    + "documents and mail) react; the invoice issuer is the one reactor beside its aggregate (ADR 0011)");

    @ArchTest
    static final ArchRule billingKnowsNoFeatureModule = noClasses()
            .that().resideInAPackage("io.axle.billing..")
            .should().dependOnClassesThat().resideInAnyPackage("io.axle.command..", "io.axle.query..", "io.axle.saga..", "io.axle.gateway..")
            .because("billing is a library of documents the command side uses");

    @ArchTest
    static final ArchRule noLayerPackages = noClasses()
            .should().resideInAnyPackage("..controllers..", "..services..", "..dtos..", "..dto..", "..repositories..")
            .because("packages are cut by aggregate or process, never by layer");

    private static ArchCondition<JavaClass> beRecordsOrEnums() {
        return new ArchCondition<>("be records or enums") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                boolean ok = item.isRecord() || item.isEnum();
                if (!ok) {
                    events.add(SimpleConditionEvent.violated(item, item.getName() + " is neither a record nor an enum"));
                }
            }
        };
    }
}
