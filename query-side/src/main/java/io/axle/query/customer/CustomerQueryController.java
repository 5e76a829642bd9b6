package io.axle.query.customer;

import io.axle.api.common.PageResult;
import io.axle.api.customer.CustomerView;
import io.axle.api.customer.FindCustomerQuery;
import io.axle.api.customer.ListCustomersQuery;
import io.axle.platform.security.PartnerScope;
import io.axle.platform.web.NotFoundException;
import io.axle.query.PageParams;
import io.axle.query.Pages;
import jakarta.validation.Valid;
import java.util.Optional;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer read API: one customer and a page of customers ordered by name. A partner sees its own customer only;
 * any other answers 404 as an unknown one does.
 */
@RestController
@RequestMapping("/api/v1/customers")
public class CustomerQueryController {

    static final String READERS = "hasAnyRole('ADMIN','OPERATOR','ANALYST','PARTNER')";

    private final QueryGateway queryGateway;

    public CustomerQueryController(QueryGateway queryGateway) {
        this.queryGateway = queryGateway;
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

    @GetMapping
    @PreAuthorize(READERS)
    public PageResult<CustomerView> list(@Valid PageParams paging) {
        Optional<String> partner = PartnerScope.customer();
        if (partner.isPresent()) {
            CustomerView own = queryGateway.query(new FindCustomerQuery(partner.get()), CustomerView.class).join();
            return Pages.single(own, paging);
        }
        ListCustomersQuery query = new ListCustomersQuery(paging.pageOrDefault(), paging.sizeOrDefault());
        return Pages.queryPage(queryGateway, query);
    }
}
