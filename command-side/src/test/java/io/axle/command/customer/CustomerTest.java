package io.axle.command.customer;

import io.axle.api.customer.BillingAddress;
import io.axle.api.customer.ChangeCustomerDetailsCommand;
import io.axle.api.customer.CreditLimitChangedEvent;
import io.axle.api.customer.CreditReleasedEvent;
import io.axle.api.customer.CreditReservationRefusedEvent;
import io.axle.api.customer.CreditReservedEvent;
import io.axle.api.customer.CustomerDetailsChangedEvent;
import io.axle.api.customer.CustomerErasedEvent;
import io.axle.api.customer.CustomerRegisteredEvent;
import io.axle.api.customer.EraseCustomerCommand;
import io.axle.command.InMemoryPersonalDataKeys;
import io.axle.api.customer.RegisterCustomerCommand;
import io.axle.api.customer.ReleaseCreditCommand;
import io.axle.api.customer.ReserveCreditCommand;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.util.List;

import static io.axle.command.RefusalMatchers.refusal;
import static org.assertj.core.api.Assertions.assertThat;

class CustomerTest {

    private static final String ID = "c-1";
    private static final CustomerRegisteredEvent REGISTERED = new CustomerRegisteredEvent(ID, "Garage Dupont",
            "compta@dupont.fr", "FR", "EUR", new BigDecimal("1000.00"));

    private FixtureConfiguration<Customer> fixture;
    private InMemoryPersonalDataKeys keys;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Customer.class);
        keys = new InMemoryPersonalDataKeys();
        fixture.registerInjectableResource(keys);
    }

    private static RegisterCustomerCommand register(String name, String email, String country, String currency,
                                                    BigDecimal creditLimit) {
        return new RegisterCustomerCommand(ID, name, email, country, currency, creditLimit);
    }

    private static BigDecimal eur(String amount) {
        return new BigDecimal(amount);
    }

    @Test
    void registersCustomerWithValidDetails() {
        fixture.givenNoPriorActivity()
                .when(register("Garage Dupont", "compta@dupont.fr", "FR", "EUR", eur("1000.00")))
                .expectSuccessfulHandlerExecution()
                .expectEvents(REGISTERED);
    }

    @Test
    void registersCustomerWithZeroCreditLimit() {
        fixture.givenNoPriorActivity()
                .when(register("Cash Only", "cash@example.com", "DE", "EUR", BigDecimal.ZERO))
                .expectEvents(new CustomerRegisteredEvent(ID, "Cash Only", "cash@example.com", "DE", "EUR",
                        BigDecimal.ZERO));
    }

    @Test
    void refusesBlankName() {
        fixture.givenNoPriorActivity()
                .when(register(" ", "compta@dupont.fr", "FR", "EUR", eur("1000")))
                .expectException(refusal(422, "name", "required"))
                .expectExceptionMessage("name is required")
                .expectNoEvents();
    }

    @Test
    void refusesMalformedEmail() {
        fixture.givenNoPriorActivity()
                .when(register("Garage Dupont", "not-an-address", "FR", "EUR", eur("1000")))
                .expectException(refusal(422, "email", "email"))
                .expectNoEvents();
    }

    @Test
    void refusesMissingEmail() {
        fixture.givenNoPriorActivity()
                .when(register("Garage Dupont", null, "FR", "EUR", eur("1000")))
                .expectException(refusal(422, "email", "required"));
    }

    @Test
    void refusesCountryThatIsNotIsoAlpha2() {
        fixture.givenNoPriorActivity()
                .when(register("Garage Dupont", "compta@dupont.fr", "FRA", "EUR", eur("1000")))
                .expectException(refusal(422, "country", "iso-3166"));
    }

    @Test
    void refusesUnknownCountryCode() {
        fixture.givenNoPriorActivity()
                .when(register("Garage Dupont", "compta@dupont.fr", "ZZ", "EUR", eur("1000")))
                .expectException(refusal(422, "country", "iso-3166"));
    }

    @Test
    void refusesUnknownCurrency() {
        fixture.givenNoPriorActivity()
                .when(register("Garage Dupont", "compta@dupont.fr", "FR", "ABC", eur("1000")))
                .expectException(refusal(422, "currency", "iso-4217"));
    }

    @Test
    void refusesCurrencyThatIsNotThreeLetters() {
        fixture.givenNoPriorActivity()
                .when(register("Garage Dupont", "compta@dupont.fr", "FR", "EURO", eur("1000")))
                .expectException(refusal(422, "currency", "iso-4217"));
    }

    @Test
    void refusesNegativeCreditLimit() {
        fixture.givenNoPriorActivity()
                .when(register("Garage Dupont", "compta@dupont.fr", "FR", "EUR", eur("-0.01")))
                .expectException(refusal(422, "creditLimit", "non-negative"));
    }

    @Test
    void refusesMissingCreditLimit() {
        fixture.givenNoPriorActivity()
                .when(register("Garage Dupont", "compta@dupont.fr", "FR", "EUR", null))
                .expectException(refusal(422, "creditLimit", "required"));
    }

    // VAT number and language

    private static RegisterCustomerCommand registerBusiness(String vatNumber, String language) {
        return new RegisterCustomerCommand(ID, "Garage Dupont", "compta@dupont.fr", "FR", "EUR", eur("1000.00"),
                vatNumber, language);
    }

    private static CustomerRegisteredEvent registeredBusiness(String vatNumber, String language) {
        return new CustomerRegisteredEvent(ID, "Garage Dupont", "compta@dupont.fr", "FR", "EUR", eur("1000.00"),
                vatNumber, language);
    }

    @Test
    void registersABusinessWithItsVatNumberAndLanguage() {
        fixture.givenNoPriorActivity()
                .when(registerBusiness("FR40303265045", "fr"))
                .expectEvents(registeredBusiness("FR40303265045", "fr"));
    }

    @Test
    void aVatNumberIsKeptWithoutSpacesOrDotsAndInUpperCase() {
        fixture.givenNoPriorActivity()
                .when(registerBusiness(" fr 40.303.265.045 ", null))
                .expectEvents(registeredBusiness("FR40303265045", null));
    }

    @Test
    void acceptsVatNumbersOfOtherMemberStates() {
        fixture.givenNoPriorActivity()
                .when(registerBusiness("DE123456789", "de"))
                .expectEvents(registeredBusiness("DE123456789", "de"));
        fixture.givenNoPriorActivity()
                .when(registerBusiness("EL094259216", "en"))
                .expectEvents(registeredBusiness("EL094259216", "en"));
        fixture.givenNoPriorActivity()
                .when(registerBusiness("NL123456789B01", "nl"))
                .expectEvents(registeredBusiness("NL123456789B01", "nl"));
    }

    @Test
    void aBlankVatNumberOrLanguageMeansNone() {
        fixture.givenNoPriorActivity()
                .when(registerBusiness("  ", ""))
                .expectEvents(registeredBusiness(null, null));
    }

    @Test
    void aCustomerRegisteredWithoutThemHasNeitherVatNumberNorLanguage() {
        fixture.givenNoPriorActivity()
                .when(register("Garage Dupont", "compta@dupont.fr", "FR", "EUR", eur("1000.00")))
                .expectEvents(registeredBusiness(null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"US123456789", "GR094259216", "FR4", "FR12345678901234", "40303265045", "FR-40303265045",
            "FRANCE", "F"})
    void refusesAVatNumberWithoutAnEuShape(String vatNumber) {
        fixture.givenNoPriorActivity()
                .when(registerBusiness(vatNumber, "fr"))
                .expectException(refusal(422, "vatNumber", "vat-number"))
                .expectNoEvents();
    }

    @Test
    void theLanguageIsKeptInLowerCase() {
        fixture.givenNoPriorActivity()
                .when(registerBusiness(null, " EN "))
                .expectEvents(registeredBusiness(null, "en"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pt", "english", "e", "fr-FR", "zz"})
    void refusesALanguageInvoicesCannotBeWrittenIn(String language) {
        fixture.givenNoPriorActivity()
                .when(registerBusiness("FR40303265045", language))
                .expectException(refusal(422, "language", "supported-language"))
                .expectExceptionMessage("'" + language + "' is not a supported language; use one of "
                        + "de, en, es, fr, it, nl")
                .expectNoEvents();
    }

    @Test
    void reservesCreditWithinLimit() {
        fixture.given(REGISTERED)
                .when(new ReserveCreditCommand(ID, "o-1", eur("250.00"), "EUR"))
                .expectEvents(new CreditReservedEvent(ID, "o-1", eur("250.00"), "EUR", eur("750.00")));
    }

    @Test
    void reservesExactlyTheAvailableCredit() {
        fixture.given(REGISTERED, new CreditReservedEvent(ID, "o-1", eur("400.00"), "EUR", eur("600.00")))
                .when(new ReserveCreditCommand(ID, "o-2", eur("600.00"), "EUR"))
                .expectEvents(new CreditReservedEvent(ID, "o-2", eur("600.00"), "EUR", eur("0.00")));
    }

    @Test
    void refusesReservationAboveTheCreditLimit() {
        fixture.given(REGISTERED)
                .when(new ReserveCreditCommand(ID, "o-1", eur("1000.01"), "EUR"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CreditReservationRefusedEvent(ID, "o-1", eur("1000.01"), "EUR",
                        "insufficient credit: requested 1000.01, available 1000.00"));
    }

    @Test
    void refusesReservationAboveWhatOtherOrdersLeaveAvailable() {
        fixture.given(REGISTERED, new CreditReservedEvent(ID, "o-1", eur("900.00"), "EUR", eur("100.00")))
                .when(new ReserveCreditCommand(ID, "o-2", eur("100.50"), "EUR"))
                .expectEvents(new CreditReservationRefusedEvent(ID, "o-2", eur("100.50"), "EUR",
                        "insufficient credit: requested 100.50, available 100.00"));
    }

    @Test
    void refusesReservationInAnotherCurrencyThanTheCustomers() {
        fixture.given(REGISTERED)
                .when(new ReserveCreditCommand(ID, "o-1", eur("10.00"), "USD"))
                .expectEvents(new CreditReservationRefusedEvent(ID, "o-1", eur("10.00"), "USD",
                        "currency USD differs from the customer's currency EUR"));
    }

    @Test
    void secondReservationForTheSameOrderDoesNothing() {
        fixture.given(REGISTERED, new CreditReservedEvent(ID, "o-1", eur("250.00"), "EUR", eur("750.00")))
                .when(new ReserveCreditCommand(ID, "o-1", eur("250.00"), "EUR"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusedReservationDoesNotHoldCredit() {
        fixture.given(REGISTERED, new CreditReservationRefusedEvent(ID, "o-1", eur("5000"), "EUR", "insufficient"))
                .when(new ReserveCreditCommand(ID, "o-2", eur("1000.00"), "EUR"))
                .expectEvents(new CreditReservedEvent(ID, "o-2", eur("1000.00"), "EUR", eur("0.00")));
    }

    @Test
    void refusesNegativeAmountAsBrokenRule() {
        fixture.given(REGISTERED)
                .when(new ReserveCreditCommand(ID, "o-1", eur("-1"), "EUR"))
                .expectException(refusal(422, "amount", "non-negative"));
    }

    @Test
    void reservingCreditOfUnknownCustomerFailsAsNotFound() {
        fixture.givenNoPriorActivity()
                .when(new ReserveCreditCommand("nobody", "o-1", eur("1"), "EUR"))
                .expectException(AggregateNotFoundException.class);
    }

    @Test
    void releasesExactlyWhatTheOrderHolds() {
        fixture.given(REGISTERED,
                        new CreditReservedEvent(ID, "o-1", eur("250.00"), "EUR", eur("750.00")),
                        new CreditReservedEvent(ID, "o-2", eur("100.00"), "EUR", eur("650.00")))
                .when(new ReleaseCreditCommand(ID, "o-1"))
                .expectEvents(new CreditReleasedEvent(ID, "o-1", eur("250.00"), eur("900.00")));
    }

    @Test
    void releaseWithoutReservationDoesNothing() {
        fixture.given(REGISTERED)
                .when(new ReleaseCreditCommand(ID, "o-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void secondReleaseForTheSameOrderDoesNothing() {
        fixture.given(REGISTERED,
                        new CreditReservedEvent(ID, "o-1", eur("250.00"), "EUR", eur("750.00")),
                        new CreditReleasedEvent(ID, "o-1", eur("250.00"), eur("1000.00")))
                .when(new ReleaseCreditCommand(ID, "o-1"))
                .expectNoEvents();
    }

    @Test
    void releasedCreditCanBeReservedAgain() {
        fixture.given(REGISTERED,
                        new CreditReservedEvent(ID, "o-1", eur("1000.00"), "EUR", eur("0.00")),
                        new CreditReleasedEvent(ID, "o-1", eur("1000.00"), eur("1000.00")))
                .when(new ReserveCreditCommand(ID, "o-2", eur("1000.00"), "EUR"))
                .expectEvents(new CreditReservedEvent(ID, "o-2", eur("1000.00"), "EUR", eur("0.00")));
    }

    // bounds: credit limits and reserved amounts are amounts of at most 12 integer and 4 decimal digits

    @ParameterizedTest(name = "credit limit {0} refused")
    @ValueSource(strings = {"1234567890123.5", "1.12345", "1E+1000000"})
    void refusesACreditLimitBeyondTheAmountBounds(String creditLimit) {
        fixture.givenNoPriorActivity()
                .when(register("Garage Dupont", "compta@dupont.fr", "FR", "EUR", eur(creditLimit)))
                .expectException(refusal(422, "creditLimit", "amount-digits"))
                .expectNoEvents();
    }

    @Test
    void acceptsTheLargestCreditLimit() {
        fixture.givenNoPriorActivity()
                .when(register("Garage Dupont", "compta@dupont.fr", "FR", "EUR", eur("999999999999.9999")))
                .expectEvents(new CustomerRegisteredEvent(ID, "Garage Dupont", "compta@dupont.fr", "FR", "EUR",
                        eur("999999999999.9999")));
    }

    @ParameterizedTest(name = "reservation of {0} refused")
    @ValueSource(strings = {"1.12345", "1E+1000000"})
    void refusesAReservationBeyondTheAmountBounds(String amount) {
        fixture.given(REGISTERED)
                .when(new ReserveCreditCommand(ID, "o-1", eur(amount), "EUR"))
                .expectException(refusal(422, "amount", "amount-digits"))
                .expectNoEvents();
    }

    // the record: phone, billing address, edits

    private static final BillingAddress ADDRESS = new BillingAddress("12 rue des Lilas", "75011", "Paris", null, "FR");

    private static RegisterCustomerCommand registerWith(String phone, BillingAddress address) {
        return new RegisterCustomerCommand(ID, "Garage Dupont", "compta@dupont.fr", "FR", "EUR", eur("1000.00"), null,
                null, phone, address);
    }

    private static ChangeCustomerDetailsCommand change(String name, String email, String phone, String country,
                                                       BillingAddress address, String vatNumber, String language,
                                                       String creditLimit) {
        return new ChangeCustomerDetailsCommand(ID, name, email, phone, country, address, vatNumber, language,
                eur(creditLimit));
    }

    /** The registered record, unchanged, with {@code creditLimit}. */
    private static ChangeCustomerDetailsCommand sameDetails(String creditLimit) {
        return change("Garage Dupont", "compta@dupont.fr", null, "FR", null, null, null, creditLimit);
    }

    @Test
    void registersAPhoneAndABillingAddressTrimmed() {
        fixture.givenNoPriorActivity()
                .when(registerWith(" +33 1 23 45 67 89 ", new BillingAddress(" 12 rue des Lilas ", " 75011 ",
                        " Paris ", " ", "FR")))
                .expectEvents(new CustomerRegisteredEvent(ID, "Garage Dupont", "compta@dupont.fr", "FR", "EUR",
                        eur("1000.00"), null, null, "+33 1 23 45 67 89", ADDRESS));
    }

    @ParameterizedTest(name = "phone \"{0}\" refused")
    @ValueSource(strings = {"12345", "call me", "+33 1 23 45 67 89 12 34 5", "++33123456", "06#12345678"})
    void refusesAPhoneThatIsNotANumber(String phone) {
        fixture.givenNoPriorActivity()
                .when(registerWith(phone, null))
                .expectException(refusal(422, "phone", "phone"))
                .expectNoEvents();
    }

    @Test
    void refusesABillingAddressWithoutCity() {
        fixture.givenNoPriorActivity()
                .when(registerWith(null, new BillingAddress("12 rue des Lilas", "75011", " ", null, "FR")))
                .expectException(refusal(422, "billingAddress.city", "required"))
                .expectNoEvents();
    }

    @Test
    void refusesABillingAddressInAnUnknownCountry() {
        fixture.givenNoPriorActivity()
                .when(registerWith(null, new BillingAddress("12 rue des Lilas", "75011", "Paris", null, "XX")))
                .expectException(refusal(422, "billingAddress.country", "iso-3166"))
                .expectNoEvents();
    }

    @Test
    void anEditRecordsTheNewDetailsAndNamesWhatChanged() {
        fixture.given(REGISTERED)
                .when(change("Garage Dupont SARL", "compta@dupont.fr", "+33 1 23 45 67 89", "FR", ADDRESS,
                        "fr 40 303 265 045", "FR", "1000.00"))
                .expectEvents(new CustomerDetailsChangedEvent(ID, "Garage Dupont SARL", "compta@dupont.fr",
                        "+33 1 23 45 67 89", "FR", ADDRESS, "FR40303265045", "fr",
                        List.of("name", "phone", "billingAddress", "vatNumber", "language")));
    }

    @Test
    void anEditThatChangesNothingWritesNothing() {
        fixture.given(REGISTERED)
                .when(change(" Garage Dupont ", "compta@dupont.fr", null, "FR", null, "", " ", "1000"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anEditComparesWithTheLastEditNotTheRegistration() {
        fixture.given(REGISTERED, new CustomerDetailsChangedEvent(ID, "Garage Dupont SARL", "compta@dupont.fr",
                        null, "FR", ADDRESS, null, null, List.of("name", "billingAddress")))
                .when(change("Garage Dupont SARL", "compta@dupont.fr", null, "FR", null, null, null, "1000.00"))
                .expectEvents(new CustomerDetailsChangedEvent(ID, "Garage Dupont SARL", "compta@dupont.fr", null,
                        "FR", null, null, null, List.of("billingAddress")));
    }

    @Test
    void aNewCreditLimitCountsTheReservationsHeld() {
        fixture.given(REGISTERED, new CreditReservedEvent(ID, "o-1", eur("300.00"), "EUR", eur("700.00")))
                .when(sameDetails("200.00"))
                .expectEvents(new CreditLimitChangedEvent(ID, eur("1000.00"), eur("200.00"), eur("-100.00")));
    }

    @Test
    void belowWhatIsReservedLaterOrdersAreRefusedCredit() {
        fixture.given(REGISTERED, new CreditReservedEvent(ID, "o-1", eur("300.00"), "EUR", eur("700.00")),
                        new CreditLimitChangedEvent(ID, eur("1000.00"), eur("200.00"), eur("-100.00")))
                .when(new ReserveCreditCommand(ID, "o-2", eur("1.00"), "EUR"))
                .expectEvents(new CreditReservationRefusedEvent(ID, "o-2", eur("1.00"), "EUR",
                        "insufficient credit: requested 1.00, available -100.00"));
    }

    @Test
    void aRaisedCreditLimitIsAvailableAtOnce() {
        fixture.given(REGISTERED, new CreditLimitChangedEvent(ID, eur("1000.00"), eur("1500.00"), eur("1500.00")))
                .when(new ReserveCreditCommand(ID, "o-1", eur("1200.00"), "EUR"))
                .expectEvents(new CreditReservedEvent(ID, "o-1", eur("1200.00"), "EUR", eur("300.00")));
    }

    @Test
    void refusesAnEditWithAMalformedEmailAndWritesNothing() {
        fixture.given(REGISTERED)
                .when(change("Garage Dupont", "not-an-address", null, "FR", null, null, null, "5000.00"))
                .expectException(refusal(422, "email", "email"))
                .expectNoEvents();
    }

    @Test
    void refusesAnEditWithAVatNumberWithoutAnEuShape() {
        fixture.given(REGISTERED)
                .when(change("Garage Dupont", "compta@dupont.fr", null, "FR", null, "US123456789", null, "1000"))
                .expectException(refusal(422, "vatNumber", "vat-number"))
                .expectNoEvents();
    }

    @Test
    void editingAnUnknownCustomerFailsAsNotFound() {
        fixture.givenNoPriorActivity()
                .when(sameDetails("1000.00"))
                .expectException(AggregateNotFoundException.class);
    }

    @Nested
    class Erasure {

        @Test
        void destroysTheKeyAndRecordsTheErasureAnsweringWhen() {
            fixture.given(REGISTERED)
                    .when(new EraseCustomerCommand(ID))
                    .expectEvents(new CustomerErasedEvent(ID))
                    .expectResultMessagePayload(InMemoryPersonalDataKeys.ERASED_AT);
            assertThat(keys.isErased(ID)).isTrue();
        }

        @Test
        void erasingTwiceIsAConflict() {
            keys.erased(ID);
            fixture.given(REGISTERED, new CustomerErasedEvent(ID))
                    .when(new EraseCustomerCommand(ID))
                    .expectException(refusal(409, "customerId", "already-erased"))
                    .expectNoEvents();
        }

        @Test
        void anUnknownCustomerCannotBeErased() {
            fixture.givenNoPriorActivity()
                    .when(new EraseCustomerCommand(ID))
                    .expectException(AggregateNotFoundException.class);
            assertThat(keys.isErased(ID)).isFalse();
        }

        @Test
        void anErasedCustomersDetailsCannotBeEdited() {
            fixture.given(REGISTERED, new CustomerErasedEvent(ID))
                    .when(new ChangeCustomerDetailsCommand(ID, "Garage Dupont", "compta@dupont.fr", null, "FR", null,
                            null, null, new BigDecimal("1000.00")))
                    .expectException(refusal(409, "customerId", "erased"))
                    .expectNoEvents();
        }

        @Test
        void anErasedCustomerStillHasItsCredit() {
            fixture.given(REGISTERED, new CustomerErasedEvent(ID))
                    .when(new ReserveCreditCommand(ID, "o-1", new BigDecimal("100.00"), "EUR"))
                    .expectEvents(new CreditReservedEvent(ID, "o-1", new BigDecimal("100.00"), "EUR",
                            new BigDecimal("900.00")));
        }
    }
}
