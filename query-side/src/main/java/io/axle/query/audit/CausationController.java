package io.axle.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axle.platform.privacy.PersonalDataCipher;
import io.axle.platform.privacy.PersonalDataTree;
import io.axle.platform.web.NotFoundException;
import java.util.List;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/audit/correlations/{correlationId}}: the causation tree of every event one request led to. */
@RestController
public class CausationController {

    private final CausationProjection index;
    private final ObjectMapper json;
    private final UnaryOperator<JsonNode> reveal;

    public CausationController(CausationProjection index, ObjectMapper json,
                               ObjectProvider<PersonalDataCipher> personalData) {
        this.index = index;
        this.json = json;
        PersonalDataCipher cipher = personalData.getIfAvailable();
        this.reveal = cipher == null ? UnaryOperator.identity() : new PersonalDataTree(cipher, json)::reveal;
    }

    @GetMapping("/api/v1/audit/correlations/{correlationId}")
    @PreAuthorize("hasAnyRole('ADMIN','OPERATOR','ANALYST')")
    public CausationTree tree(@PathVariable String correlationId) {
        List<CausationEntry> entries = index.entries(correlationId);
        if (entries.isEmpty()) {
            throw new NotFoundException("correlation", correlationId);
        }
        return CausationTree.of(correlationId, entries, json, reveal);
    }
}
