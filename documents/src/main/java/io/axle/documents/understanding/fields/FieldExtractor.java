package io.axle.documents.understanding.fields;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.axle.documents.understanding.Text;

/**
 * Reads a document's fields from its pages.
 * <p>
 * Most fields are found next to a label ("Total TTC", "Invoice date", "IBAN"), searched on the folded text in French,
 * English and German; the value is the first one of the right shape after the label on the same line, else on the
 * next line. A value right after its label scores 0.97, one character of text in between costs 0.01 (down to 0.70),
 * a value on the next line starts at 0.82; a generic label ("Total", "Date") multiplies by its weight. Some values
 * are also recognised without a label (an IBAN whose checksum passes, a hyphenated French plate), with a lower score.
 * A value that fails its check keeps at most 0.3; one whose reading is a guess (an amount {@code 1.234}, a date
 * {@code 03/04/2026} in English) is multiplied by 0.8. When two different values of a field score within 0.1 of each
 * other, the best one is kept at 0.7 of its score and the note names the other.
 */
public final class FieldExtractor {

    private final ConfidenceThresholds thresholds;

    public FieldExtractor(ConfidenceThresholds thresholds) {
        this.thresholds = thresholds;
    }

    /** What one occurrence of a value reads as: its normalised form, a factor on the score, a note. */
    record Reading(String value, double factor, String note) {

        static Optional<Reading> of(String value) {
            return Optional.of(new Reading(value, 1, ""));
        }
    }

    record Label(Pattern pattern, double weight) {
    }

    private record Candidate(String value, double score, int page, String note) {
    }

    private record Page(int number, String text, String folded) {
    }

    /** How to find one field: labels, the shape of its value, how a value reads, and the score without a label. */
    private record Spec(List<Label> labels, Pattern value, boolean onFolded,
                        BiFunction<String, Boolean, Optional<Reading>> reader, Pattern unlabelled,
                        double unlabelledScore) {
    }

    private static final double NEXT_TO_LABEL = 0.97;
    private static final double NEXT_LINE = 0.82;
    private static final double FAR = 0.70;
    private static final double FAILED_CHECK_CEILING = 0.3;
    private static final double GUESS_FACTOR = 0.8;
    private static final double AMBIGUITY_MARGIN = 0.1;
    private static final double AMBIGUITY_FACTOR = 0.7;

    private static final String AMOUNT = "(?<![\\p{L}\\d.,/])(?:[€$£]\\s?)?(?:\\d{1,3}(?:[ \u00A0\u202F'.,]\\d{3})+(?:[.,]\\d{1,2})?"
            + "|\\d+(?:[.,]\\d{1,2})?)(?![\\d/]|[.,]\\d|\\s?%)(?:\\s?(?:€|EUR|USD|\\$|£|GBP|CHF))?";
    private static final String NOT_VAT_ID = "(?<!n° )(?<!no )(?<!numero de )(?<!numero )";

    private static final String VAT_NUMBER = "(?<![A-Z0-9])(?:FR ?[0-9A-Z]{2} ?\\d{3} ?\\d{3} ?\\d{3}|(?:AT|BE|BG|CY|CZ|DE|DK|EE|EL"
            + "|ES|FI|HR|HU|IE|IT|LT|LU|LV|MT|NL|PL|PT|RO|SE|SI|SK|XI) ?[0-9A-Z+*]{8,12})(?![A-Z0-9])";

    private static final Map<String, Spec> SPECS = new LinkedHashMap<>();

    static {
        SPECS.put("invoiceNumber", new Spec(List.of(
                label("(?:facture|invoice|rechnung|avoir|credit note|devis|quote|bon de commande|purchase order|ordre de reparation)"
                        + "\\s*(?:n°|no\\.?|num(?:ero|ber)|#|nr\\.?)\\s*:?", 1),
                label("(?:numero|n°|no\\.?)\\s*(?:de\\s+)?(?:la\\s+)?facture\\s*:?", 1),
                label("rechnungs?-?\\s?(?:nummer|nr\\.?)\\s*:?", 1),
                label("(?:facture|invoice|rechnung)\\s*:", 0.9),
                label("(?:facture|invoice|rechnung|avoir|credit note)(?=\\s+[a-z]{0,4}[-/]?\\d)", 0.9),
                label("(?:reference|ref\\.)\\s*:", 0.8)),
                Pattern.compile("(?<![\\p{L}\\p{N}])[\\p{L}\\p{N}][\\p{L}\\p{N}\\-/_.]{1,24}[\\p{L}\\p{N}](?![\\p{L}\\p{N}])"),
                false, (raw, en) -> raw.matches(".*\\d.*") && Dates.parse(raw, en).isEmpty()
                        ? Reading.of(raw.toUpperCase(Locale.ROOT)) : Optional.empty(), null, 0));
        SPECS.put("issueDate", new Spec(List.of(
                label("date de (?:la )?facture|date d'emission|date de facturation|invoice date|date of issue|issue date"
                        + "|issued on|rechnungsdatum|ausstellungsdatum|belegdatum", 1),
                label("(?<![\\p{L}'])(?:date|datum)(?![\\p{L}'])", 0.85),
                label("(?:facture|invoice|avoir|devis)\\s+(?:n°|no\\.?)?\\s*[\\p{L}\\p{N}\\-/_.]+\\s+(?:du|of|dated)", 0.95),
                label(", le|fait a [\\p{L}\\- ]+,? le|le", 0.7)),
                Dates.DATE, true, FieldExtractor::readDate, Dates.DATE, 0.5));
        SPECS.put("dueDate", new Spec(List.of(
                label("date d'echeance|echeance|a payer avant le|payable avant le|date limite de paiement|due date"
                        + "|payment due|due by|payable by|payable before|fallig am|falligkeitsdatum|zahlbar bis", 1),
                label("prochain controle avant le|next inspection due|valable jusqu'au|valid until|gultig bis", 0.9)),
                Dates.DATE, true, FieldExtractor::readDate, null, 0));
        SPECS.put("totalExclTax", new Spec(List.of(
                label("total ht|total h\\.t\\.|montant ht|total hors taxes?|total excl\\.? (?:vat|tax)|net amount"
                        + "|total net|nettobetrag|summe netto|gesamt netto", 1),
                label("sous-total|subtotal|zwischensumme", 0.9)),
                Pattern.compile(AMOUNT), false, FieldExtractor::readAmount, null, 0));
        SPECS.put("totalTax", new Spec(List.of(
                label("total tva|montant tva|montant de la tva|total vat|vat amount|tax amount|total tax|mwst\\.?-?betrag"
                        + "|umsatzsteuer", 1),
                label(NOT_VAT_ID + "(?<![\\p{L}])(?:tva|vat|mwst|ust)(?!\\s*intra)(?![\\p{L}])", 0.9)),
                Pattern.compile(AMOUNT), false, FieldExtractor::readAmount, null, 0));
        SPECS.put("totalInclTax", new Spec(List.of(
                label("total ttc|montant ttc|net a payer|total a payer|total due|amount due|balance due|grand total"
                        + "|total incl\\.? (?:vat|tax)|total amount|gesamtbetrag|bruttobetrag|rechnungsbetrag|summe brutto"
                        + "|zu zahlen", 1),
                label("(?<![\\p{L}-])total(?!\\s*(?:ht|h\\.t|hors|excl|net|tva|tax|vat|mwst|ust))(?![\\p{L}])", 0.85)),
                Pattern.compile(AMOUNT), false, FieldExtractor::readAmount, null, 0));
        SPECS.put("vatRate", new Spec(List.of(
                label(NOT_VAT_ID + "(?<![\\p{L}])(?:taux de tva|taux|tva|vat rate|vat|tax rate|mwst|ust|steuersatz)"
                        + "(?!\\s*intra)(?![\\p{L}])", 1)),
                Pattern.compile("(?<![\\d.,])\\d{1,2}(?:[.,]\\d{1,2})?(?=\\s?%)"), false, FieldExtractor::readRate,
                null, 0));
        SPECS.put("iban", new Spec(List.of(label("iban", 1)),
                Pattern.compile("(?<![A-Z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Z0-9])"), false,
                (raw, en) -> checked(raw.replace(" ", ""), Identifiers::iban),
                Pattern.compile("(?<![A-Z0-9])[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?(?![A-Z0-9])"), 0.9));
        SPECS.put("bic", new Spec(List.of(label("bic(?:\\s*/\\s*swift)?|swift(?:\\s*code)?|code bic", 1)),
                Pattern.compile("(?<![A-Z0-9])[A-Z]{6}[A-Z0-9]{2}(?:[A-Z0-9]{3})?(?![A-Z0-9])"), false,
                (raw, en) -> checked(raw, Identifiers::bic), null, 0));
        SPECS.put("supplierVatNumber", new Spec(List.of(
                label("(?:n° (?:de )?|numero (?:de )?)?tva(?: intra-?communautaire)?\\s*:|(?:n° (?:de )?|numero (?:de )?)tva(?: intra-?communautaire)?"
                        + "|tva intra-?communautaire|vat (?:no|number|reg\\.? no|id)"
                        + "|ust-?id(?:nr|\\.-nr)?\\.?|umsatzsteuer-?id(?:entifikationsnummer)?", 1)),
                Pattern.compile(VAT_NUMBER), false, (raw, en) -> checked(raw.replace(" ", ""), Identifiers::euVatNumber),
                Pattern.compile(VAT_NUMBER), 0.6));
        SPECS.put("siret", new Spec(List.of(label("siret", 1)),
                Pattern.compile("(?<!\\d)\\d{3} ?\\d{3} ?\\d{3} ?\\d{5}(?!\\d)"), false,
                (raw, en) -> checked(raw.replace(" ", ""), Identifiers::siret), null, 0));
        SPECS.put("vin", new Spec(List.of(
                label("vin|numero d'identification(?: du vehicule)?|n° d'identification|vehicle identification number"
                        + "|chassis(?: no| number| n°)?|fahrzeug-?identifizierungsnummer|fin|numero de serie|\\(e\\)|e\\.", 1)),
                Pattern.compile("(?<![A-Za-z0-9])[A-Za-z0-9]{17}(?![A-Za-z0-9])"), false, FieldExtractor::readVin,
                Pattern.compile("(?<![A-Za-z0-9])[A-Z0-9]{17}(?![A-Za-z0-9])"), 0.7));
        SPECS.put("plate", new Spec(List.of(
                label("immatriculation|n° d'immatriculation|plaque|registration (?:number|mark|no)|reg\\.? no"
                        + "|kennzeichen|\\(a\\)|a\\.", 1)),
                Identifiers.PLATE, false, (raw, en) -> Identifiers.plate(raw).map(p -> new Reading(p, 1, "")),
                Pattern.compile("(?<![A-Z0-9-])[A-HJ-NP-TV-Z]{2}-\\d{3}-[A-HJ-NP-TV-Z]{2}(?![A-Z0-9-])"), 0.7));
    }

    private static final Pattern CURRENCY = Pattern.compile("€|(?<![A-Z])EUR(?![A-Z])|(?<![A-Z])USD(?![A-Z])|\\$|£"
            + "|(?<![A-Z])GBP(?![A-Z])|(?<![A-Z])CHF(?![A-Z])");
    private static final Pattern SUPPLIER_LABEL = Pattern.compile(
            "(?<![\\p{L}])(?:fournisseur|emetteur|vendeur|prestataire|supplier|vendor|seller|from|lieferant|verkaufer"
                    + "|raison sociale)\\s*:");
    private static final Pattern LEGAL_FORM = Pattern.compile(
            "(?<![\\p{L}])(?:SAS|SASU|SARL|SA|EURL|SNC|SCI|GmbH|AG|KG|UG|Ltd|Limited|LLC|Inc|PLC|SE|S\\.A\\.)(?![\\p{L}])\\.?");
    private static final Pattern CUSTOMER_LINE = Pattern.compile(
            "^(?:client|facture a|factur[ée] a|bill to|billed to|ship to|kunde|rechnungsempfanger|destinataire)\\b.*");

    private static final Set<String> STANDARD_VAT_RATES = Set.of("0", "2.1", "5.5", "10", "20", "7", "19", "21", "6",
            "12", "9", "13", "22", "4", "23", "24", "25", "8", "3", "17", "16", "15", "5", "18", "27", "14");

    private static final List<String> MONEY = List.of("invoiceNumber", "issueDate", "dueDate", "totalExclTax",
            "totalTax", "totalInclTax", "currency", "vatRate", "iban", "bic", "supplierName", "supplierVatNumber",
            "siret");
    private static final List<String> VEHICLE = List.of("vin", "plate");

    /** The fields looked for in each type; a type not listed (or unknown) gets all of them. */
    static final Map<String, List<String>> FIELDS_BY_TYPE = Map.ofEntries(
            Map.entry("invoice", MONEY), Map.entry("credit-note", MONEY), Map.entry("quote", MONEY),
            Map.entry("purchase-order", MONEY),
            Map.entry("receipt", List.of("issueDate", "totalExclTax", "totalTax", "totalInclTax", "currency", "vatRate",
                    "supplierName", "supplierVatNumber", "siret")),
            Map.entry("delivery-note", List.of("issueDate", "supplierName", "supplierVatNumber", "siret")),
            Map.entry("contract", List.of("issueDate", "supplierName", "siret", "iban", "bic")),
            Map.entry("letter", List.of("issueDate", "supplierName", "siret")),
            Map.entry("bank-statement", List.of("issueDate", "iban", "bic", "currency")),
            Map.entry("payslip", List.of("issueDate", "supplierName", "siret", "iban", "currency")),
            Map.entry("vehicle-registration", List.of("vin", "plate", "issueDate")),
            Map.entry("insurance-certificate", List.of("vin", "plate", "issueDate", "dueDate", "supplierName")),
            Map.entry("inspection-report", List.of("vin", "plate", "issueDate", "dueDate", "supplierName", "siret")),
            Map.entry("repair-order", concat(MONEY, VEHICLE)));
    static final List<String> ALL_FIELDS = concat(MONEY, VEHICLE);

    /** Fields a document of the type cannot do without: when one is missing, the document needs validation. */
    static final Map<String, List<String>> REQUIRED_BY_TYPE = Map.of(
            "invoice", List.of("invoiceNumber", "issueDate", "totalInclTax"),
            "credit-note", List.of("invoiceNumber", "issueDate", "totalInclTax"),
            "receipt", List.of("issueDate", "totalInclTax"),
            "vehicle-registration", List.of("vin", "plate"));

    private static final String ANY_TYPE = "*";

    public static List<String> fieldsOf(String type) {
        return FIELDS_BY_TYPE.getOrDefault(type, ALL_FIELDS);
    }

    public static List<String> requiredFieldsOf(String type) {
        return REQUIRED_BY_TYPE.getOrDefault(type, List.of());
    }

    /** The fields of {@code type} found in the pages; {@code language} (ISO 639-1) only settles numeric dates. */
    public List<ExtractedField> extract(List<String> pages, String type, String language) {
        List<Page> read = new ArrayList<>();
        for (int i = 0; i < pages.size(); i++) {
            read.add(new Page(i + 1, pages.get(i), Text.fold(pages.get(i))));
        }
        boolean english = "en".equals(language);
        List<ExtractedField> fields = new ArrayList<>();
        for (String name : fieldsOf(type)) {
            List<Candidate> candidates = switch (name) {
                case "currency" -> currency(read);
                case "supplierName" -> supplierName(read);
                default -> candidates(read, SPECS.get(name), english);
            };
            best(name, candidates).ifPresent(fields::add);
        }
        return fields;
    }

    /** Extracts a single field, whatever the type: for callers and tests that want one answer. */
    public Optional<ExtractedField> extractField(List<String> pages, String name, String language) {
        return extract(pages, ANY_TYPE, language).stream().filter(f -> f.name().equals(name)).findFirst();
    }

    private List<Candidate> candidates(List<Page> pages, Spec spec, boolean english) {
        List<Candidate> out = new ArrayList<>();
        for (Page page : pages) {
            String haystack = spec.onFolded() ? page.folded() : page.text();
            for (Label label : spec.labels()) {
                Matcher l = label.pattern().matcher(page.folded());
                while (l.find()) {
                    int from = l.end();
                    int lineEnd = lineEnd(page.text(), from);
                    int windowEnd = lineEnd < page.text().length() ? lineEnd(page.text(), lineEnd + 1) : lineEnd;
                    Matcher v = spec.value().matcher(haystack).region(from, windowEnd);
                    while (v.find()) {
                        Optional<Reading> reading = spec.reader().apply(v.group(), english);
                        if (reading.isEmpty()) {
                            continue;
                        }
                        int gap = textBetween(page.text(), from, v.start());
                        double position = v.start() <= lineEnd
                                ? Math.max(FAR, NEXT_TO_LABEL - 0.01 * gap)
                                : Math.max(FAR - 0.1, NEXT_LINE - 0.01 * gap);
                        out.add(candidate(reading.get(), position * label.weight(), page.number()));
                        break;
                    }
                }
            }
            if (spec.unlabelled() != null) {
                Matcher v = spec.unlabelled().matcher(haystack);
                while (v.find()) {
                    spec.reader().apply(v.group(), english).ifPresent(r -> out.add(candidate(
                            new Reading(r.value(), r.factor(), r.note().isEmpty() ? "found without a label" : r.note()),
                            spec.unlabelledScore(), page.number())));
                }
            }
        }
        return out;
    }

    private static Candidate candidate(Reading reading, double score, int page) {
        double s = reading.factor() < 0.5 ? Math.min(FAILED_CHECK_CEILING, score * reading.factor())
                : score * reading.factor();
        return new Candidate(reading.value(), s, page, reading.note());
    }

    private Optional<ExtractedField> best(String name, List<Candidate> candidates) {
        Map<String, Candidate> bestByValue = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            bestByValue.merge(c.value(), c, (a, b) -> b.score() > a.score() ? b : a);
        }
        List<Candidate> ranked = bestByValue.values().stream()
                .sorted(Comparator.comparingDouble(Candidate::score).reversed()).toList();
        if (ranked.isEmpty()) {
            return Optional.empty();
        }
        Candidate best = ranked.get(0);
        double confidence = best.score();
        String note = best.note();
        if (ranked.size() > 1 && ranked.get(1).score() >= best.score() - AMBIGUITY_MARGIN) {
            confidence *= AMBIGUITY_FACTOR;
            note = join(note, "several candidates, also " + ranked.get(1).value());
        }
        confidence = Math.round(confidence * 1000) / 1000.0;
        return Optional.of(new ExtractedField(name, best.value(), confidence, best.page(),
                confidence < thresholds.of(name), note));
    }

    private static List<Candidate> currency(List<Page> pages) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, Integer> firstPage = new LinkedHashMap<>();
        for (Page page : pages) {
            Matcher m = CURRENCY.matcher(page.text());
            while (m.find()) {
                String code = switch (m.group()) {
                    case "€" -> "EUR";
                    case "$" -> "USD";
                    case "£" -> "GBP";
                    default -> m.group();
                };
                counts.merge(code, 1, Integer::sum);
                firstPage.putIfAbsent(code, page.number());
            }
        }
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        List<Candidate> out = new ArrayList<>();
        counts.forEach((code, n) -> out.add(new Candidate(code, 0.95 * n / total, firstPage.get(code),
                n == total ? "" : "other currencies in the document")));
        return out;
    }

    private static List<Candidate> supplierName(List<Page> pages) {
        List<Candidate> out = new ArrayList<>();
        Page first = pages.isEmpty() ? null : pages.get(0);
        for (Page page : pages) {
            Matcher l = SUPPLIER_LABEL.matcher(page.folded());
            while (l.find()) {
                String rest = page.text().substring(l.end(), lineEnd(page.text(), l.end())).trim();
                if (!rest.isEmpty()) {
                    out.add(new Candidate(rest, 0.9, page.number(), ""));
                }
            }
        }
        if (first != null) {
            String[] lines = first.text().split("\n");
            int seen = 0;
            for (String line : lines) {
                String trimmed = line.trim();
                if (trimmed.isEmpty() || CUSTOMER_LINE.matcher(Text.fold(trimmed)).matches()) {
                    continue;
                }
                if (++seen > 8) {
                    break;
                }
                if (LEGAL_FORM.matcher(trimmed).find()) {
                    out.add(new Candidate(trimmed.split("\\s+[-–—,|]\\s+")[0].trim(), 0.85, 1, "company line at the top"));
                    break;
                }
            }
        }
        return out;
    }

    private static Optional<Reading> readAmount(String raw, boolean english) {
        return Amounts.parse(raw).map(a -> new Reading(a.value().toPlainString(), a.ambiguous() ? GUESS_FACTOR : 1,
                a.ambiguous() ? "thousands separator or decimal mark: read as thousands" : ""));
    }

    private static Optional<Reading> readDate(String raw, boolean english) {
        return Dates.parse(raw, english).map(d -> new Reading(d.value().toString(), d.ambiguous() ? GUESS_FACTOR : 1,
                d.ambiguous() ? "day and month order guessed" : ""));
    }

    private static Optional<Reading> readRate(String raw, boolean english) {
        String rate = new BigDecimal(raw.replace(',', '.')).stripTrailingZeros().toPlainString();
        return Optional.of(STANDARD_VAT_RATES.contains(rate) ? new Reading(rate, 1, "")
                : new Reading(rate, 0.75, "not a VAT rate in force in the EU"));
    }

    private static Optional<Reading> readVin(String raw, boolean english) {
        String vin = raw.toUpperCase(Locale.ROOT);
        if (!vin.matches(".*\\d.*") || !vin.matches(".*[A-Z].*")) {
            return Optional.empty();
        }
        Identifiers.Check check = Identifiers.vin(vin);
        return Optional.of(switch (check.outcome()) {
            case PASSED -> new Reading(vin, 1, "");
            case WARNING -> new Reading(vin, 0.85, check.reason());
            case FAILED -> new Reading(vin, 0.2, check.reason());
        });
    }

    private static Optional<Reading> checked(String value, java.util.function.Function<String, Identifiers.Check> check) {
        Identifiers.Check result = check.apply(value);
        return Optional.of(result.outcome() == Identifiers.Check.Outcome.FAILED
                ? new Reading(value, 0.2, result.reason()) : new Reading(value, 1, ""));
    }

    private static Label label(String regex, double weight) {
        return new Label(Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + regex + ")"), weight);
    }

    private static int lineEnd(String text, int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end;
    }

    private static int textBetween(String text, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (Character.isLetterOrDigit(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "; " + b;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return List.copyOf(out);
    }
}
