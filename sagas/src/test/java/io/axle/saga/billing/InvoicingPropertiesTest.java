package io.axle.saga.billing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class InvoicingPropertiesTest {

    private final ApplicationContextRunner context =
            new ApplicationContextRunner().withUserConfiguration(InvoicingConfiguration.class);

    @Test
    void autoInvoiceIsOnByDefault() {
        context.run(ctx -> assertThat(ctx.getBean(InvoicingProperties.class).autoInvoice()).isTrue());
    }

    @Test
    void autoInvoiceIsReadFromAxleBillingAutoInvoice() {
        context.withPropertyValues("axle.billing.auto-invoice=false")
               .run(ctx -> assertThat(ctx.getBean(InvoicingProperties.class).autoInvoice()).isFalse());
    }

    @Test
    void theBillingLibrarysOtherSettingsAreLeftToIt() {
        context.withPropertyValues("axle.billing.default-company=acme", "axle.billing.companies.acme.name=Acme")
               .run(ctx -> assertThat(ctx).hasNotFailed()
                       .getBean(InvoicingProperties.class).extracting(InvoicingProperties::autoInvoice).isEqualTo(true));
    }
}
