package io.axle.command.invoice;

import java.time.Duration;

import io.axle.api.invoice.AllocateInvoiceNumberCommand;
import io.axle.api.invoice.DocumentKind;
import io.axle.api.invoice.InvoiceNumberSequences;
import io.axle.command.HotAggregateCommands;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The way to take an invoice or credit-note number: sends {@link AllocateInvoiceNumberCommand} to the company's
 * sequence for the year and answers the number. Every allocation of a company's year writes to one stream, a hot spot
 * like the run slots, so it goes through {@link HotAggregateCommands}. Sending again is safe even when the first
 * attempt was stored and only its answer lost: the same document gets its own number back.
 *
 * <p>A number is always stored in a transaction of its own. Asked while a message is being handled (the issuing
 * process's event handler), a command sent the usual way would join that handler's transaction: the sequence's new
 * event would stay uncommitted, blocking every other allocation, until the handler finished rendering and issuing,
 * and a lost race on the sequence would abort the handler's whole transaction (PostgreSQL allows nothing after a
 * failed statement). So such an allocation is sent from another thread, with the handler's correlation data, and
 * committed before the handler goes on.
 */
public final class InvoiceNumbers {

    /** Attempts per allocation, counting the first. */
    static final int ATTEMPTS = 50;
    /**
     * Longest wait for a number: past it the handler fails (and is retried, getting the same number, as allocation is
     * idempotent per document) rather than hold its processor's thread for good.
     */
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final ExecutorService OWN_TRANSACTIONS = Executors.newCachedThreadPool(daemonThreads());

    private InvoiceNumbers() {
    }

    /** The number of invoice {@code invoiceId} in {@code company}'s sequence of {@code year}, e.g. INV-2026-000042. */
    public static String allocate(CommandGateway commandGateway, String company, int year, String invoiceId) {
        return allocate(commandGateway, DocumentKind.INVOICE, company, year, invoiceId);
    }

    /**
     * The number of document {@code documentId} in {@code company}'s {@code kind} sequence of {@code year}: for
     * example INV-2026-000042 for an invoice, CN-2026-000007 for a credit note.
     */
    public static String allocate(CommandGateway commandGateway, DocumentKind kind, String company, int year,
                                  String documentId) {
        return allocate(commandGateway, kind, company, year, documentId, TIMEOUT);
    }

    static String allocate(CommandGateway commandGateway, DocumentKind kind, String company, int year,
                           String documentId, Duration timeout) {
        AllocateInvoiceNumberCommand command = new AllocateInvoiceNumberCommand(
                InvoiceNumberSequences.id(kind, company, year), company, year, documentId, kind);
        if (!CurrentUnitOfWork.isStarted()) {
            return HotAggregateCommands.send(commandGateway, command, ATTEMPTS);
        }
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.from(CurrentUnitOfWork.get().getCorrelationData()));
        Future<String> allocation = OWN_TRANSACTIONS.submit(
                () -> HotAggregateCommands.<String>send(commandGateway, message, ATTEMPTS));
        try {
            return allocation.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            allocation.cancel(true);
            throw new IllegalStateException("no number for " + documentId + " within " + timeout
                    + "; the event is tried again", e);
        } catch (InterruptedException e) {
            allocation.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking the number of " + documentId, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("could not take the number of " + documentId, e.getCause());
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "axle-invoice-numbers-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
