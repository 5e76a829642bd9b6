package io.axle.command.order;

import io.axle.api.order.CancelOrderCommand;
import io.axle.api.order.DeliverOrderCommand;
import io.axle.api.order.OrderLine;
import io.axle.api.order.PlaceOrderCommand;
import io.axle.api.order.ShipOrderCommand;
import io.axle.api.order.ShippingAddress;
import io.axle.api.privacy.DataSubject;
import io.axle.command.HotAggregateCommands;
import io.axle.command.bounds.AmountDigits;
import io.axle.command.bounds.MaxQuantity;
import io.axle.platform.json.FreeText;
import io.axle.platform.security.PartnerScope;
import io.axle.platform.security.Roles;
import io.axle.platform.web.NotFoundException;
import io.axle.platform.web.Problems;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Places orders and moves them on (cancel, ship, deliver); fulfilment continues asynchronously in the saga. A partner
 * places orders for its own customer only (403 for another) and cancels only its customer's orders (404 for another's,
 * as for an unknown order). A placement is numbered in the sequence of the year it is made in (UTC) and answers
 * the number with the order's id. A line's {@code unitPrice} is optional: without it the catalogue's price applies;
 * with another price it is an override, which administrators and operators may make and others may not (403
 * {@code price-override}, see {@link OrderPricing}).
 */
@RestController
@RequestMapping("/api/v1/orders")
class OrderCommandController {

    /** Attempts per placement, counting the first: every placement of a year writes to its number sequence. */
    static final int PLACEMENT_ATTEMPTS = 50;
    private static final Set<String> PRICE_SETTERS = Set.of("ROLE_" + Roles.ADMIN, "ROLE_" + Roles.OPERATOR);

    private final CommandGateway commandGateway;
    private final OrderOwners owners;

    OrderCommandController(CommandGateway commandGateway, EventStore eventStore) {
        this.commandGateway = commandGateway;
        this.owners = new OrderOwners(eventStore);
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','PARTNER')")
    public ResponseEntity<?> place(@Valid @RequestBody PlaceOrderRequest request) {
        if (!PartnerScope.mayAccess(request.customerId())) {
            return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.refusal(HttpStatus.FORBIDDEN, "customerId", "other-customer",
                            "A partner key places orders for its own customer only."));
        }
        String orderId = UUID.randomUUID().toString();
        int year = GenericEventMessage.clock.instant().atZone(ZoneOffset.UTC).getYear();
        String number = HotAggregateCommands.send(commandGateway,
                request.toCommand(year, orderId, mayOverridePrices()), PLACEMENT_ATTEMPTS);
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/orders/" + orderId))
                .body(new OrderPlaced(orderId, number));
    }

    @PostMapping("/{orderId}/cancel")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','PARTNER')")
    public ResponseEntity<OrderAccepted> cancel(@PathVariable String orderId,
                                         @Valid @RequestBody(required = false) CancelRequest request) {
        if (PartnerScope.customer().isPresent()
                && !owners.customerOf(orderId).map(PartnerScope::mayAccess).orElse(false)) {
            throw new NotFoundException("order", orderId);
        }
        commandGateway.sendAndWait(new CancelOrderCommand(orderId, request == null ? null : request.reason()));
        return ResponseEntity.accepted().body(new OrderAccepted(orderId));
    }

    @PostMapping("/{orderId}/ship")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ResponseEntity<OrderAccepted> ship(@PathVariable String orderId) {
        commandGateway.sendAndWait(new ShipOrderCommand(orderId));
        return ResponseEntity.accepted().body(new OrderAccepted(orderId));
    }

    @PostMapping("/{orderId}/deliver")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ResponseEntity<OrderAccepted> deliver(@PathVariable String orderId) {
        commandGateway.sendAndWait(new DeliverOrderCommand(orderId));
        return ResponseEntity.accepted().body(new OrderAccepted(orderId));
    }

    /** Whether the caller may sell at other prices than the catalogue's: administrators and operators. */
    private static boolean mayOverridePrices() {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        return caller != null && caller.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(PRICE_SETTERS::contains);
    }

    record PlaceOrderRequest(
            @NotBlank @Pattern(regexp = DataSubject.ID_PATTERN, message = DataSubject.ID_RULE) String customerId,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code") String currency,
            @NotNull @Size(min = 1, max = 500) List<@NotNull @Valid LineRequest> lines,
            @NotNull @Valid AddressRequest shippingAddress) {

        PlaceOrderCommand toCommand(int year, String orderId, boolean priceOverrideAllowed) {
            List<OrderLine> orderLines = lines.stream()
                    .map(line -> new OrderLine(line.sku(), line.quantity(), line.unitPrice()))
                    .toList();
            ShippingAddress address = new ShippingAddress(shippingAddress.recipient(), shippingAddress.street(),
                    shippingAddress.city(), shippingAddress.postalCode(), shippingAddress.country());
            return new PlaceOrderCommand(year, orderId, customerId, currency, orderLines, address,
                    priceOverrideAllowed);
        }
    }

    record LineRequest(
            @NotBlank @Size(max = 100) String sku,
            @NotNull @Positive @MaxQuantity Integer quantity,
            @PositiveOrZero @AmountDigits BigDecimal unitPrice) {
    }

    record AddressRequest(
            @NotBlank @Size(max = 200) String recipient,
            @NotBlank @Size(max = 200) String street,
            @NotBlank @Size(max = 100) String city,
            @NotBlank @Size(max = 20) String postalCode,
            @NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166 alpha-2 country code") String country) {
    }

    record CancelRequest(@Size(max = 500) @FreeText String reason) {
    }

    record OrderAccepted(String orderId) {
    }

    /** The answer to a placement: the order's id and its number ({@code SO-2026-000001}). */
    record OrderPlaced(String orderId, String number) {
    }
}
