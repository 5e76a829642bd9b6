package io.axle.query.customer;

import io.axle.api.common.PageResult;
import io.axle.api.customer.CustomerView;
import io.axle.api.customer.ExportCustomersQuery;
import io.axle.api.customer.FindCustomerQuery;
import io.axle.api.customer.ListCustomersQuery;
import io.axle.platform.security.PartnerScope;
import io.axle.platform.web.NotFoundException;
import io.axle.query.CsvColumns;
import io.axle.query.CsvExports;
import io.axle.query.ListParams;
import io.axle.query.PageParams;
import io.axle.query.Pages;
import jakarta.validation.Valid;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The customer read API: one customer, and a searched and sorted page of customers (by name unless asked otherwise) or
 * all of them as CSV. A partner sees its own customer only, in lists and exports too; any other answers 404 as an
 * unknown one does.
 */
@RestController
@RequestMapping("/api/v1/customers")
public class CustomerQueryController {

    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','ANALYST','PARTNER')";

    /** The columns of the CSV export, credit amounts as plain decimals beside their currency. */
    static final CsvColumns<CustomerView> CSV = CsvColumns.of(CustomerView.class)
            .column("customerId", CustomerView::customerId)
            .column("name", CustomerView::name)
            .column("email", CustomerView::email)
            .column("vatNumber", CustomerView::vatNumber)
            .column("country", CustomerView::country)
            .column("language", CustomerView::language)
            .column("phone", CustomerView::phone)
            .column("creditLimit", CustomerView::creditLimit)
            .column("creditReserved", CustomerView::creditReserved)
            .column("creditAvailable", CustomerView::creditAvailable)
            .column("currency", CustomerView::currency)
            .column("updatedAt", CustomerView::updatedAt);

    private final QueryGateway queryGateway;
    private final CsvExports exports;

    public CustomerQueryController(QueryGateway queryGateway, CsvExports exports) {
        this.queryGateway = queryGateway;
        this.exports = exports;
    }

    @GetMapping("/{id}")
    @PreAuthorize(READERS)
    public CustomerView find(@PathVariable String id) {
        if (!PartnerScope.mayAccess(id)) {
            throw new NotFoundException("customer", id);
        }
        CustomerView customer = queryGateway.query(new FindCustomerQuery(id), CustomerView.class).join();
        if (customer == null) {
            throw new NotFoundException("customer", id);
        }
        return customer;
    }

    /** Customers by name, or as {@code sort} asks, searched and bounded by their last registration or edit. */
    @GetMapping
    @PreAuthorize(READERS)
    public PageResult<CustomerView> list(@Valid PageParams paging, @Valid ListParams list) {
        return Pages.queryPage(queryGateway, query(paging, list));
    }

    /** Every row the same filters match, as CSV ({@code Accept: text/csv} or {@code ?format=csv}). */
    @GetMapping(produces = CsvExports.CSV)
    @PreAuthorize(READERS)
    public ResponseEntity<StreamingResponseBody> export(@Valid PageParams paging, @Valid ListParams list) {
        ListCustomersQuery query = query(paging, list);
        return exports.export(CustomerProjection.LISTING.name(), CustomerView.class, CSV,
                limit -> new ExportCustomersQuery(query, limit));
    }

    /** The list query the parameters ask for, of a partner's own customer only. */
    private static ListCustomersQuery query(PageParams paging, ListParams list) {
        return new ListCustomersQuery(PartnerScope.customer().orElse(null), CustomerProjection.LISTING.criteria(list),
                paging.pageOrDefault(), paging.sizeOrDefault());
    }
}
