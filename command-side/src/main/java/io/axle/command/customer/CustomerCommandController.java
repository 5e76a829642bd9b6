package io.axle.command.customer;

import io.axle.api.customer.BillingAddress;
import io.axle.api.customer.ChangeCustomerDetailsCommand;
import io.axle.api.customer.EraseCustomerCommand;
import io.axle.api.customer.RegisterCustomerCommand;
import io.axle.command.Rules;
import io.axle.command.bounds.AmountDigits;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Registers customers and edits their record; reading them is the query side's job. {@code vatNumber},
 * {@code language}, {@code phone} and {@code billingAddress} are optional; only their length is checked here, their
 * meaning by the {@link Customer} aggregate, which names the field and rule it refuses (422).
 */
@RestController
@RequestMapping("/api/v1/customers")
class CustomerCommandController {

    private final CommandGateway commandGateway;
    private final RetainedRecords retained;

    CustomerCommandController(CommandGateway commandGateway, RetainedRecords retained) {
        this.commandGateway = commandGateway;
        this.retained = retained;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ResponseEntity<CustomerCreated> register(@Valid @RequestBody RegisterCustomerRequest request) {
        String id = UUID.randomUUID().toString();
        commandGateway.sendAndWait(request.command(id));
        return ResponseEntity.created(URI.create("/api/v1/customers/" + id)).body(new CustomerCreated(id));
    }

    /**
     * Replaces the customer's editable details (all of them: an optional detail left out is removed); the currency
     * cannot change. 204 whether or not anything changed; 404 for an unknown customer.
     */
    @PutMapping("/{customerId}")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ResponseEntity<Void> change(@PathVariable String customerId,
                                       @Valid @RequestBody ChangeCustomerRequest request) {
        commandGateway.sendAndWait(new ChangeCustomerDetailsCommand(customerId, request.name(), request.email(),
                request.phone(), request.country(), request.billingAddress() == null ? null
                : request.billingAddress().toAddress(), request.vatNumber(), request.language(),
                request.creditLimit()));
        return ResponseEntity.noContent().build();
    }

    /**
     * Erases the customer's personal data (GDPR): their key is destroyed, so name, e-mail, phone and addresses read as
     * erased everywhere they were stored; orders, amounts and credit stay. Answers what is kept as a legal record and
     * until when. 404 for an unknown customer, 409 for one already erased.
     */
    @PostMapping("/{customerId}/erase")
    @PreAuthorize("hasRole('ADMIN')")
    public Erasure erase(@PathVariable String customerId) {
        Instant erasedAt = commandGateway.sendAndWait(new EraseCustomerCommand(customerId));
        return new Erasure(customerId, erasedAt, retained.of(customerId));
    }

    record RegisterCustomerRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email(regexp = Rules.EMAIL_REGEX) @Size(max = 320) String email,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code") String country,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code") String currency,
            @NotNull @PositiveOrZero @AmountDigits BigDecimal creditLimit,
            @Size(max = 40) String vatNumber,
            @Size(max = 10) String language,
            @Size(max = 40) String phone,
            @Valid BillingAddressRequest billingAddress) {

        RegisterCustomerCommand command(String id) {
            return new RegisterCustomerCommand(id, name, email, country, currency, creditLimit, vatNumber, language,
                    phone, billingAddress == null ? null : billingAddress.toAddress());
        }
    }

    /** Body of an edit: the customer's whole editable record. */
    record ChangeCustomerRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email(regexp = Rules.EMAIL_REGEX) @Size(max = 320) String email,
            @Size(max = 40) String phone,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code") String country,
            @Valid BillingAddressRequest billingAddress,
            @Size(max = 40) String vatNumber,
            @Size(max = 10) String language,
            @NotNull @PositiveOrZero @AmountDigits BigDecimal creditLimit) {
    }

    /** A billing address as sent; the aggregate checks what is required. */
    record BillingAddressRequest(
            @Size(max = 300) String street,
            @Size(max = 20) String postalCode,
            @Size(max = 100) String city,
            @Size(max = 100) String region,
            @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code") String country) {

        BillingAddress toAddress() {
            return new BillingAddress(street, postalCode, city, region, country);
        }
    }

    record CustomerCreated(String id) {
    }

    /** An erasure done: when, and the legal records kept with the customer's details until their date. */
    record Erasure(String customerId, Instant erasedAt, List<RetainedRecords.Retained> retained) {
    }
}
