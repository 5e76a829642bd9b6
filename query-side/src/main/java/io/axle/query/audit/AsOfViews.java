package io.axle.query.audit;

import io.axle.api.invoice.FindInvoiceQuery;
import io.axle.api.invoice.InvoiceView;
import io.axle.api.order.FindOrderQuery;
import io.axle.api.order.OrderDetail;
import io.axle.query.invoice.InvoiceProjection;
import io.axle.query.order.OrderProjection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.springframework.stereotype.Component;

/**
 * The aggregate types whose state can be asked as of an instant: those with a read model of one document per
 * aggregate. A scratch projection gets an update emitter of its own, so that nobody watching the live read model
 * hears of a past state.
 */
@Component
public class AsOfViews {

    private final Map<String, AsOfView> byType;

    public AsOfViews() {
        QueryUpdateEmitter silent = SimpleQueryUpdateEmitter.builder().build();
        byType = List.of(
                new AsOfView("Order", store -> new OrderProjection(store, silent, () -> { }), FindOrderQuery::new,
                        OrderDetail.class),
                new AsOfView("Invoice", store -> new InvoiceProjection(store, silent), FindInvoiceQuery::new,
                        InvoiceView.class))
                .stream().collect(Collectors.toMap(view -> view.aggregateType().toLowerCase(Locale.ROOT),
                        Function.identity()));
    }

    /** The view of {@code aggregateType} (case ignored), if it has one. */
    public Optional<AsOfView> of(String aggregateType) {
        return Optional.ofNullable(byType.get(aggregateType.toLowerCase(Locale.ROOT)));
    }
}
