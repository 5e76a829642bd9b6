package io.axle.command.stock;

import io.axle.api.stock.AdjustStockCommand;
import io.axle.api.stock.CountStockCommand;
import io.axle.api.stock.ReceiveStockCommand;
import io.axle.command.bounds.Bounds;
import io.axle.command.bounds.MaxOnHand;
import io.axle.command.bounds.MaxQuantity;
import io.axle.platform.json.FreeText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Receives, adjusts and counts the stock of a SKU. */
@RestController
@RequestMapping("/api/v1/stock/{sku}")
class StockCommandController {

    private final CommandGateway commandGateway;

    StockCommandController(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @PostMapping("/receipts")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ResponseEntity<StockAccepted> receive(@PathVariable String sku, @Valid @RequestBody ReceiptRequest request) {
        commandGateway.sendAndWait(new ReceiveStockCommand(sku, request.quantity()));
        return ResponseEntity.accepted().body(new StockAccepted(sku));
    }

    @PostMapping("/adjustments")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ResponseEntity<StockAccepted> adjust(@PathVariable String sku, @Valid @RequestBody AdjustmentRequest request) {
        commandGateway.sendAndWait(new AdjustStockCommand(sku, request.quantity(), request.reason()));
        return ResponseEntity.accepted().body(new StockAccepted(sku));
    }

    @PostMapping("/counts")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR')")
    public ResponseEntity<StockAccepted> count(@PathVariable String sku, @Valid @RequestBody CountRequest request) {
        commandGateway.sendAndWait(new CountStockCommand(sku, request.counted()));
        return ResponseEntity.accepted().body(new StockAccepted(sku));
    }

    record ReceiptRequest(@NotNull @Positive @MaxQuantity Integer quantity) {
    }

    /** A signed correction of at most a quantity's bound either way; zero changes nothing and is refused by the item. */
    record AdjustmentRequest(@NotNull @Min(-Bounds.MAX_QUANTITY) @MaxQuantity Integer quantity,
                             @NotBlank @Size(max = 500) @FreeText String reason) {
    }

    record CountRequest(@NotNull @PositiveOrZero @MaxOnHand Integer counted) {
    }

    record StockAccepted(String sku) {
    }
}
