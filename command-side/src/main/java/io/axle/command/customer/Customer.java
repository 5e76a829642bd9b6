package io.axle.command.customer;

import io.axle.api.customer.BillingAddress;
import io.axle.api.customer.ChangeCustomerDetailsCommand;
import io.axle.api.customer.CreditLimitChangedEvent;
import io.axle.api.customer.CreditReleasedEvent;
import io.axle.api.customer.CreditReservationRefusedEvent;
import io.axle.api.customer.CreditReservedEvent;
import io.axle.api.customer.CustomerDetailsChangedEvent;
import io.axle.api.customer.CustomerErasedEvent;
import io.axle.api.customer.CustomerRegisteredEvent;
import io.axle.api.customer.EraseCustomerCommand;
import io.axle.api.privacy.DataSubject;
import io.axle.api.privacy.PersonalData;
import io.axle.api.customer.RegisterCustomerCommand;
import io.axle.api.customer.ReleaseCreditCommand;
import io.axle.api.customer.ReserveCreditCommand;
import io.axle.command.Rules;
import io.axle.command.RuleViolationException;
import io.axle.platform.privacy.PersonalDataKeys;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.axle.command.AggregateStorageConfiguration;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A customer buying on account: credit is reserved per order up to the credit limit, in the customer's currency.
 * A reservation that cannot be made is a {@link CreditReservationRefusedEvent}, not a failure. A customer registered
 * with a VAT number is a business (reverse charge across EU borders); the language chooses their invoices' template.
 * The record (name, e-mail, phone, country, billing address, VAT number, language, credit limit) can be edited; an
 * edit that changes nothing writes nothing. An erased customer (GDPR) keeps its account and credit but no personal
 * data: its record can no longer be edited. The revision makes snapshots older than the present shape (before the
 * record was kept here, before its personal details were encrypted) ignored: the aggregate is then loaded from its
 * events.
 */
@Revision("3")
@Aggregate(snapshotTriggerDefinition = AggregateStorageConfiguration.LONG_LIVED_SNAPSHOTS,
        cache = AggregateStorageConfiguration.AGGREGATE_CACHE)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Customer {

    @AggregateIdentifier
    private String customerId;
    private String currency;
    private BigDecimal creditLimit;
    private Details details;
    private boolean erased;
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
                CustomerRules.vatNumber(command.vatNumber()), CustomerRules.language(command.language()),
                CustomerRules.phone(command.phone()), CustomerRules.billingAddress(command.billingAddress())));
    }

    @CommandHandler
    void handle(ChangeCustomerDetailsCommand command) {
        if (erased) {
            throw RuleViolationException.conflict("customerId", "erased", "customer " + customerId
                    + " was erased: no personal data may be recorded for it any more");
        }
        Rules.required(command.name(), "name");
        Rules.email(command.email(), "email");
        Rules.country(command.country(), "country");
        Rules.amount(command.creditLimit(), "creditLimit");
        Details next = new Details(customerId, command.name().strip(), command.email().strip(),
                CustomerRules.phone(command.phone()), command.country(),
                CustomerRules.billingAddress(command.billingAddress()), CustomerRules.vatNumber(command.vatNumber()),
                CustomerRules.language(command.language()));
        List<String> changed = details.changedIn(next);
        if (!changed.isEmpty()) {
            apply(new CustomerDetailsChangedEvent(customerId, next.name(), next.email(), next.phone(), next.country(),
                    next.billingAddress(), next.vatNumber(), next.language(), changed));
        }
        if (command.creditLimit().compareTo(creditLimit) != 0) {
            BigDecimal reserved = creditLimit.subtract(availableCredit());
            apply(new CreditLimitChangedEvent(customerId, creditLimit, command.creditLimit(),
                    command.creditLimit().subtract(reserved)));
        }
    }

    /**
     * Destroys the customer's key, then records the erasure; both in this command's transaction, so that on a JPA
     * event store neither happens without the other. Answers when the customer was erased.
     */
    @CommandHandler
    Instant handle(EraseCustomerCommand command, PersonalDataKeys keys) {
        if (erased) {
            throw RuleViolationException.conflict("customerId", "already-erased",
                    "customer " + customerId + " was already erased");
        }
        Instant erasedAt = keys.erase(customerId);
        apply(new CustomerErasedEvent(customerId));
        return erasedAt;
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
        details = new Details(event.customerId(), event.name(), event.email(), event.phone(), event.country(),
                event.billingAddress(), event.vatNumber(), event.language());
    }

    @EventSourcingHandler
    void on(CustomerDetailsChangedEvent event) {
        details = new Details(event.customerId(), event.name(), event.email(), event.phone(), event.country(),
                event.billingAddress(), event.vatNumber(), event.language());
    }

    @EventSourcingHandler
    void on(CustomerErasedEvent event) {
        erased = true;
        details = details.withoutPersonalData();
    }

    @EventSourcingHandler
    void on(CreditLimitChangedEvent event) {
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

    /**
     * The customer's editable details, as last registered or changed; name, e-mail, phone and billing address are
     * personal data (encrypted in snapshots, so the customer's id is repeated here as their subject).
     */
    record Details(@DataSubject String customerId, @PersonalData String name, @PersonalData String email,
                   @PersonalData String phone, String country, @PersonalData BillingAddress billingAddress,
                   String vatNumber, String language) {

        Details withoutPersonalData() {
            return new Details(customerId, null, null, null, country, null, vatNumber, language);
        }

        /** The names of the fields whose value differs in {@code next}, in the order of this record. */
        List<String> changedIn(Details next) {
            List<String> changed = new ArrayList<>();
            addIfChanged(changed, "name", name, next.name);
            addIfChanged(changed, "email", email, next.email);
            addIfChanged(changed, "phone", phone, next.phone);
            addIfChanged(changed, "country", country, next.country);
            addIfChanged(changed, "billingAddress", billingAddress, next.billingAddress);
            addIfChanged(changed, "vatNumber", vatNumber, next.vatNumber);
            addIfChanged(changed, "language", language, next.language);
            return changed;
        }

        private static void addIfChanged(List<String> changed, String field, Object before, Object after) {
            if (!Objects.equals(before, after)) {
                changed.add(field);
            }
        }
    }
}
