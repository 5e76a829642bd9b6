package io.axle.documents.understanding.classification;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.axle.documents.understanding.Text;

/**
 * The cold-start rules: for each document type, phrases in French, English and German with a weight. A title
 * phrase ("facture", "invoice", "Rechnung") weighs 3, a phrase typical of the type but found elsewhere too weighs 1.
 * Phrases are matched on whole words of the folded text (case and accents ignored). More types, or other phrases,
 * come by configuration through {@link #with(String, Map)}.
 */
public final class TypeRules {

    public static final String UNKNOWN = "unknown";

    public static final List<String> DEFAULT_TYPES = List.of("invoice", "credit-note", "receipt", "quote",
            "purchase-order", "delivery-note", "contract", "bank-statement", "payslip", "vehicle-registration",
            "insurance-certificate", "repair-order", "inspection-report", "letter");

    record WeightedPhrase(String phrase, Pattern pattern, double weight) {
    }

    private final Map<String, List<WeightedPhrase>> phrasesByType;

    private TypeRules(Map<String, List<WeightedPhrase>> phrasesByType) {
        this.phrasesByType = phrasesByType;
    }

    /** These rules plus a type (new, or replacing the phrases of an existing one). */
    public TypeRules with(String type, Map<String, Double> phrases) {
        Map<String, List<WeightedPhrase>> copy = new LinkedHashMap<>(phrasesByType);
        List<WeightedPhrase> compiled = new ArrayList<>();
        phrases.forEach((phrase, weight) -> compiled.add(compile(phrase, weight)));
        copy.put(type, List.copyOf(compiled));
        return new TypeRules(Collections.unmodifiableMap(copy));
    }

    public Set<String> types() {
        return phrasesByType.keySet();
    }

    Map<String, List<WeightedPhrase>> phrasesByType() {
        return phrasesByType;
    }

    private static WeightedPhrase compile(String phrase, double weight) {
        String folded = Text.fold(phrase).trim();
        String body = Pattern.quote(folded).replace(" ", "\\E\\s+\\Q");
        return new WeightedPhrase(phrase, Pattern.compile("(?<![\\p{L}\\p{N}])" + body + "(?![\\p{L}\\p{N}])"), weight);
    }

    public static TypeRules defaults() {
        TypeRules rules = new TypeRules(Map.of());
        rules = rules.with("invoice", phrases(
                3, "facture", "invoice", "rechnung",
                1, "total ttc", "total ht", "date d'echeance", "net a payer", "amount due", "due date",
                "payment terms", "zahlbar bis", "rechnungsnummer", "invoice number", "numero de facture"));
        rules = rules.with("credit-note", phrases(
                4, "avoir n", "facture d'avoir", "note de credit", "credit note", "credit memo", "gutschrift",
                1, "rembourse", "refund", "erstattung", "a deduire"));
        rules = rules.with("receipt", phrases(
                3, "ticket de caisse", "recu", "receipt", "quittung", "kassenbon", "kassenbeleg",
                1, "paye par carte", "paid by card", "rendu monnaie", "change due", "merci de votre visite",
                "thank you for shopping", "especes", "cash"));
        rules = rules.with("quote", phrases(
                3, "devis", "quotation", "quote", "angebot", "kostenvoranschlag",
                1, "valable jusqu'au", "validite de l'offre", "valid until", "bon pour accord", "gultig bis",
                "proposition commerciale"));
        rules = rules.with("purchase-order", phrases(
                4, "bon de commande", "purchase order", "bestellung",
                1, "a livrer", "deliver to", "lieferadresse", "date de livraison souhaitee", "requested delivery",
                "bestellnummer", "po number"));
        rules = rules.with("delivery-note", phrases(
                4, "bon de livraison", "delivery note", "lieferschein", "packing slip", "bordereau de livraison",
                1, "quantite livree", "quantity delivered", "colis", "parcel", "transporteur", "carrier",
                "signature du destinataire", "received in good condition"));
        rules = rules.with("contract", phrases(
                3, "contrat", "contract", "agreement", "vertrag",
                1, "entre les soussignes", "between the undersigned", "il a ete convenu", "it is agreed",
                "article 1", "resiliation", "termination", "duree du contrat", "term of the agreement",
                "fait en deux exemplaires", "kundigung"));
        rules = rules.with("bank-statement", phrases(
                4, "releve de compte", "bank statement", "account statement", "kontoauszug",
                1, "solde", "balance", "credit", "debit", "opening balance", "ancien solde", "nouveau solde",
                "saldo", "virement", "transfer"));
        rules = rules.with("payslip", phrases(
                4, "bulletin de salaire", "bulletin de paie", "fiche de paie", "payslip", "pay slip",
                "gehaltsabrechnung", "lohnabrechnung",
                1, "salaire brut", "gross pay", "net pay", "salaire net", "cotisations", "employeur", "employer",
                "national insurance", "bruttolohn", "sozialversicherung", "conges payes"));
        rules = rules.with("vehicle-registration", phrases(
                4, "certificat d'immatriculation", "carte grise", "vehicle registration", "registration certificate",
                "zulassungsbescheinigung", "fahrzeugschein", "v5c",
                1, "genre national", "date de premiere immatriculation", "first registration", "erstzulassung",
                "puissance fiscale", "numero d'identification du vehicule", "kennzeichen"));
        rules = rules.with("insurance-certificate", phrases(
                4, "attestation d'assurance", "certificat d'assurance", "insurance certificate",
                "certificate of insurance", "versicherungsbestatigung", "versicherungsnachweis", "carte verte",
                1, "assure", "insured", "police n", "policy number", "assureur", "insurer", "garanties",
                "coverage", "versicherungsnehmer", "periode de validite"));
        rules = rules.with("repair-order", phrases(
                4, "ordre de reparation", "repair order", "work order", "werkstattauftrag", "reparaturauftrag",
                1, "main d'oeuvre", "labour", "labor", "pieces", "parts", "kilometrage", "mileage",
                "kilometerstand", "diagnostic", "vidange"));
        rules = rules.with("inspection-report", phrases(
                4, "controle technique", "proces-verbal de controle", "inspection report", "mot test",
                "prufbericht", "hauptuntersuchung",
                1, "defaillances", "defects", "contre-visite", "favorable", "defavorable", "pass", "fail",
                "mangel", "prochain controle", "next inspection"));
        rules = rules.with("letter", phrases(
                2, "madame, monsieur", "dear sir", "dear madam", "sehr geehrte", "cordialement",
                "sincerely", "mit freundlichen grussen", "veuillez agreer", "objet :", "subject:", "betreff",
                1, "je vous prie", "we are writing", "yours faithfully"));
        return rules;
    }

    /** Reads {@code weight, phrase, phrase, weight, phrase…}: a number sets the weight of the phrases after it. */
    private static Map<String, Double> phrases(Object... weightsAndPhrases) {
        Map<String, Double> out = new LinkedHashMap<>();
        double weight = 1;
        for (Object item : weightsAndPhrases) {
            if (item instanceof Number n) {
                weight = n.doubleValue();
            } else {
                out.put((String) item, weight);
            }
        }
        return out;
    }
}
