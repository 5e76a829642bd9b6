package io.axle.query.firmware;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.axle.api.common.PageResult;
import io.axle.api.firmware.ExportFirmwareQuery;
import io.axle.api.firmware.FindFirmwareQuery;
import io.axle.api.firmware.FirmwareReleasedEvent;
import io.axle.api.firmware.FirmwareStatus;
import io.axle.api.firmware.FirmwareView;
import io.axle.api.firmware.FirmwareWithdrawnEvent;
import io.axle.api.firmware.ListFirmwareQuery;
import io.axle.query.Listing;
import io.axle.query.Pages;
import io.axle.query.ReadModels;
import jakarta.annotation.PostConstruct;
import java.util.List;
import java.util.regex.Pattern;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Projects the firmware catalogue's events into one {@link FirmwareDocument} per firmware and answers the catalogue
 * queries from it. A release is written once (applying it again changes nothing); a withdrawal is conditional on the
 * stored aggregate sequence number like every later write.
 */
@Component
@ProcessingGroup("firmware")
public class FirmwareProjection {

    static final String COLLECTION = "firmware";

    /** The catalogue: searched by version, file name and release notes, dated by release, newest first. */
    static final Listing LISTING = Listing.of(COLLECTION, "firmwareId")
            .searching("version", "fileName", "releaseNotes")
            .dated("releasedAt")
            .sortable("releasedAt", "ecu", "version", "status", "size")
            .inUsualOrder(Sort.by(Sort.Order.desc("releasedAt"), Sort.Order.desc("firmwareId")));

    private final MongoTemplate mongo;

    public FirmwareProjection(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The indexes the catalogue's filters and orders need on a real MongoDB. */
    @PostConstruct
    void createIndexes() {
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("ecu", Sort.Direction.ASC)
                .on("status", Sort.Direction.ASC).on("releasedAt", Sort.Direction.DESC).named("ecu_status_releasedAt"));
        ReadModels.createIndex(mongo, COLLECTION, new Index().on("releasedAt", Sort.Direction.DESC)
                .named("releasedAt"));
        for (String field : List.of("version", "status", "size")) {
            ReadModels.createIndex(mongo, COLLECTION, new Index().on(field, Sort.Direction.ASC)
                    .on("_id", Sort.Direction.ASC).named(field + "_id"));
        }
    }

    @EventHandler
    void on(FirmwareReleasedEvent event, @SequenceNumber long sequence) {
        try {
            mongo.insert(new FirmwareDocument(event.firmwareId(), event.ecu(), event.version(), event.sha256(),
                    event.size(), event.fileName(), event.hardware() == null ? List.of() : event.hardware(),
                    event.fromVersions(), event.releaseNotes(), FirmwareStatus.RELEASED, event.releasedBy(),
                    event.releasedAt(), null, null, sequence), COLLECTION);
        } catch (DuplicateKeyException alreadyApplied) {
            // released once, never changed
        }
    }

    @EventHandler
    void on(FirmwareWithdrawnEvent event, @SequenceNumber long sequence) {
        ReadModels.updateIfNewer(mongo, COLLECTION, FirmwareDocument.class, "firmwareId", event.firmwareId(),
                sequence, FirmwareDocument::sequence, current -> new Update()
                        .set("status", FirmwareStatus.WITHDRAWN)
                        .set("withdrawnReason", event.reason())
                        .set("withdrawnAt", event.withdrawnAt()));
    }

    @ResetHandler
    void reset() {
        mongo.remove(new Query(), COLLECTION);
    }

    @QueryHandler
    FirmwareView handle(FindFirmwareQuery query) {
        FirmwareDocument firmware = mongo.findById(query.firmwareId(), FirmwareDocument.class, COLLECTION);
        return firmware == null ? null : firmware.toView();
    }

    /**
     * Declared with the raw {@link PageResult} because Axon 4 matches {@code ResponseTypes.instanceOf(PageResult.class)}
     * only against a non-parameterized return type (AxonFramework issue #1537); the content is {@link FirmwareView}.
     */
    @QueryHandler
    @SuppressWarnings("rawtypes")
    PageResult handle(ListFirmwareQuery query) {
        return page(query);
    }

    PageResult<FirmwareView> page(ListFirmwareQuery query) {
        return Pages.page(mongo, COLLECTION, FirmwareDocument.class, filter(query), LISTING.order(query.criteria()),
                query.page(), query.size(), FirmwareDocument::toView);
    }

    /** Every firmware the list would page through, in its order, as the cursor reads them. */
    @QueryHandler
    Flux<FirmwareView> handle(ExportFirmwareQuery query) {
        return Pages.stream(mongo, COLLECTION, FirmwareDocument.class, filter(query.list()),
                LISTING.order(query.list().criteria()), query.limit(), FirmwareDocument::toView);
    }

    /** ECU names are matched ignoring case ({@code ecm} finds {@code ECM}). */
    private static Query filter(ListFirmwareQuery query) {
        Query filter = new Query();
        if (query.ecu() != null && !query.ecu().isBlank()) {
            filter.addCriteria(where("ecu").regex("^" + Pattern.quote(query.ecu().strip()) + "$", "i"));
        }
        if (query.status() != null) {
            filter.addCriteria(where("status").is(query.status()));
        }
        return LISTING.filter(filter, query.criteria());
    }
}
