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
            .because("the shared api module carries messages only (and the marks on their components)");

    @ArchTest
    static final ArchRule apiDependsOnNothingButJavaAndAxonAnnotations = classes()
            .that().resideInAPackage("io.axle.api..")
            .should().onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "io.axle.api..", "org.axonframework.modelling.command..",
                    "org.axonframework.serialization..")
            .because("api must stay free of Spring, JPA and Mongo (Axon's routing and revision marks are fine)");

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
            .should().beDeclaredInClassesThat(resideInAnyPackage("io.axle.query..", "io.axle.gateway..", "io.axle.billing..",
                    "io.axle.webhooks..", "io.axle.command.document.pipeline..", "io.axle.command.document.alert..",
                    "io.axle.command.vehicle.facts..")
                    .or(equivalentTo(InvoiceIssuer.class)))
            .because("the command side decides and sagas coordinate; projections and gateways (devices, billing "
                    + "documents and mail, partner webhooks) react; the invoice issuer (ADR 0011) and the document "
                    + "pipeline's steps (ADR 0025) and its alerts are the reactors beside their aggregates");

    @ArchTest
    static final ArchRule billingKnowsNoFeatureModule = noClasses()
            .that().resideInAPackage("io.axle.billing..")
            .should().dependOnClassesThat().resideInAnyPackage("io.axle.command..", "io.axle.query..", "io.axle.saga..", "io.axle.gateway..")
            .because("billing is a library of documents the command side uses");

    // #12 documents — doc-pipeline
    @ArchTest
    static final ArchRule documentsKnowNoFeatureModule = noClasses()
            .that().resideInAPackage("io.axle.documents..")
            .should().dependOnClassesThat().resideInAnyPackage("io.axle.command..", "io.axle.query..", "io.axle.saga..", "io.axle.gateway..", "io.axle.billing..", "io.axle.platform..")
            .because("documents is a library (OCR, understanding) the document pipeline calls");

    @ArchTest
    static final ArchRule vehiclesKnowNoFeatureModule = noClasses()
            .that().resideInAPackage("io.axle.vehicles..")
            .should().dependOnClassesThat().resideInAnyPackage("io.axle.command..", "io.axle.query..", "io.axle.saga..", "io.axle.gateway..", "io.axle.billing..", "io.axle.platform..", "io.axle.documents..")
            .because("vehicles is a library (VIN, plates, OBD-II decoding) the command side, the gateway and the read side call");

    @ArchTest
    static final ArchRule webhooksKnowNoFeatureModule = noClasses()
            .that().resideInAPackage("io.axle.webhooks..")
            .should().dependOnClassesThat().resideInAnyPackage("io.axle.command..", "io.axle.query..", "io.axle.saga..", "io.axle.gateway..", "io.axle.billing..")
            .because("webhooks turn the api's events into deliveries; the command side registers them");

    @ArchTest
    static final ArchRule noLayerPackages = noClasses()
            .should().resideInAnyPackage("..controllers..", "..services..", "..dtos..", "..dto..", "..repositories..")
            .because("packages are cut by aggregate or process, never by layer");

    private static ArchCondition<JavaClass> beRecordsOrEnums() {
        return new ArchCondition<>("be records, enums or annotations") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                boolean ok = item.isRecord() || item.isEnum() || item.isAnnotation();
                if (!ok) {
                    events.add(SimpleConditionEvent.violated(item, item.getName() + " is neither a record, an enum nor an annotation"));
                }
            }
        };
    }
}
