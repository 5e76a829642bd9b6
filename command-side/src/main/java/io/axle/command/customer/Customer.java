package io.axle.command.customer;

import io.axle.api.customer.CreditReleasedEvent;
import io.axle.api.customer.CreditReservationRefusedEvent;
import io.axle.api.customer.CreditReservedEvent;
import io.axle.api.customer.CustomerRegisteredEvent;
import io.axle.api.customer.RegisterCustomerCommand;
import io.axle.api.customer.ReleaseCreditCommand;
import io.axle.api.customer.ReserveCreditCommand;
import io.axle.command.Rules;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.command.AggregateStorageConfiguration;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer buying on account: credit is reserved per order up to the credit limit, in the customer's currency.
 * A reservation that cannot be made is a {@link CreditReservationRefusedEvent}, not a failure. A customer registered
 * with a VAT number is a business (reverse charge across EU borders); the language chooses their invoices' template.
 */
@Aggregate(snapshotTriggerDefinition = AggregateStorageConfiguration.LONG_LIVED_SNAPSHOTS,
        cache = AggregateStorageConfiguration.AGGREGATE_CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Customer {

    @AggregateIdentifier
    private String customerId;
    private String currency;
    private BigDecimal creditLimit;
    private final Map<String, BigDecimal> reservedByOrder = new HashMap<>();

    protected Customer() {
    }

    @CommandHandler
    Customer(RegisterCustomerCommand command) {
        Rules.required(command.customerId(), "customerId");
        Rules.required(command.name(), "name");
        Rules.email(command.email(), "email");
        Rules.country(command.country(), "country");
        Rules.currency(command.currency(), "currency");
        Rules.amount(command.creditLimit(), "creditLimit");
        apply(new CustomerRegisteredEvent(command.customerId(), command.name().strip(), command.email().strip(),
                command.country(), command.currency(), command.creditLimit(),
                CustomerRules.vatNumber(command.vatNumber()), CustomerRules.language(command.language())));
    }

    @CommandHandler
    void handle(ReserveCreditCommand command) {
        Rules.required(command.orderId(), "orderId");
        Rules.amount(command.amount(), "amount");
        if (reservedByOrder.containsKey(command.orderId())) {
            return;
        }
        BigDecimal available = availableCredit();
        if (!currency.equals(command.currency())) {
            apply(new CreditReservationRefusedEvent(customerId, command.orderId(), command.amount(),
                    command.currency(), "currency " + command.currency() + " differs from the customer's currency "
                    + currency));
        } else if (command.amount().compareTo(available) > 0) {
            apply(new CreditReservationRefusedEvent(customerId, command.orderId(), command.amount(),
                    command.currency(), "insufficient credit: requested " + command.amount().toPlainString()
                    + ", available " + available.toPlainString()));
        } else {
            apply(new CreditReservedEvent(customerId, command.orderId(), command.amount(), currency,
                    available.subtract(command.amount())));
        }
    }

    @CommandHandler
    void handle(ReleaseCreditCommand command) {
        BigDecimal held = reservedByOrder.get(command.orderId());
        if (held != null) {
            apply(new CreditReleasedEvent(customerId, command.orderId(), held, availableCredit().add(held)));
        }
    }

    private BigDecimal availableCredit() {
        return reservedByOrder.values().stream().reduce(creditLimit, BigDecimal::subtract);
    }

    @EventSourcingHandler
    void on(CustomerRegisteredEvent event) {
        customerId = event.customerId();
        currency = event.currency();
        creditLimit = event.creditLimit();
    }

    @EventSourcingHandler
    void on(CreditReservedEvent event) {
        reservedByOrder.put(event.orderId(), event.amount());
    }

    @EventSourcingHandler
    void on(CreditReleasedEvent event) {
        reservedByOrder.remove(event.orderId());
    }
}
