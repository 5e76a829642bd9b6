package io.axle.launcher.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.launcher.e2e.SpecCoverage.Endpoint;
import org.junit.jupiter.api.Test;

/** The comparison behind the completeness test, on small hand-written descriptions. */
class SpecCoverageTest {

    private static final String DESCRIBED = """
            {"x-roles": ["admin"], "description": "Roles: admin.",
             "responses": {"200": {"content": {"application/json": {}}},
                           "400": {"content": {"application/problem+json": {}}}}}""";

    private static JsonNode spec(String paths) throws Exception {
        return new ObjectMapper().readTree("{\"paths\": {" + paths + "}}");
    }

    @Test
    void aFullyDescribedEndpointHasNoGap() throws Exception {
        JsonNode spec = spec("\"/api/v1/orders/{id}\": {\"get\": " + DESCRIBED + "}");

        assertThat(SpecCoverage.gaps(List.of(new Endpoint("GET", "/api/v1/orders/{id}")), spec)).isEmpty();
    }

    @Test
    void anEndpointMissingFromTheDescriptionIsReported() throws Exception {
        JsonNode spec = spec("\"/api/v1/orders/{id}\": {\"get\": " + DESCRIBED + "}");

        assertThat(SpecCoverage.gaps(List.of(new Endpoint("GET", "/api/v1/orders/{id}"),
                new Endpoint("POST", "/api/v1/orders/{id}"), new Endpoint("GET", "/api/v1/orders")), spec))
                .containsExactly("GET /api/v1/orders: not described", "POST /api/v1/orders/{id}: not described");
    }

    @Test
    void anOperationWithoutRolesOrProblemsIsReported() throws Exception {
        JsonNode spec = spec("""
                "/api/v1/stock": {"get": {"description": "Lists stock.",
                                          "responses": {"200": {"content": {"application/json": {}}}}}}""");

        assertThat(SpecCoverage.gaps(List.of(new Endpoint("GET", "/api/v1/stock")), spec)).containsExactly(
                "GET /api/v1/stock: no x-roles", "GET /api/v1/stock: no roles in its description",
                "GET /api/v1/stock: no application/problem+json response");
    }

    @Test
    void anAcceptedEndpointDocumentedAsOkIsReported() throws Exception {
        JsonNode spec = spec("""
                "/api/v1/orders": {"post": {"responses": {"200": {}, "400": {}}}},
                "/api/v1/customers": {"post": {"responses": {"201": {}, "202": {}, "400": {}}}}""");

        assertThat(SpecCoverage.successGaps(new TreeMap<>(Map.of(new Endpoint("POST", "/api/v1/orders"), 202,
                new Endpoint("POST", "/api/v1/customers"), 201)), spec))
                .containsExactly("POST /api/v1/orders: answers 202, documented as 200");
    }

    @Test
    void anEndpointThatChoosesItsStatusWithoutSayingWhichIsReported() throws Exception {
        JsonNode spec = spec("\"/api/v1/orders\": {\"post\": {\"responses\": {\"200\": {}}}}");
        Map<Endpoint, Integer> statuses = new TreeMap<>();
        statuses.put(new Endpoint("POST", "/api/v1/orders"), null);

        assertThat(SpecCoverage.successGaps(statuses, spec)).containsExactly(
                "POST /api/v1/orders: chooses its status at run time; name it in the module's openapi-notes.json");
    }
}
