package io.axle.query.vehicle;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.axle.api.campaign.CampaignTarget;
import io.axle.api.campaign.FindCampaignTargetsQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Answers which registered vehicles a campaign flashes, from the vehicle read model: with {@code vehicleIds}, exactly
 * those (unknown ones left out); otherwise those of the make and model (equal in any case, absent for any) whose year
 * (the registered {@code year}, else the VIN's {@code modelYear}) is within the range. Only vehicles that have the
 * ECU, oldest registration first, at most {@code limit}.
 */
@Component
public class CampaignTargets {

    private final MongoTemplate mongo;

    public CampaignTargets(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** The matching vehicles' ids ({@code List<String>}); an empty list for none. */
    @QueryHandler
    List<String> handle(FindCampaignTargetsQuery query) {
        if (query.limit() < 1) {
            return List.of();
        }
        Query select = new Query(matching(query.target(), query.ecu()))
                .with(Sort.by(Sort.Order.asc("registeredAt"), Sort.Order.asc("_id")))
                .limit(query.limit());
        select.fields().include("_id");
        return mongo.find(select, VehicleDocument.class, VehicleProjection.COLLECTION).stream()
                .map(VehicleDocument::vehicleId)
                .toList();
    }

    private static Criteria matching(CampaignTarget target, String ecu) {
        List<Criteria> all = new ArrayList<>();
        all.add(where("registeredAt").ne(null));
        all.add(where("ecus").elemMatch(where("ecu").is(ecu)));
        if (target.vehicleIds() != null && !target.vehicleIds().isEmpty()) {
            all.add(where("_id").in(target.vehicleIds()));
            return new Criteria().andOperator(all);
        }
        if (target.make() != null && !target.make().isBlank()) {
            all.add(where("make").regex(exactly(target.make())));
        }
        if (target.model() != null && !target.model().isBlank()) {
            all.add(where("model").regex(exactly(target.model())));
        }
        if (target.yearFrom() != null || target.yearTo() != null) {
            all.add(new Criteria().orOperator(
                    within(where("year"), target),
                    within(where("year").is(null).and("modelYear"), target)));
        }
        return new Criteria().andOperator(all);
    }

    /** {@code value} as a whole, in any case, its characters taken literally. */
    private static Pattern exactly(String value) {
        return Pattern.compile("^" + Pattern.quote(value.strip()) + "$", Pattern.CASE_INSENSITIVE);
    }

    private static Criteria within(Criteria year, CampaignTarget target) {
        if (target.yearFrom() != null) {
            year = year.gte(target.yearFrom());
        }
        if (target.yearTo() != null) {
            year = year.lte(target.yearTo());
        }
        return year;
    }
}
