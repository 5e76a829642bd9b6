package io.axle.billing;

import io.axle.api.invoice.Party;
import java.time.Period;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code axle.billing.*}: the companies that invoice, and which one invoices orders by default. Without configuration
 * one demo company, {@code axle}, seated in France, invoices in EUR with a 30-day term.
 */
@ConfigurationProperties("axle.billing")
public class BillingProperties {

    /** The company that invoices orders. */
    private String defaultCompany = "axle";
    /** Whether a confirmed order is invoiced automatically. */
    private boolean autoInvoice = true;
    /**
     * How long an issued invoice or credit note is kept as a legal record from its issue, buyer block included, even
     * once its customer is erased.
     */
    private Period retention = Period.ofYears(10);
    /** The companies, by id. */
    private Map<String, CompanySettings> companies = new LinkedHashMap<>(Map.of("axle", CompanySettings.demo()));

    public String getDefaultCompany() {
        return defaultCompany;
    }

    public void setDefaultCompany(String defaultCompany) {
        this.defaultCompany = defaultCompany;
    }

    public boolean isAutoInvoice() {
        return autoInvoice;
    }

    public void setAutoInvoice(boolean autoInvoice) {
        this.autoInvoice = autoInvoice;
    }

    public Period getRetention() {
        return retention;
    }

    public void setRetention(Period retention) {
        this.retention = retention;
    }

    public Map<String, CompanySettings> getCompanies() {
        return companies;
    }

    public void setCompanies(Map<String, CompanySettings> companies) {
        this.companies = companies;
    }

    /** The company {@code id}, or null. */
    public Company company(String id) {
        CompanySettings settings = companies.get(id);
        return settings == null ? null : settings.toCompany(id);
    }

    /** The default company; fails at start-up when it is not configured. */
    public Company defaultCompany() {
        Company company = company(defaultCompany);
        if (company == null) {
            throw new IllegalStateException("axle.billing.default-company is " + defaultCompany
                    + " but axle.billing.companies has no such company; configured: " + companies.keySet());
        }
        return company;
    }

    /** One company's settings, bound from {@code axle.billing.companies.<id>.*}. */
    public static class CompanySettings {
        private String name;
        private String street;
        private String postalCode;
        private String city;
        private String country;
        private String vatNumber;
        private String email;
        private String registration;
        private String iban;
        private String accountingCurrency = "EUR";
        private int paymentTermsDays = 30;
        private ZoneId zone = ZoneId.of("Europe/Paris");

        static CompanySettings demo() {
            CompanySettings demo = new CompanySettings();
            demo.name = "Axle Demo SAS";
            demo.street = "12 rue de la Paix";
            demo.postalCode = "75002";
            demo.city = "Paris";
            demo.country = "FR";
            demo.vatNumber = "FR40303265045";
            demo.email = "billing@axle.example";
            demo.registration = "SIREN 303 265 045 — RCS Paris";
            demo.iban = "FR76 3000 6000 0112 3456 7890 189";
            return demo;
        }

        Company toCompany(String id) {
            return new Company(id, new Party(name, street, postalCode, city, country, vatNumber, email, registration,
                    iban), accountingCurrency, paymentTermsDays, zone);
        }

        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public String getStreet() { return street; }
        public void setStreet(String street) { this.street = street; }
        public String getPostalCode() { return postalCode; }
        public void setPostalCode(String postalCode) { this.postalCode = postalCode; }
        public String getCity() { return city; }
        public void setCity(String city) { this.city = city; }
        public String getCountry() { return country; }
        public void setCountry(String country) { this.country = country; }
        public String getVatNumber() { return vatNumber; }
        public void setVatNumber(String vatNumber) { this.vatNumber = vatNumber; }
        public String getEmail() { return email; }
        public void setEmail(String email) { this.email = email; }
        public String getRegistration() { return registration; }
        public void setRegistration(String registration) { this.registration = registration; }
        public String getIban() { return iban; }
        public void setIban(String iban) { this.iban = iban; }
        public String getAccountingCurrency() { return accountingCurrency; }
        public void setAccountingCurrency(String accountingCurrency) { this.accountingCurrency = accountingCurrency; }
        public int getPaymentTermsDays() { return paymentTermsDays; }
        public void setPaymentTermsDays(int paymentTermsDays) { this.paymentTermsDays = paymentTermsDays; }
        public ZoneId getZone() { return zone; }
        public void setZone(ZoneId zone) { this.zone = zone; }
    }
}
