package io.axle.command.invoice;

import io.axle.command.HotAggregateCommands;
import io.axle.api.invoice.AllocateInvoiceNumberCommand;
import io.axle.api.invoice.InvoiceNumberSequences;
import org.axonframework.commandhandling.gateway.CommandGateway;

/**
 * The way to take an invoice number: sends {@link AllocateInvoiceNumberCommand} to the company's sequence for the year
 * and answers the number. Every allocation of a company's year writes to one stream, a hot spot like the run slots,
 * so it goes through {@link HotAggregateCommands}. Sending again is safe even when the first attempt was stored and
 * only its answer lost: the same invoice gets its own number back.
 */
public final class InvoiceNumbers {

    /** Attempts per allocation, counting the first. */
    static final int ATTEMPTS = 50;

    private InvoiceNumbers() {
    }

    /** The number of invoice {@code invoiceId} in {@code company}'s sequence of {@code year}, e.g. INV-2026-000042. */
    public static String allocate(CommandGateway commandGateway, String company, int year, String invoiceId) {
        AllocateInvoiceNumberCommand command = new AllocateInvoiceNumberCommand(
                InvoiceNumberSequences.id(company, year), company, year, invoiceId);
        return HotAggregateCommands.send(commandGateway, command, ATTEMPTS);
    }
}
