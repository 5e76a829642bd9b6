package io.axle.launcher.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * Vehicles' live views ({@code GET /api/v1/vehicles/{id}/updates}, server-sent events) followed from the benchmark's
 * JVM with an API key: each view a stream sends is handed over as JSON. A stream that is cut sends nothing more; what
 * follows it notices by its silence.
 */
final class LiveViews {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final List<Flow.Subscription> streams = Collections.synchronizedList(new ArrayList<>());
    private final String baseUrl;
    private final String apiKey;

    LiveViews(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    /** Opens the live view of {@code vehicleId}: {@code views} gets each view it sends, on the client's threads. */
    void watch(String vehicleId, Consumer<JsonNode> views) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/vehicles/" + vehicleId + "/updates"))
                .header("X-API-Key", apiKey).header("Accept", "text/event-stream").build();
        http.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(new Lines(views)));
    }

    /** Closes every stream opened. */
    void cancel() {
        synchronized (streams) {
            streams.forEach(Flow.Subscription::cancel);
        }
    }

    /** The {@code data:} lines of one stream, each a view of the vehicle. */
    private final class Lines implements Flow.Subscriber<String> {
        private final Consumer<JsonNode> views;

        Lines(Consumer<JsonNode> views) {
            this.views = views;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            streams.add(subscription);
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("data:")) {
                try {
                    views.accept(JSON.readTree(line.substring(5)));
                } catch (IOException unreadable) {
                    // not a view
                }
            }
        }

        @Override
        public void onError(Throwable error) {
            // a stream cut shows as silence
        }

        @Override
        public void onComplete() {
            // closed at the end
        }
    }
}
