package io.axle.command.webhook;

import io.axle.api.webhook.ChangeWebhookCommand;
import io.axle.api.webhook.RegisterWebhookCommand;
import io.axle.api.webhook.RemoveWebhookCommand;
import io.axle.api.webhook.WebhookChangedEvent;
import io.axle.api.webhook.WebhookRegisteredEvent;
import io.axle.api.webhook.WebhookRemovedEvent;
import io.axle.command.RuleViolationException;
import io.axle.command.Rules;
import io.axle.webhooks.WebhookEvents;
import io.axle.webhooks.WebhookUrls;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A partner endpoint told of business events: registered (for one customer, or for all when {@code customerId} is
 * null), changed, then removed for good. Its URL is http or https without credentials, its events are among
 * {@link WebhookEvents#ALL} (each once, in the order given). A partner acts on its own customer's webhooks only:
 * another's answers 404 ({@code webhookId}, {@code must-exist}) as if it did not exist, as a removed one does.
 * Changing to what it is already, or removing twice, changes nothing. The secret never reaches the event store.
 */
@Aggregate
public class Webhook {

    @AggregateIdentifier
    private String webhookId;
    private String customerId;
    private String url;
    private List<String> events;
    private boolean removed;

    protected Webhook() {
    }

    @CommandHandler
    Webhook(RegisterWebhookCommand command) {
        Rules.required(command.webhookId(), "webhookId");
        apply(new WebhookRegisteredEvent(command.webhookId(), command.customerId(), url(command.url()),
                events(command.events()), command.registeredBy(), now()));
    }

    @CommandHandler
    void handle(ChangeWebhookCommand command) {
        requireVisible(command.actingCustomerId());
        String newUrl = url(command.url());
        List<String> newEvents = events(command.events());
        if (!newUrl.equals(url) || !newEvents.equals(events)) {
            apply(new WebhookChangedEvent(webhookId, newUrl, newEvents, command.changedBy(), now()));
        }
    }

    @CommandHandler
    void handle(RemoveWebhookCommand command) {
        if (!ownedBy(command.actingCustomerId())) {
            throw notFound();
        }
        if (!removed) {
            apply(new WebhookRemovedEvent(webhookId, command.removedBy(), now()));
        }
    }

    private void requireVisible(String actingCustomerId) {
        if (removed || !ownedBy(actingCustomerId)) {
            throw notFound();
        }
    }

    /** Whether the caller may act on it: an administrator (null) always, a partner for its own customer's only. */
    private boolean ownedBy(String actingCustomerId) {
        return actingCustomerId == null || actingCustomerId.equals(customerId);
    }

    private RuleViolationException notFound() {
        return RuleViolationException.notFound("webhookId", "must-exist", "webhook " + webhookId + " does not exist");
    }

    /** The URL, stripped; refused unless http or https without credentials. */
    static String url(String value) {
        Rules.required(value, "url");
        String url = value.strip();
        WebhookUrls.Violation violation = WebhookUrls.check(url, true);
        if (violation != null) {
            throw RuleViolationException.unprocessable("url", violation.rule(), "url " + violation.detail());
        }
        return url;
    }

    /** The event names in lower case, each once; refused when none is given or one is unknown. */
    static List<String> events(List<String> values) {
        if (values == null || values.isEmpty()) {
            throw RuleViolationException.unprocessable("events", "required", "events must name at least one event");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String name = values.get(i) == null ? "" : values.get(i).strip().toLowerCase(Locale.ROOT);
            if (!WebhookEvents.ALL.contains(name)) {
                throw RuleViolationException.unprocessable("events[" + i + "]", "known-event", "'" + values.get(i)
                        + "' is not a webhook event; use one of " + WebhookEvents.ALL);
            }
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return List.copyOf(names);
    }

    private static Instant now() {
        return GenericEventMessage.clock.instant();
    }

    @EventSourcingHandler
    void on(WebhookRegisteredEvent event) {
        webhookId = event.webhookId();
        customerId = event.customerId();
        url = event.url();
        events = event.events();
    }

    @EventSourcingHandler
    void on(WebhookChangedEvent event) {
        url = event.url();
        events = event.events();
    }

    @EventSourcingHandler
    void on(WebhookRemovedEvent event) {
        removed = true;
    }
}
