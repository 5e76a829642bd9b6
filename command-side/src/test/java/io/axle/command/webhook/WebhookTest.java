package io.axle.command.webhook;

import io.axle.api.webhook.ChangeWebhookCommand;
import io.axle.api.webhook.RegisterWebhookCommand;
import io.axle.api.webhook.RemoveWebhookCommand;
import io.axle.api.webhook.WebhookChangedEvent;
import io.axle.api.webhook.WebhookRegisteredEvent;
import io.axle.api.webhook.WebhookRemovedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;

import static io.axle.command.RefusalMatchers.refusal;

class WebhookTest {

    private static final String ID = "wh-1";
    private static final String CUSTOMER = "c-1";
    private static final String URL = "https://partner.example.com/hooks";
    private static final WebhookRegisteredEvent REGISTERED = new WebhookRegisteredEvent(ID, CUSTOMER, URL,
            List.of("order.confirmed"), "partner-key", Instant.parse("2026-03-01T10:00:00Z"));

    private AggregateTestFixture<Webhook> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Webhook.class);
    }

    private static RegisterWebhookCommand register(String url, List<String> events) {
        return new RegisterWebhookCommand(ID, CUSTOMER, url, events, "partner-key");
    }

    @Nested
    class Registering {

        @Test
        void registersTheEventsInLowerCaseEachOnce() {
            fixture.givenNoPriorActivity()
                    .when(register(" " + URL + " ", List.of("Order.Confirmed", "invoice.paid", "order.confirmed")))
                    .expectEvents(new WebhookRegisteredEvent(ID, CUSTOMER, URL, List.of("order.confirmed",
                            "invoice.paid"), "partner-key", fixture.currentTime()));
        }

        @Test
        void anAdministratorsWebhookNamesNoCustomer() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterWebhookCommand(ID, null, URL, List.of("run.completed"), "admin"))
                    .expectEvents(new WebhookRegisteredEvent(ID, null, URL, List.of("run.completed"), "admin",
                            fixture.currentTime()));
        }

        @ParameterizedTest
        @CsvSource({
                "ftp://partner.example.com/hooks, http-or-https",
                "partner.example.com/hooks, http-or-https",
                "'https://user:pw@partner.example.com/hooks', no-credentials",
                "'https://exa mple.com', http-or-https"})
        void refusesAUrlThatIsNotPlainHttpOrHttps(String url, String rule) {
            fixture.givenNoPriorActivity()
                    .when(register(url, List.of("order.confirmed")))
                    .expectException(refusal(422, "url", rule))
                    .expectNoEvents();
        }

        @Test
        void refusesAMissingUrl() {
            fixture.givenNoPriorActivity()
                    .when(register(" ", List.of("order.confirmed")))
                    .expectException(refusal(422, "url", "required"));
        }

        @Test
        void refusesNoEvents() {
            fixture.givenNoPriorActivity()
                    .when(register(URL, List.of()))
                    .expectException(refusal(422, "events", "required"));
        }

        @Test
        void refusesAnUnknownEventNamingItsPosition() {
            fixture.givenNoPriorActivity()
                    .when(register(URL, List.of("order.confirmed", "order.placed")))
                    .expectException(refusal(422, "events[1]", "known-event"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Changing {

        @Test
        void changesUrlAndEvents() {
            fixture.given(REGISTERED)
                    .when(new ChangeWebhookCommand(ID, "http://partner.example.com/v2", List.of("order.shipped"),
                            CUSTOMER, "partner-key"))
                    .expectEvents(new WebhookChangedEvent(ID, "http://partner.example.com/v2",
                            List.of("order.shipped"), "partner-key", fixture.currentTime()));
        }

        @Test
        void changingToWhatItIsChangesNothing() {
            fixture.given(REGISTERED)
                    .when(new ChangeWebhookCommand(ID, URL, List.of("order.confirmed"), null, "admin"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anotherCustomersPartnerFindsNoSuchWebhook() {
            fixture.given(REGISTERED)
                    .when(new ChangeWebhookCommand(ID, URL, List.of("order.shipped"), "c-2", "other-key"))
                    .expectException(refusal(404, "webhookId", "must-exist"))
                    .expectNoEvents();
        }

        @Test
        void aPartnerFindsNoAdministratorsWebhook() {
            fixture.given(new WebhookRegisteredEvent(ID, null, URL, List.of("order.confirmed"), "admin",
                            Instant.parse("2026-03-01T10:00:00Z")))
                    .when(new ChangeWebhookCommand(ID, URL, List.of("order.shipped"), CUSTOMER, "partner-key"))
                    .expectException(refusal(404, "webhookId", "must-exist"));
        }

        @Test
        void aRemovedWebhookNoLongerChanges() {
            fixture.given(REGISTERED, new WebhookRemovedEvent(ID, "admin", Instant.parse("2026-03-02T10:00:00Z")))
                    .when(new ChangeWebhookCommand(ID, URL, List.of("order.shipped"), null, "admin"))
                    .expectException(refusal(404, "webhookId", "must-exist"));
        }

        @Test
        void refusesAnUnknownEvent() {
            fixture.given(REGISTERED)
                    .when(new ChangeWebhookCommand(ID, URL, List.of("flash.sent"), null, "admin"))
                    .expectException(refusal(422, "events[0]", "known-event"));
        }
    }

    @Nested
    class Removing {

        @Test
        void itsPartnerRemovesIt() {
            fixture.given(REGISTERED)
                    .when(new RemoveWebhookCommand(ID, CUSTOMER, "partner-key"))
                    .expectEvents(new WebhookRemovedEvent(ID, "partner-key", fixture.currentTime()));
        }

        @Test
        void removingTwiceChangesNothing() {
            fixture.given(REGISTERED, new WebhookRemovedEvent(ID, "admin", Instant.parse("2026-03-02T10:00:00Z")))
                    .when(new RemoveWebhookCommand(ID, null, "admin"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void anotherCustomersPartnerFindsNoSuchWebhook() {
            fixture.given(REGISTERED)
                    .when(new RemoveWebhookCommand(ID, "c-2", "other-key"))
                    .expectException(refusal(404, "webhookId", "must-exist"))
                    .expectNoEvents();
        }
    }
}
