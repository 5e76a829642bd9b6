package io.axle.documents.understanding;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Small realistic documents of every type, in French and English, generated from one template per type and language
 * with three sets of names, numbers and dates: the labelled set the classification tests measure on. Invoices and
 * registration certificates also carry the field values a reader should find.
 */
public final class GeneratedCorpus {

    /** A generated document: its pages' text, its true type and its language. */
    public record Labelled(String text, String type, String language, Map<String, String> fields) {
    }

    private static final String[] SUPPLIERS = {"Garage Martin SARL", "Dupont Logistique SAS", "Northwind Trading Ltd"};
    private static final String[] CUSTOMERS = {"Transports Leroy", "Atelier Bernard", "Acme Fleet Services"};
    private static final String[] CITIES = {"Lyon", "Nantes", "Lille"};
    private static final String[] AMOUNTS = {"1 234,56", "845,00", "12 980,40"};
    private static final String[] EN_AMOUNTS = {"1,234.56", "845.00", "12,980.40"};

    private GeneratedCorpus() {
    }

    public static List<Labelled> documents() {
        List<Labelled> out = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String s = SUPPLIERS[i];
            String c = CUSTOMERS[i];
            String city = CITIES[i];
            String a = AMOUNTS[i];
            String e = EN_AMOUNTS[i];
            int n = 1040 + 17 * i;
            out.add(withFields(fr("invoice", """
                    %s
                    12 rue des Forges, 69003 %s
                    FACTURE N° FA-2026-%d
                    Date de facture : 0%d/03/2026
                    Client : %s
                    Désignation            Qté   PU HT    Total HT
                    Prestation de service   1    %s    %s
                    Total HT : %s €   TVA 20 %% : 246,91 €   Total TTC : %s €
                    Date d'échéance : 2%d/04/2026. Paiement par virement.
                    """.formatted(s, city, n, i + 1, c, a, a, a, a, i)), Map.of("invoiceNumber", "FA-2026-" + n,
                    "issueDate", "2026-03-0" + (i + 1), "dueDate", "2026-04-2" + i, "totalInclTax", amount(a),
                    "totalExclTax", amount(a), "totalTax", "246.91", "vatRate", "20", "currency", "EUR",
                    "supplierName", s)));
            out.add(withFields(en("invoice", """
                    %s
                    INVOICE
                    Invoice number: INV-%d
                    Invoice date: March %d, 2026
                    Bill to: %s
                    Consulting services ............ £%s
                    Subtotal £%s  VAT 20%% £246.91  Amount due £%s
                    Payment terms: 30 days. Due date: April %d, 2026
                    """.formatted(s, n, i + 10, c, e, e, e, i + 10)), Map.of("invoiceNumber", "INV-" + n,
                    "issueDate", "2026-03-" + (i + 10), "dueDate", "2026-04-" + (i + 10), "totalInclTax", amount(e),
                    "totalExclTax", amount(e), "totalTax", "246.91", "vatRate", "20", "currency", "GBP",
                    "supplierName", s)));
            out.add(fr("credit-note", """
                    %s
                    AVOIR N° AV-2026-%d
                    Facture d'avoir relative à la facture FA-2026-%d du 0%d/03/2026
                    Motif : retour de marchandise défectueuse, montant remboursé au client %s.
                    Total HT à déduire : %s €   Total TTC : %s €
                    """.formatted(s, n, n - 5, i + 1, c, a, a)));
            out.add(en("credit-note", """
                    %s
                    CREDIT NOTE CN-%d
                    This credit note refunds invoice INV-%d (damaged goods returned by %s).
                    Refund amount: £%s, credited to your account.
                    """.formatted(s, n, n - 5, c, e)));
            out.add(fr("receipt", """
                    %s
                    %s centre
                    TICKET DE CAISSE n° %d
                    Café x2      5,40
                    Sandwich     7,90
                    TOTAL TTC   13,30 €
                    Payé par carte bancaire
                    Merci de votre visite !
                    """.formatted(s, city, n)));
            out.add(en("receipt", """
                    %s
                    RECEIPT #%d
                    Coffee x2      $5.40
                    Bagel          $3.90
                    TOTAL          $9.30
                    Paid by card - Visa ****4242
                    Thank you for shopping with us!
                    """.formatted(s, n)));
            out.add(fr("quote", """
                    %s
                    DEVIS N° D-%d
                    À l'attention de %s
                    Proposition commerciale pour l'entretien de votre flotte.
                    Montant total HT : %s €
                    Devis valable jusqu'au 30/04/2026. Bon pour accord, signature :
                    """.formatted(s, n, c, a)));
            out.add(en("quote", """
                    %s
                    QUOTATION Q-%d
                    Prepared for %s
                    Fleet maintenance package, 12 months.
                    Total (excl. VAT): £%s
                    This quotation is valid until 30 April 2026.
                    """.formatted(s, n, c, e)));
            out.add(fr("purchase-order", """
                    %s
                    BON DE COMMANDE N° BC-%d
                    Fournisseur : %s
                    Merci de nous livrer les articles suivants :
                    Pneus 205/55 R16 x 8
                    Adresse : dépôt de %s. Date de livraison souhaitée : 15/03/2026.
                    """.formatted(c, n, s, city)));
            out.add(en("purchase-order", """
                    %s
                    PURCHASE ORDER PO-%d
                    Vendor: %s
                    Please supply: brake pads x 20, oil filters x 40.
                    Deliver to: %s warehouse. Requested delivery: 15 March 2026.
                    PO number must appear on your invoice.
                    """.formatted(c, n, s, city)));
            out.add(fr("delivery-note", """
                    %s
                    BON DE LIVRAISON N° BL-%d
                    Destinataire : %s, %s
                    Transporteur : Geodis — 3 colis
                    Quantité livrée : 8 pneus
                    Signature du destinataire :
                    """.formatted(s, n, c, city)));
            out.add(en("delivery-note", """
                    %s
                    DELIVERY NOTE DN-%d
                    Ship to: %s, %s
                    Carrier: DHL, 2 parcels
                    Quantity delivered: 40 oil filters
                    Received in good condition, signature:
                    """.formatted(s, n, c, city)));
            out.add(fr("contract", """
                    CONTRAT DE PRESTATION DE SERVICES
                    Entre les soussignés : %s, d'une part, et %s, d'autre part,
                    il a été convenu ce qui suit.
                    Article 1 — Objet : entretien des véhicules de la flotte.
                    Article 2 — Durée du contrat : un an, renouvelable. Résiliation avec préavis de trois mois.
                    Fait en deux exemplaires à %s.
                    """.formatted(s, c, city)));
            out.add(en("contract", """
                    SERVICE AGREEMENT
                    This agreement is made between %s and %s.
                    1. Scope: maintenance of the customer's vehicles.
                    2. Term of the agreement: twelve months. Termination requires ninety days' notice.
                    Signed in %s by both parties.
                    """.formatted(s, c, city)));
            out.add(fr("bank-statement", """
                    Banque Populaire — %s
                    RELEVÉ DE COMPTE du 01/03/2026 au 31/03/2026
                    Titulaire : %s   IBAN FR76 3000 6000 0112 3456 7890 189
                    Ancien solde créditeur : 10 240,00
                    02/03 Virement reçu %s   %s
                    05/03 Prélèvement assurance  120,00
                    Nouveau solde : 11 354,56
                    """.formatted(city, c, s, a)));
            out.add(en("bank-statement", """
                    Barclays Bank
                    ACCOUNT STATEMENT 1 March 2026 to 31 March 2026
                    Account holder: %s
                    Opening balance £10,240.00
                    02 Mar  Transfer from %s  credit £%s
                    05 Mar  Direct debit insurance  debit £120.00
                    Closing balance £11,354.56
                    """.formatted(c, s, e)));
            out.add(fr("payslip", """
                    %s — SIRET 732 829 320 00074
                    BULLETIN DE SALAIRE — Mars 2026
                    Salarié : Jean Moreau, mécanicien
                    Salaire brut : 2 450,00
                    Cotisations salariales : 540,00
                    Salaire net à payer : 1 910,00
                    Congés payés acquis : 2,5 jours
                    """.formatted(s)));
            out.add(en("payslip", """
                    %s
                    PAYSLIP — March 2026
                    Employee: John Smith, technician
                    Gross pay £2,450.00
                    Tax and national insurance £540.00
                    Net pay £1,910.00
                    Employer: %s
                    """.formatted(s, s)));
            out.add(withFields(fr("vehicle-registration", """
                    RÉPUBLIQUE FRANÇAISE
                    CERTIFICAT D'IMMATRICULATION
                    (A) AB-12%d-CD   (B) Date de première immatriculation 1%d/02/2021
                    (C.1) %s
                    (D.1) RENAULT  (E) VF1RFB00956789012
                    (J.1) Genre national VP   (P.6) Puissance fiscale 5
                    """.formatted(i, i, c)), Map.of("plate", "AB-12" + i + "-CD", "vin", "VF1RFB00956789012")));
            out.add(withFields(en("vehicle-registration", """
                    VEHICLE REGISTRATION CERTIFICATE V5C
                    Registration number: AB1%d CDE
                    Date of first registration: 1%d February 2021
                    Registered keeper: %s
                    Make: FORD   VIN: 1G4AH59H45G118341
                    """.formatted(i, i, c)), Map.of("plate", "AB1" + i + " CDE", "vin", "1G4AH59H45G118341")));
            out.add(fr("insurance-certificate", """
                    AXA France
                    ATTESTATION D'ASSURANCE
                    Assuré : %s
                    Police n° 884%d2
                    Véhicule immatriculé AB-12%d-CD
                    Période de validité : du 01/01/2026 au 31/12/2026
                    Garanties : responsabilité civile, vol, incendie.
                    """.formatted(c, i, i)));
            out.add(en("insurance-certificate", """
                    Aviva Insurance
                    CERTIFICATE OF INSURANCE
                    Policyholder (insured): %s
                    Policy number: AV-884%d2
                    Vehicle registration: AB1%d CDE
                    Coverage: third party, fire and theft. Period: 1 January 2026 to 31 December 2026.
                    """.formatted(c, i, i)));
            out.add(fr("repair-order", """
                    %s
                    ORDRE DE RÉPARATION N° OR-%d
                    Client : %s   Véhicule AB-12%d-CD   Kilométrage : 84 500 km
                    Travaux demandés : vidange, remplacement plaquettes avant, diagnostic voyant moteur.
                    Pièces et main d'oeuvre estimées : %s €
                    """.formatted(s, n, c, i, a)));
            out.add(en("repair-order", """
                    %s
                    REPAIR ORDER RO-%d
                    Customer: %s   Vehicle AB1%d CDE   Mileage: 52,300
                    Work requested: oil change, front brake pads, engine light diagnostic.
                    Estimated parts and labour: £%s
                    """.formatted(s, n, c, i, e)));
            out.add(fr("inspection-report", """
                    Autosur %s
                    PROCÈS-VERBAL DE CONTRÔLE TECHNIQUE
                    Véhicule AB-12%d-CD, VIN VF1RFB00956789012
                    Résultat : favorable. Défaillances mineures : usure pneumatique.
                    Prochain contrôle avant le 1%d/03/2028.
                    """.formatted(city, i, i)));
            out.add(en("inspection-report", """
                    MOT TEST CERTIFICATE — inspection report
                    Vehicle AB1%d CDE
                    Result: PASS
                    Defects (advisories): tyre worn close to legal limit.
                    Next inspection due: 1%d March 2027.
                    """.formatted(i, i)));
            out.add(fr("letter", """
                    %s
                    %s, le 1%d mars 2026
                    Objet : changement d'interlocuteur
                    Madame, Monsieur,
                    Nous vous informons que votre conseiller change à compter du mois prochain.
                    Nous vous prions d'agréer, Madame, Monsieur, nos salutations distinguées.
                    """.formatted(s, city, i)));
            out.add(en("letter", """
                    %s
                    %s, 1%d March 2026
                    Subject: new account manager
                    Dear Sir or Madam,
                    We are writing to let you know that your account manager changes next month.
                    Yours faithfully,
                    """.formatted(s, city, i)));
        }
        return out;
    }

    private static String amount(String written) {
        return written.replace(" ", "").replace(",", written.contains(".") ? "" : ".");
    }

    private static Labelled fr(String type, String text) {
        return new Labelled(text, type, "fr", Map.of());
    }

    private static Labelled en(String type, String text) {
        return new Labelled(text, type, "en", Map.of());
    }

    private static Labelled withFields(Labelled document, Map<String, String> fields) {
        return new Labelled(document.text(), document.type(), document.language(), fields);
    }
}
