package io.axle.command.product;

import io.axle.api.product.ChangeProductPriceCommand;
import io.axle.api.product.CreateProductCommand;
import io.axle.api.product.DiscontinueProductCommand;
import io.axle.command.bounds.AmountDigits;
import io.axle.command.bounds.MaxOnHand;
import io.axle.platform.json.FreeText;
import jakarta.validation.Valid;
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
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.net.URI;
import java.security.Principal;

/**
 * Creates products, changes their price and discontinues them; reading the catalogue is the query side's job. The
 * shape of a request is checked here (400), its meaning by the {@link Product} aggregate, which names the field and
 * rule it refuses (409 for a SKU that exists, 404 for one that does not, 422 otherwise). Who made a change is recorded
 * in its event.
 */
@RestController
@RequestMapping("/api/v1/products")
class ProductCommandController {

    /** A SKU as it may appear in a path: letters, digits and {@code . _ -}, starting with a letter or digit. */
    static final String SKU_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]*";

    private final CommandGateway commandGateway;

    ProductCommandController(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @PostMapping
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ResponseEntity<ProductAccepted> create(@Valid @RequestBody CreateProductRequest request,
                                                  Principal principal) {
        commandGateway.sendAndWait(new CreateProductCommand(request.sku(), request.name(), request.description(),
                request.unitPrice(), request.currency(), request.vatCategory(), request.unit(), request.reorderPoint(),
                who(principal)));
        return ResponseEntity.created(URI.create("/api/v1/products/" + request.sku()))
                .body(new ProductAccepted(request.sku()));
    }

    @RequestMapping(path = "/{sku}/price", method = {RequestMethod.PUT, RequestMethod.POST})
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ResponseEntity<ProductAccepted> changePrice(@PathVariable String sku,
                                                       @Valid @RequestBody PriceRequest request,
                                                       Principal principal) {
        commandGateway.sendAndWait(new ChangeProductPriceCommand(sku, request.unitPrice(), who(principal)));
        return ResponseEntity.ok(new ProductAccepted(sku));
    }

    @PostMapping("/{sku}/discontinue")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ResponseEntity<ProductAccepted> discontinue(@PathVariable String sku,
                                                       @Valid @RequestBody(required = false) DiscontinueRequest request,
                                                       Principal principal) {
        commandGateway.sendAndWait(new DiscontinueProductCommand(sku, request == null ? null : request.reason(),
                who(principal)));
        return ResponseEntity.ok(new ProductAccepted(sku));
    }

    private static String who(Principal principal) {
        return principal == null ? "anonymous" : principal.getName();
    }

    record CreateProductRequest(
            @NotBlank @Size(max = 100) @Pattern(regexp = SKU_PATTERN,
                    message = "must be letters, digits, '.', '_' or '-', starting with a letter or digit") String sku,
            @NotBlank @Size(max = 200) String name,
            @Size(max = 2000) @FreeText String description,
            @NotNull @PositiveOrZero @AmountDigits BigDecimal unitPrice,
            @NotBlank @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code") String currency,
            @NotBlank @Size(max = 20) String vatCategory,
            @Size(max = 20) String unit,
            @PositiveOrZero @MaxOnHand Integer reorderPoint) {
    }

    record PriceRequest(@NotNull @PositiveOrZero @AmountDigits BigDecimal unitPrice) {
    }

    record DiscontinueRequest(@Size(max = 500) @FreeText String reason) {
    }

    record ProductAccepted(String sku) {
    }
}
