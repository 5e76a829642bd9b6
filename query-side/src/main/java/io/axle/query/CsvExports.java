package io.axle.query;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import reactor.core.publisher.Flux;

/**
 * Answers a list's CSV export: sends its export query through the query gateway as an Axon streaming query and writes
 * each row to the response as it arrives, so that neither side holds the whole result (see ADR 0016). An export
 * stops after {@value #PROPERTY} rows (default {@value #DEFAULT_MAX_ROWS}), so that one request cannot run unbounded.
 */
@Component
public class CsvExports {

    public static final String PROPERTY = "axle.export.max-rows";
    public static final int DEFAULT_MAX_ROWS = 100_000;
    /** What a list endpoint's CSV export {@code produces}; asked with {@code Accept: text/csv}. */
    public static final String CSV = "text/csv";
    /** {@code text/csv; charset=UTF-8}, what the list endpoints answer a CSV export with. */
    public static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    /** How many rows are asked from the stream ahead of the ones written. */
    private static final int PREFETCH = 256;

    private final QueryGateway queryGateway;
    private final int maxRows;
    private final Clock clock;

    @Autowired
    public CsvExports(QueryGateway queryGateway, @Value("${" + PROPERTY + ":" + DEFAULT_MAX_ROWS + "}") int maxRows) {
        this(queryGateway, maxRows, Clock.systemUTC());
    }

    public CsvExports(QueryGateway queryGateway, int maxRows, Clock clock) {
        if (maxRows < 1) {
            throw new IllegalArgumentException(PROPERTY + " must be at least 1; got " + maxRows);
        }
        this.queryGateway = queryGateway;
        this.maxRows = maxRows;
        this.clock = clock;
    }

    /**
     * The CSV file {@code name-<today>.csv} of the rows {@code query} (given the row limit) streams, in
     * {@code columns}. The query is sent when the body is written, on the servlet's async thread: whatever depends on
     * the caller (partner scope) must already be in it.
     */
    public <T> ResponseEntity<StreamingResponseBody> export(String name, Class<T> rowType, CsvColumns<T> columns,
            IntFunction<?> query) {
        Object export = query.apply(maxRows);
        return file(name, columns, () -> Flux.from(queryGateway.streamingQuery(export, rowType)));
    }

    /** The CSV file {@code name-<today>.csv} with the header of {@code columns} and no row: a list with no match. */
    public <T> ResponseEntity<StreamingResponseBody> none(String name, CsvColumns<T> columns) {
        return file(name, columns, Flux::empty);
    }

    private <T> ResponseEntity<StreamingResponseBody> file(String name, CsvColumns<T> columns,
            Supplier<Flux<T>> source) {
        StreamingResponseBody body = out -> {
            Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            columns.writeHeader(writer);
            try (Stream<T> rows = source.get().toStream(PREFETCH)) {
                Iterator<T> each = rows.iterator();
                while (each.hasNext()) {
                    columns.writeRow(writer, each.next());
                }
            }
            writer.flush();
        };
        String filename = name + "-" + LocalDate.now(clock) + ".csv";
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(filename).build()
                        .toString())
                .body(body);
    }
}
