package io.axle.query;

import static org.springframework.data.mongodb.core.query.Criteria.where;

import io.axle.api.common.ListCriteria;
import io.axle.platform.web.Problems;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * How one list is searched, bounded by date and sorted: the document fields its search matches, the date field
 * {@code from}/{@code to} bound (none for a list without a date), the sort fields it allows, and its usual order.
 * Controllers turn {@link ListParams} into a {@link ListCriteria} with {@link #criteria}, refusing what the list does
 * not allow; projections turn the criteria back into a MongoDB filter and order with {@link #filter} and
 * {@link #order}.
 *
 * <p>{@code from} is inclusive and {@code to} exclusive; either is an instant ({@code 2026-03-02T09:00:00Z}) or a date,
 * read in UTC, where {@code from=2026-03-01} starts at that day's midnight and {@code to=2026-03-31} ends at the next
 * midnight, so that a range of dates holds both of its days.
 */
public final class Listing {

    private final String name;
    private final List<String> searchFields;
    private final String dateField;
    private final Map<String, String> sortFields;
    private final Sort usualOrder;
    private final String idField;

    private Listing(String name, List<String> searchFields, String dateField, Map<String, String> sortFields,
            Sort usualOrder, String idField) {
        this.name = name;
        this.searchFields = List.copyOf(searchFields);
        this.dateField = dateField;
        this.sortFields = sortFields;
        this.usualOrder = usualOrder;
        this.idField = idField;
    }

    /**
     * A list named {@code name} (the CSV file is {@code name-<date>.csv}) of documents identified by {@code idField},
     * which also breaks ties between equal sort values so that pages do not overlap.
     */
    public static Builder of(String name, String idField) {
        return new Builder(name, idField);
    }

    /** The list's name, which CSV files are named after. */
    public String name() {
        return name;
    }

    /** The sort fields the list allows, in the order the documentation gives them. */
    public List<String> sortFields() {
        return List.copyOf(sortFields.keySet());
    }

    /**
     * The criteria {@code params} ask for, blank values counting as absent.
     *
     * @throws ErrorResponseException a 400 problem naming the field and its rule: {@code sort} must be
     *         {@code <field>,asc|desc} with one of the allowed fields (listed in {@code allowed}); {@code from} and
     *         {@code to} must be ISO dates or instants, {@code from} before {@code to}, and only for a list with a date
     */
    public ListCriteria criteria(ListParams params) {
        String search = blankToNull(params.q());
        Instant from = bound("from", params.from(), false);
        Instant to = bound("to", params.to(), true);
        if (from != null && to != null && !from.isBefore(to)) {
            throw refusal("to", "after-from", "to must be after from; got from=" + params.from() + ", to="
                    + params.to() + ".", null);
        }
        String sort = blankToNull(params.sort());
        if (sort == null) {
            return new ListCriteria(search, from, to, null, false);
        }
        String[] parts = sort.split(",", -1);
        String field = parts[0].strip();
        String direction = parts.length == 2 ? parts[1].strip().toLowerCase(Locale.ROOT) : "asc";
        boolean known = sortFields.containsKey(field) && (direction.equals("asc") || direction.equals("desc"));
        if (parts.length > 2 || !known) {
            throw refusal("sort", "one-of", "sort must be <field>,asc or <field>,desc with field one of "
                    + String.join(", ", sortFields.keySet()) + "; got '" + sort + "'.", sortFields());
        }
        return new ListCriteria(search, from, to, field, direction.equals("desc"));
    }

    /** {@code base} narrowed by the search and date range of {@code criteria}. */
    public Query filter(Query base, ListCriteria criteria) {
        conditions(criteria).forEach(base::addCriteria);
        return base;
    }

    /**
     * The search and date range of {@code criteria} as conditions, for a filter that already holds an operator (a
     * query holds one criterion without a field only) and combines them with {@code $and}.
     */
    public List<Criteria> conditions(ListCriteria criteria) {
        List<Criteria> conditions = new ArrayList<>();
        if (criteria == null) {
            return conditions;
        }
        if (criteria.search() != null && !criteria.search().isBlank()) {
            String part = Pattern.quote(criteria.search().strip());
            conditions.add(new Criteria().orOperator(
                    searchFields.stream().map(field -> where(field).regex(part, "i")).toArray(Criteria[]::new)));
        }
        if (dateField != null && (criteria.from() != null || criteria.to() != null)) {
            Criteria range = where(dateField);
            if (criteria.from() != null) {
                range = range.gte(criteria.from());
            }
            if (criteria.to() != null) {
                range = range.lt(criteria.to());
            }
            conditions.add(range);
        }
        return conditions;
    }

    /** The order {@code criteria} ask for, ties broken by id; the usual order without a sort. */
    public Sort order(ListCriteria criteria) {
        if (criteria == null || criteria.sort() == null || !sortFields.containsKey(criteria.sort())) {
            return usualOrder;
        }
        Sort.Direction direction = criteria.descending() ? Sort.Direction.DESC : Sort.Direction.ASC;
        String field = sortFields.get(criteria.sort());
        Sort order = Sort.by(direction, field);
        return field.equals(idField) ? order : order.and(Sort.by(direction, idField));
    }

    private Instant bound(String field, String value, boolean end) {
        String text = blankToNull(value);
        if (text == null) {
            return null;
        }
        if (dateField == null) {
            throw refusal(field, "not-supported", "the " + name + " list has no date to bound; leave " + field
                    + " out.", null);
        }
        try {
            if (text.length() == 10) {
                LocalDate day = LocalDate.parse(text);
                return (end ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw refusal(field, "iso-date", field + " must be an ISO date (2026-03-01) or instant "
                    + "(2026-03-01T09:00:00Z); got '" + value + "'.", null);
        }
    }

    /**
     * A 400 problem refusing request parameter {@code field} for {@code rule}, listing the {@code allowed} values when
     * given (null otherwise).
     */
    public static ErrorResponseException refusal(String field, String rule, String detail, List<String> allowed) {
        ProblemDetail problem = Problems.refusal(HttpStatus.BAD_REQUEST, field, rule, detail);
        if (allowed != null) {
            problem.setProperty("allowed", allowed);
        }
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, problem, null);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Describes a list step by step; the usual order and the id are required, the rest optional. */
    public static final class Builder {

        private final String name;
        private final String idField;
        private final List<String> searchFields = new ArrayList<>();
        private final Map<String, String> sortFields = new LinkedHashMap<>();
        private String dateField;

        private Builder(String name, String idField) {
            this.name = name;
            this.idField = idField;
        }

        /** The document fields whose text the search looks into, ignoring case. */
        public Builder searching(String... fields) {
            searchFields.addAll(List.of(fields));
            return this;
        }

        /** The document field that {@code from} and {@code to} bound. */
        public Builder dated(String field) {
            dateField = field;
            return this;
        }

        /** Sort fields whose API name is the document field's. */
        public Builder sortable(String... fields) {
            for (String field : fields) {
                sortFields.put(field, field);
            }
            return this;
        }

        /** A sort field named {@code apiName} in the API, sorting by {@code documentField}. */
        public Builder sortableAs(String apiName, String documentField) {
            sortFields.put(apiName, documentField);
            return this;
        }

        public Listing inUsualOrder(Sort usualOrder) {
            return new Listing(name, searchFields, dateField, new LinkedHashMap<>(sortFields), usualOrder, idField);
        }
    }
}
