package io.axle.webhooks;

import io.axle.webhooks.WebhookDeliveries.Attempt;
import io.axle.webhooks.WebhookDeliveries.Delivery;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Posts due deliveries to their webhook, signed with its secret ({@link WebhookSignature}) and named by the
 * {@value #DELIVERY_HEADER} header. A 2xx answer delivers; anything else (another status, a timeout, a refused
 * connection) is an attempt logged on the delivery, which is due again after {@link WebhookBackoff}, and dead after
 * {@code axle.webhooks.max-attempts} attempts, until an administrator retries it. A delivery whose webhook was removed
 * is dead at once. Where private addresses are refused, the URL is checked again before each post, since the name
 * it was registered with may since resolve elsewhere. It runs on its own thread, so receivers never slow event
 * processing down.
 */
public class WebhookSender implements SmartLifecycle {

    /** Header naming the delivery, the same on every attempt, so that a receiver can ignore a repeat. */
    public static final String DELIVERY_HEADER = "X-Axle-Delivery";
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final int MAX_ERROR_LENGTH = 300;

    private final WebhookDeliveries deliveries;
    private final WebhookSubscriptions subscriptions;
    private final WebhookSecrets secrets;
    private final WebhookProperties properties;
    private final WebhookBackoff backoff;
    private final Clock clock;
    private final HttpClient http;
    private ThreadPoolTaskScheduler scheduler;

    public WebhookSender(WebhookDeliveries deliveries, WebhookSubscriptions subscriptions, WebhookSecrets secrets,
                         WebhookProperties properties, Clock clock) {
        this.deliveries = deliveries;
        this.subscriptions = subscriptions;
        this.secrets = secrets;
        this.properties = properties;
        this.backoff = new WebhookBackoff(properties.getInitialBackoff(), properties.getMaxBackoff(), Math::random);
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(properties.getTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends every delivery due now, one after the other. */
    void sendDue() {
        Optional<Delivery> due;
        while ((due = deliveries.claimDue(clock.instant(), lease())).isPresent()) {
            send(due.get());
        }
    }

    private void send(Delivery delivery) {
        Optional<WebhookSubscriptions.Webhook> webhook = subscriptions.find(delivery.webhookId())
                .filter(found -> !found.removed());
        Optional<String> secret = secrets.find(delivery.webhookId());
        if (webhook.isEmpty() || secret.isEmpty()) {
            deliveries.dead(delivery.deliveryId(), new Attempt(clock.instant(), null, "the webhook was removed"));
            return;
        }
        Attempt attempt = post(webhook.get().url(), delivery, secret.get());
        if (attempt.error() == null) {
            deliveries.delivered(delivery.deliveryId(), attempt);
        } else if (delivery.tries() + 1 >= properties.getMaxAttempts()) {
            deliveries.dead(delivery.deliveryId(), attempt);
            log.warn("Webhook delivery {} ({} to webhook {}) is dead after {} attempts: {}. An administrator may"
                            + " retry it (POST /api/v1/webhooks/{}/deliveries/{}/retry)", delivery.deliveryId(),
                    delivery.event(), delivery.webhookId(), delivery.tries() + 1, attempt.error(),
                    delivery.webhookId(), delivery.deliveryId());
        } else {
            deliveries.failed(delivery.deliveryId(), attempt, attempt.at().plus(backoff.after(delivery.tries() + 1)));
        }
    }

    private Attempt post(String url, Delivery delivery, String secret) {
        Instant at = clock.instant();
        WebhookUrls.Violation refused = properties.isAllowPrivateAddresses() ? null : WebhookUrls.check(url, false);
        if (refused != null) {
            return new Attempt(at, null, "not posted: " + refused.rule() + ", the url " + refused.detail());
        }
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(properties.getTimeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Axle-Webhooks")
                    .header(DELIVERY_HEADER, delivery.deliveryId())
                    .header(WebhookSignature.HEADER, WebhookSignature.of(delivery.body(), secret))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            int status = response.statusCode();
            return new Attempt(at, status, status / 100 == 2 ? null : "the receiver answered " + status);
        } catch (IOException | IllegalArgumentException e) {
            return new Attempt(at, null, shorten(e.getClass().getSimpleName() + ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(at, null, "interrupted while posting");
        }
    }

    /** A claimed delivery is due again after this, should its sender die before recording the attempt. */
    private Duration lease() {
        return properties.getTimeout().multipliedBy(3);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "…";
    }

    @Override
    public synchronized void start() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("webhook-sender-");
        scheduler.setPoolSize(1);
        scheduler.initialize();
        scheduler.scheduleWithFixedDelay(this::sendDueLogged, properties.getPollInterval());
    }

    private void sendDueLogged() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            log.warn("Webhook deliveries could not be sent this round; trying again in {}",
                    properties.getPollInterval(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
