package io.axle.query;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;

/** A subscriber registered on a real {@link QueryUpdateEmitter}, recording the update payloads it receives. */
public final class SubscriberProbe<U> {

    private final List<U> updates = new CopyOnWriteArrayList<>();

    private SubscriberProbe() {
    }

    public static <Q, U> SubscriberProbe<U> subscribe(QueryUpdateEmitter emitter, Q query, Class<U> updateType) {
        SubscriberProbe<U> probe = new SubscriberProbe<>();
        GenericSubscriptionQueryMessage<Q, Object, U> message = new GenericSubscriptionQueryMessage<>(query,
                ResponseTypes.instanceOf(Object.class), ResponseTypes.instanceOf(updateType));
        emitter.<U>registerUpdateHandler(message, 1024).getUpdates()
                .map(Message::getPayload)
                .subscribe(probe.updates::add);
        return probe;
    }

    public List<U> updates() {
        return List.copyOf(updates);
    }
}
