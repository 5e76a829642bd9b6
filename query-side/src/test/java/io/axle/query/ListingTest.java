package io.axle.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.axle.api.common.ListCriteria;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.Sort;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** How list parameters become criteria, and what a list refuses with a problem naming the parameter and its rule. */
class ListingTest {

    private static final Listing DATED = Listing.of("orders", "orderId")
            .searching("number")
            .dated("placedAt")
            .sortable("placedAt", "number")
            .sortableAs("owed", "outstanding")
            .inUsualOrder(Sort.by(Sort.Order.desc("placedAt")));
    private static final Listing UNDATED = Listing.of("stock", "sku").sortable("sku").inUsualOrder(Sort.by("sku"));

    @Test
    void noParametersAskForTheUsualOrderWithNoBounds() {
        assertThat(DATED.criteria(ListParams.NONE)).isEqualTo(ListCriteria.NONE);
        assertThat(DATED.criteria(new ListParams(" ", "", " ", ""))).isEqualTo(ListCriteria.NONE);
        assertThat(DATED.order(ListCriteria.NONE)).isEqualTo(Sort.by(Sort.Order.desc("placedAt")));
    }

    @Test
    void aDateFromStartsAtItsMidnightAndADateToEndsAtTheNextOne() {
        ListCriteria criteria = DATED.criteria(new ListParams("SO-1", "2026-03-01", "2026-03-31", null));

        assertThat(criteria.search()).isEqualTo("SO-1");
        assertThat(criteria.from()).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(criteria.to()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    }

    @Test
    void instantsAreTakenAsGiven() {
        ListCriteria criteria = DATED.criteria(new ListParams(null, "2026-03-01T09:30:00Z", "2026-03-01T10:00:00Z",
                null));

        assertThat(criteria.from()).isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
        assertThat(criteria.to()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void aSortNamesAnAllowedFieldAndADirectionAscendingByDefault() {
        assertThat(DATED.criteria(new ListParams(null, null, null, "number,desc")))
                .isEqualTo(new ListCriteria(null, null, null, "number", true));
        assertThat(DATED.criteria(new ListParams(null, null, null, "number"))).isEqualTo(
                new ListCriteria(null, null, null, "number", false));
        assertThat(DATED.order(new ListCriteria(null, null, null, "owed", true)))
                .isEqualTo(Sort.by(Sort.Order.desc("outstanding"), Sort.Order.desc("orderId")));
        assertThat(DATED.order(new ListCriteria(null, null, null, "number", false)))
                .isEqualTo(Sort.by(Sort.Order.asc("number"), Sort.Order.asc("orderId")));
    }

    @Test
    void anUnknownSortFieldOrDirectionIsRefusedListingTheAllowedFields() {
        for (String sort : List.of("total,asc", "number,up", "number,asc,again", "outstanding")) {
            ProblemDetail problem = refused(DATED, new ListParams(null, null, null, sort));

            assertThat(problem.getProperties()).containsEntry("field", "sort").containsEntry("rule", "one-of")
                    .containsEntry("allowed", List.of("placedAt", "number", "owed"));
            assertThat(problem.getDetail()).contains(sort, "placedAt, number, owed");
        }
    }

    @Test
    void aDateThatIsNotIsoIsRefusedNamingItsParameter() {
        ProblemDetail problem = refused(DATED, new ListParams(null, "01/03/2026", null, null));

        assertThat(problem.getProperties()).containsEntry("field", "from").containsEntry("rule", "iso-date");
        assertThat(refused(DATED, new ListParams(null, null, "tomorrow", null)).getProperties())
                .containsEntry("field", "to");
    }

    @Test
    void aRangeEndingBeforeItStartsIsRefused() {
        ProblemDetail problem = refused(DATED, new ListParams(null, "2026-03-02", "2026-03-01", null));

        assertThat(problem.getProperties()).containsEntry("field", "to").containsEntry("rule", "after-from");
    }

    @Test
    void aListWithoutADateRefusesABound() {
        ProblemDetail problem = refused(UNDATED, new ListParams(null, "2026-03-01", null, null));

        assertThat(problem.getProperties()).containsEntry("field", "from").containsEntry("rule", "not-supported");
    }

    private static ProblemDetail refused(Listing listing, ListParams params) {
        ErrorResponseException refusal = (ErrorResponseException) catchThrowable(() -> listing.criteria(params));
        assertThat(refusal).isNotNull();
        assertThat(refusal.getStatusCode().value()).isEqualTo(400);
        return refusal.getBody();
    }
}
