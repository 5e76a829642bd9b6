package io.axle.command.invoice;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The reminder policy the {@link Invoice} aggregate's deadline handlers are given, from {@code axle.billing.reminders.*}. */
@Configuration(proxyBeanMethods = false)
class PaymentReminderConfiguration {

    @Bean
    PaymentReminders paymentReminders(@Value("${axle.billing.reminders.enabled:true}") boolean enabled,
                                      @Value("${axle.billing.reminders.interval:7d}") Duration interval) {
        return new PaymentReminders(enabled, interval);
    }
}
