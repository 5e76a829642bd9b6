package io.axle.command.customer;

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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.util.UUID;

/**
 * Registers customers; reading them is the query side's job. {@code vatNumber} and {@code language} are optional; only
 * their length is checked here, their meaning by the {@link Customer} aggregate, which names the field and rule it
 * refuses (422).
 */
@RestController
@RequestMapping("/api/v1/customers")
class CustomerCommandController {

    private final CommandGateway commandGateway;

    CustomerCommandController(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ResponseEntity<CustomerCreated> register(@Valid @RequestBody RegisterCustomerRequest request) {
        String id = UUID.randomUUID().toString();
        commandGateway.sendAndWait(new RegisterCustomerCommand(id, request.name(), request.email(),
                request.country(), request.currency(), request.creditLimit(), request.vatNumber(), request.language()));
        return ResponseEntity.created(URI.create("/api/v1/customers/" + id)).body(new CustomerCreated(id));
    }

    record RegisterCustomerRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email(regexp = Rules.EMAIL_REGEX) @Size(max = 320) String email,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code") String country,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code") String currency,
            @NotNull @PositiveOrZero @AmountDigits BigDecimal creditLimit,
            @Size(max = 40) String vatNumber,
            @Size(max = 10) String language) {
    }

    record CustomerCreated(String id) {
    }
}
