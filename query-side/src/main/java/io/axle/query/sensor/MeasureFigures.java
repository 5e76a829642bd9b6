package io.axle.query.sensor;

import io.axle.api.sensor.MeasureStatistics;
import org.bson.Document;

/**
 * Count, minimum, maximum and sum of one measure as stored in a statistics or bucket document (of a sensor run or of a
 * vehicle's telemetry); the average is derived from the sum when read, so figures can keep being added to without
 * rounding drift.
 */
public final class MeasureFigures {

    private long count;
    private double min;
    private double max;
    private double sum;

    public void add(Double value) {
        if (value == null) {
            return;
        }
        double v = value;
        if (count == 0) {
            min = v;
            max = v;
        } else {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        sum += v;
        count++;
    }

    /** Adds the figures of another tally of the same measure, as if its values had been added one by one. */
    public void merge(MeasureFigures other) {
        if (other.count == 0) {
            return;
        }
        min = count == 0 ? other.min : Math.min(min, other.min);
        max = count == 0 ? other.max : Math.max(max, other.max);
        sum += other.sum;
        count += other.count;
    }

    public long count() {
        return count;
    }

    public double sum() {
        return sum;
    }

    public MeasureStatistics toStatistics() {
        return count == 0 ? new MeasureStatistics(0, null, null, null)
                : new MeasureStatistics(count, min, max, sum / count);
    }

    public Document toDocument() {
        Document figures = new Document("count", count);
        if (count > 0) {
            figures.append("min", min).append("max", max).append("sum", sum);
        }
        return figures;
    }

    public static MeasureFigures from(Document document) {
        MeasureFigures figures = new MeasureFigures();
        if (document != null) {
            figures.count = number(document.get("count")).longValue();
            if (figures.count > 0) {
                figures.min = number(document.get("min")).doubleValue();
                figures.max = number(document.get("max")).doubleValue();
                figures.sum = number(document.get("sum")).doubleValue();
            }
        }
        return figures;
    }

    private static Number number(Object value) {
        return value instanceof Number n ? n : 0;
    }
}
