package io.axle.launcher.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.axle.launcher.e2e.AxleClient;
import io.axle.launcher.e2e.AxleClient.Answer;
import io.axle.launcher.e2e.FlashScenarios;
import io.axle.launcher.e2e.RunningAxle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The vehicle screens in headless Chromium against the whole application: a vehicle registered on the screen (the VIN
 * checked as it is typed, a wrong check digit refused under the VIN), a dongle paired there and its key shown once,
 * frames posted over HTTP with that key as the dongle would, and the page filling without a reload: gauges, the
 * charts, a trouble code with its description and a coolant alarm; the list's badges, online dots (a simulated dongle
 * online, the vehicle whose frames came over HTTP offline), search and CSV export; a code cleared (kept in the
 * trouble-code history with its description and clearance time) and the alarm gone; both screens at 390 px in the
 * light and the dark theme without serious accessibility violations; the dongle unpaired after a confirmation, its key refused from then on.
 * And an ECU flashed from the vehicle page: a simulated vehicle's ECU and a released firmware chosen, the preconditions
 * shown as a checklist, the job's page following the flash live to its end (progress 100 %, every step confirmed in
 * the timeline), the vehicle's ECU at its new version and the job in the flash jobs list; a firmware withdrawn on the
 * catalogue screen.
 */
class VehicleScreensBrowserTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots", "vehicles");
    /** A Renault (WMI VF1) of model year 2006 with a valid check digit. */
    private static final String VIN = "VF1RFB00163000001";
    /** A North-American VIN whose check digit (9th character) is wrong: refused. */
    private static final String WRONG_CHECK_DIGIT = "1G4AH59H55G118341";
    private static final String DONGLE = "OBD-UI-0001";
    private static final By ROW = By.cssSelector("[data-testid=vehicle-row][data-vin='" + VIN + "']");

    private static ScreenFixture fixture;
    private static RunningAxle axle;
    private static Browser browser;

    @RegisterExtension
    final TestWatcher screenshotOnFailure = ScreenFixture.screenshotOnFailure(() -> browser);

    @BeforeAll
    static void startAxleAndBrowser() {
        fixture = ScreenFixture.start("vehicles", Map.of(), "1280,1200", PATIENCE, SCREENSHOTS);
        axle = fixture.axle();
        browser = fixture.browser();
    }

    @AfterAll
    static void stopEverything() {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void aVehicleRegisteredAndPairedOnTheScreenFillsLiveAsItsDongleSendsFrames() {
        fixture.openSignedIn("#/vehicles", "screen-vehicles");
        assertThat(browser.byTestId("nav-vehicles").getAttribute("aria-current")).isEqualTo("page");
        browser.waitUntil(d -> "true".equals(browser.byTestId("vehicles-body").getAttribute("data-loaded")));

        theVinIsCheckedAsItIsTyped();
        aWrongCheckDigitIsRefusedUnderTheVin();
        String vehicleId = registersTheVehicle();
        String apiKey = pairsADongleAndSeesItsKeyOnce(vehicleId);

        browser.js("window.axleSamePage = true");
        AxleClient dongle = axle.anonymous().withApiKey(apiKey);
        Instant start = Instant.now().minusSeconds(20);
        postFrame(dongle, vehicleId, start, Map.of("0C", "1AF8", "0D", "3C", "05", "7B", "42", "3A98", "2F", "80"),
                null);
        theGaugesAndChartsShowTheFrame();
        postFrame(dongle, vehicleId, start.plusSeconds(10),
                Map.of("0C", "2EE0", "0D", "5A", "05", "9B", "42", "3840", "2F", "7A"), "43 02 01 33 C1 58");
        aTroubleCodeAndAnAlarmAppear();
        assertThat(browser.js("return window.axleSamePage === true")).as("no reload").isEqualTo(true);

        theRangeAndResolutionReadTheSeries();
        theListShowsTheBadgesAndOnlineDotsAndExportsWhatItMatches();
        aClearedCodeAndTheAlarmGo(dongle, vehicleId, start.plusSeconds(15));
        bothScreensFitA390PixelPhoneAndPassAxeInBothThemes(vehicleId);
        unpairsAfterConfirmingAndTheKeyIsRefused(vehicleId, dongle);
    }

    @Test
    void anEcuFlashedFromTheVehiclePageIsFollowedLiveToItsEnd() {
        AxleClient admin = axle.admin();
        String firmwareId = FlashScenarios.release(admin, "1.1.0", "[1.0.0,1.1.0)");
        String obsolete = FlashScenarios.release(admin, "1.0.1", "[1.0.0,1.0.1)");
        Answer simulated = admin.post("/api/v1/vehicles/simulate", Map.of("count", 1, "interval", 2));
        assertThat(simulated.status()).as(simulated.raw().body()).isEqualTo(201);
        String vehicleId = simulated.body().get("vehicleIds").get(0).asText();
        By engine = By.cssSelector("[data-testid=vehicle-ecu-row][data-ecu=engine]");

        fixture.openSignedIn("#/vehicles/" + vehicleId, "screen-vehicle");
        browser.waitUntil(d -> !d.findElements(engine).isEmpty()
                && "1.0.0".equals(d.findElement(engine).getAttribute("data-version")));
        browser.choose("flash-ecu", "engine");
        browser.waitUntil(d -> !d.findElements(By.cssSelector("[data-testid=flash-firmware] option[value='"
                + firmwareId + "']")).isEmpty());
        browser.choose("flash-firmware", firmwareId);
        // online with a battery voltage once the simulated dongle's first frames are read
        browser.waitUntil(Duration.ofSeconds(60), d -> {
            List<WebElement> checks = d.findElements(By.cssSelector("[data-testid=flash-precondition]"));
            return !checks.isEmpty() && checks.stream().allMatch(c -> "true".equals(c.getAttribute("data-ok")))
                    && browser.byTestId("flash-start").isEnabled();
        });
        browser.screenshot("10-flash-preconditions");
        browser.byTestId("flash-start").click();

        browser.visible("screen-flash-job");
        browser.waitUntil(Duration.ofSeconds(90), d -> "COMPLETED".equals(
                browser.byTestId("flash-job-status").getAttribute("data-status")));
        assertThat(browser.byTestId("flash-job-progress").getAttribute("aria-valuenow")).isEqualTo("100");
        assertThat(browser.findElements(By.cssSelector("[data-testid=flash-step][data-status=CONFIRMED]")))
                .extracting(step -> step.getAttribute("data-step"))
                .containsExactly("DIAGNOSTIC_SESSION", "SECURITY_ACCESS", "BACKUP", "ERASE", "TRANSFER",
                        "TRANSFER_EXIT", "VERIFY", "RESET");
        assertThat(browser.findElements(By.cssSelector("[data-testid=flash-job-cancel]"))).as("ended: no cancel")
                .isEmpty();
        browser.screenshot("11-flash-completed");
        Accessibility axe = new Accessibility();
        browser.resize(390, 844);
        axe.fitsItsWidthAndPassesInBothThemes(browser, "the flash job page");
        browser.screenshot("12-phone-dark-flash-job");
        browser.prefersDark(false);
        browser.resize(1280, 1200);

        browser.byTestId("flash-job-vehicle-link").click();
        browser.visible("screen-vehicle");
        browser.waitUntil(d -> !d.findElements(engine).isEmpty()
                && "1.1.0".equals(d.findElement(engine).getAttribute("data-version")));
        browser.resize(390, 844);
        axe.fitsItsWidthAndPassesInBothThemes(browser, "the vehicle page with its ECUs and flash form");
        browser.prefersDark(false);
        browser.resize(1280, 1200);

        fixture.openSignedIn("#/flash-jobs", "screen-flash-jobs");
        browser.waitUntil(d -> !d.findElements(By.cssSelector("[data-testid=flash-job-row][data-status=COMPLETED]"))
                .isEmpty());

        fixture.openSignedIn("#/firmware", "screen-firmware");
        By obsoleteRow = By.cssSelector("[data-testid=firmware-row][data-firmware-id='" + obsolete + "']");
        browser.waitUntil(d -> !d.findElements(obsoleteRow).isEmpty());
        browser.findElement(obsoleteRow).findElement(By.cssSelector("[data-testid=firmware-withdraw]")).click();
        browser.visible("firmware-withdraw-confirm").click();
        browser.waitUntil(d -> "WITHDRAWN".equals(d.findElement(obsoleteRow).getAttribute("data-status")));
        assertThat(admin.get("/api/v1/firmware/" + obsolete).body().get("status").asText()).isEqualTo("WITHDRAWN");
        stopSimulating();
    }

    @Test
    void aCampaignCreatedOnTheScreenIsStoppedWithTheEmergencyStop() {
        AxleClient admin = axle.admin();
        String firmwareId = FlashScenarios.release(admin, "2.0.0", "[1.0.0,2.0.0)");
        // the dongles never answer the transfer: the first vehicle's flash stays in it, past its erase
        Answer simulated = admin.post("/api/v1/vehicles/simulate", Map.of("count", 2, "interval", 2,
                "flash", Map.of("failAt", "timeout")));
        assertThat(simulated.status()).as(simulated.raw().body()).isEqualTo(201);
        List<String> vehicleIds = new ArrayList<>();
        simulated.body().get("vehicleIds").forEach(id -> vehicleIds.add(id.asText()));
        await().atMost(PATIENCE.multipliedBy(2)).until(() -> vehicleIds.stream().allMatch(id -> {
            JsonNode vehicle = admin.get("/api/v1/vehicles/" + id).body();
            return vehicle.path("online").asBoolean() && vehicle.path("latest").path("batteryV").isNumber();
        }));

        fixture.openSignedIn("#/flash-campaigns", "screen-flash-campaigns");
        browser.type("campaign-name", "Engine 2.0.0 pilot");
        browser.waitUntil(d -> !d.findElements(By.cssSelector("[data-testid=campaign-firmware-picker] option[value='"
                + firmwareId + "']")).isEmpty());
        browser.choose("campaign-firmware-picker", firmwareId);
        browser.type("campaign-vehicle-ids", String.join(", ", vehicleIds));
        browser.type("campaign-groups", "2");
        browser.type("campaign-success-threshold", "100");
        browser.type("campaign-error-threshold", "50");
        browser.byTestId("campaign-submit").click();
        browser.visible("screen-flash-campaign");
        browser.waitUntil(d -> "READY".equals(browser.byTestId("campaign-status").getAttribute("data-status")));
        String campaignId = browser.byTestId("screen-flash-campaign").getAttribute("data-campaign-id");

        browser.visible("campaign-start").click();
        browser.waitUntil(d -> "RUNNING".equals(browser.byTestId("campaign-status").getAttribute("data-status")));
        await("the first vehicle's flash past its erase").atMost(PATIENCE.multipliedBy(2)).until(() -> {
            JsonNode jobs = admin.get("/api/v1/flash-jobs?campaignId=" + campaignId).body().path("content");
            return jobs.size() == 1 && "TRANSFER".equals(jobs.get(0).path("step").asText());
        });
        browser.screenshot("20-campaign-running");

        browser.visible("campaign-emergency-stop").click();
        browser.type("campaign-stop-reason-input", "Wrong calibration");
        browser.visible("campaign-emergency-stop-confirm").click();
        browser.waitUntil(d -> "STOPPED".equals(browser.byTestId("campaign-status").getAttribute("data-status")));
        assertThat(browser.visible("campaign-stop-reason").getText()).contains("Wrong calibration");
        browser.waitUntil(d -> "1".equals(browser.byTestId("campaign-bar-legend-cancelled").getAttribute("data-count")));
        assertThat(browser.byTestId("campaign-bar-legend-running").getAttribute("data-count"))
                .as("the flash past its erase goes on, to its end or its rollback").isEqualTo("1");
        assertThat(browser.findElements(By.cssSelector("[data-testid=campaign-emergency-stop]"))).isEmpty();
        browser.screenshot("21-campaign-stopped");
        stopSimulating();
    }

    private void theVinIsCheckedAsItIsTyped() {
        browser.type("vehicle-vin", "VF1RFB0016");
        browser.waitUntil(d -> "10 of 17 characters, 7 still to type.".equals(hint()));
        browser.type("vehicle-vin", "VF1RFB00163O00001");
        browser.waitUntil(d -> "A VIN never holds these characters: O.".equals(hint()));
        assertThat(browser.byTestId("vehicle-vin-hint").getAttribute("data-rule")).isEqualTo("vin-characters");
        browser.type("vehicle-vin", VIN);
        browser.waitUntil(d -> "".equals(browser.byTestId("vehicle-vin-hint").getAttribute("data-rule")));
    }

    private void aWrongCheckDigitIsRefusedUnderTheVin() {
        browser.type("vehicle-vin", WRONG_CHECK_DIGIT);
        browser.type("vehicle-plate", "AB-123-CD");
        browser.byTestId("vehicle-submit").click();
        assertThat(browser.visible("vehicle-vin-error").getText())
                .isEqualTo("The check digit (9th character) does not match: check the VIN for a typing mistake.");
        assertThat(browser.byTestId("vehicle-vin").getAttribute("aria-invalid")).isEqualTo("true");
        browser.screenshot("01-check-digit-refused");
    }

    private String registersTheVehicle() {
        browser.type("vehicle-vin", VIN);
        assertThat(browser.findElements(By.cssSelector("[data-testid=vehicle-vin-error]"))).as("cleared on edit")
                .isEmpty();
        browser.type("vehicle-make", "Renault");
        browser.type("vehicle-model", "Clio");
        browser.type("vehicle-year", "2006");
        browser.byTestId("vehicle-submit").click();
        browser.visible("vehicle-created");
        browser.waitUntil(d -> !d.findElements(ROW).isEmpty());
        assertThat(browser.cell(ROW, "vehicle-plate-shown")).startsWith("AB-123-CD");
        assertThat(browser.cell(ROW, "vehicle-make-model")).isEqualTo("Renault Clio (2006)");
        assertThat(browser.cell(ROW, "vehicle-manufacturer")).isEqualTo("Renault");
        String vehicleId = browser.findElement(ROW).getAttribute("data-vehicle-id");
        browser.findElement(ROW).findElement(By.cssSelector("[data-testid=vehicle-link]")).click();
        browser.visible("screen-vehicle");
        browser.waitUntil(d -> VIN.equals(browser.byTestId("vehicle-vin-shown").getText()));
        browser.waitUntil(d -> "Renault".equals(browser.byTestId("vehicle-manufacturer").getText()));
        browser.waitUntil(d -> "France".equals(browser.byTestId("vehicle-country").getText()));
        browser.waitUntil(d -> "2006".equals(browser.byTestId("vehicle-model-year").getText()));
        return vehicleId;
    }

    private String pairsADongleAndSeesItsKeyOnce(String vehicleId) {
        browser.byTestId("dongle-submit").click();
        browser.visible("dongle-id-error");
        browser.type("dongle-id", DONGLE);
        browser.byTestId("dongle-submit").click();
        browser.visible("dongle-key-secret-dialog");
        String key = browser.byTestId("dongle-key-secret").getText();
        assertThat(key).isNotBlank();
        assertThat(browser.byTestId("dongle-key-secret-warning").getText()).contains("you will not see it again");
        browser.screenshot("02-dongle-key-once");
        browser.byTestId("dongle-key-secret-close").click();
        browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid=dongle-key-secret-dialog]")).isEmpty());
        browser.waitUntil(d -> DONGLE.equals(browser.byTestId("vehicle-dongle-id").getText()));
        assertThat(String.valueOf(browser.js("return document.documentElement.outerHTML")))
                .as("the key is gone with the dialog").doesNotContain(key);
        assertThat(axle.admin().get("/api/v1/vehicles/" + vehicleId).body().get("dongleId").asText()).isEqualTo(DONGLE);
        return key;
    }

    private static void postFrame(AxleClient dongle, String vehicleId, Instant at, Map<String, String> pids,
            String dtc) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("at", at.toString());
        frame.put("pids", pids);
        if (dtc != null) {
            frame.put("dtc", dtc);
        }
        Answer answer = dongle.post("/api/v1/vehicles/" + vehicleId + "/telemetry", frame);
        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(202);
    }

    private void theGaugesAndChartsShowTheFrame() {
        browser.waitUntil(d -> "60.0".equals(browser.byTestId("gauge-speedKmh").getAttribute("data-value"))
                || "60".equals(browser.byTestId("gauge-speedKmh").getAttribute("data-value")));
        assertThat(browser.byTestId("gauge-speedKmh-value").getText()).isEqualTo("60 km/h");
        assertThat(browser.byTestId("gauge-rpm-value").getText()).isEqualTo("1,726 rpm");
        assertThat(browser.byTestId("gauge-coolantC-value").getText()).isEqualTo("83 °C");
        assertThat(browser.byTestId("gauge-batteryV-value").getText()).isEqualTo("15.0 V");
        assertThat(browser.byTestId("gauge-fuelPct-value").getText()).isEqualTo("50 %");
        for (String measure : List.of("speedKmh", "rpm", "coolantC", "batteryV", "fuelPct")) {
            browser.waitUntil(d -> points("chart-" + measure) >= 1);
        }
        assertThat(browser.byTestId("trouble-codes-empty").getText()).isEqualTo("No trouble code reported.");
        assertThat(browser.byTestId("vehicle-no-alarm").getText()).isEqualTo("No alarm raised.");
    }

    private void aTroubleCodeAndAnAlarmAppear() {
        By code = By.cssSelector("[data-testid=trouble-code-row][data-code=P0133]");
        browser.waitUntil(d -> !d.findElements(code).isEmpty());
        // rows are drawn again when the cleared codes are read: each cell is read until it holds still
        browser.waitUntil(d -> "Active".equals(browser.cell(code, "trouble-code-cleared")));
        String description = browser.waitUntil(d -> browser.cell(code, "trouble-code-description"));
        assertThat(description).isNotBlank().isNotEqualTo("No description known.");
        assertThat(browser.findElements(By.cssSelector("[data-testid=trouble-code-row][data-code=U0158]"))).hasSize(1);
        By alarm = By.cssSelector("[data-testid=vehicle-alarm][data-rule=coolant-high]");
        browser.waitUntil(d -> !d.findElements(alarm).isEmpty());
        String alarmText = browser.waitUntil(d -> d.findElement(alarm).getText());
        assertThat(alarmText).contains("Coolant too hot").contains("115 °C");
        browser.waitUntil(d -> browser.byTestId("gauge-coolantC").getAttribute("class").contains("alarmed"));
        assertThat(browser.byTestId("gauge-speedKmh-value").getText()).isEqualTo("90 km/h");
        browser.waitUntil(d -> points("chart-speedKmh") >= 2);
        browser.screenshot("03-filled-live");
    }

    private void theRangeAndResolutionReadTheSeries() {
        browser.byTestId("vehicle-range-1h").click();
        assertThat(browser.byTestId("vehicle-range-1h").getAttribute("aria-pressed")).isEqualTo("true");
        browser.waitUntil(d -> Integer.parseInt(String.valueOf(
                browser.byTestId("vehicle-series-shown").getAttribute("data-count"))) >= 10);
        assertThat(points("chart-speedKmh")).isEqualTo(2);
        browser.choose("vehicle-resolution", "1m");
        browser.waitUntil(d -> browser.byTestId("vehicle-series-shown").getText().contains("per minute"));
        assertThat(points("chart-speedKmh")).as("two frames ten seconds apart: one or two minutes").isBetween(1, 2);
        assertThat(browser.findElements(By.cssSelector("[data-testid=vehicle-series-problem] .problem"))).isEmpty();
    }

    private void theListShowsTheBadgesAndOnlineDotsAndExportsWhatItMatches() {
        String simulated = aSimulatedVehicleOnline();
        // the charts are further down since the flash card came above them: the link would slide under the top bar
        browser.js("window.scrollTo(0, 0)");
        browser.byTestId("back-to-vehicles").click();
        browser.visible("screen-vehicles");
        browser.waitUntil(d -> !d.findElements(ROW).isEmpty());
        assertThat(browser.cell(ROW, "vehicle-codes-badge")).isEqualTo("2 trouble codes");
        assertThat(browser.cell(ROW, "vehicle-alarms-badge")).isEqualTo("1 alarm");
        assertThat(browser.cell(ROW, "vehicle-last-seen")).isNotEqualTo("Never seen");
        // frames over HTTP hold no session: offline; the simulated dongle holds one on the in-process broker
        assertThat(browser.cell(ROW, "vehicle-online")).isEqualTo("Offline");
        By simulatedRow = By.cssSelector("[data-testid=vehicle-row][data-vehicle-id='" + simulated + "']");
        browser.waitUntil(d -> !d.findElements(simulatedRow).isEmpty());
        assertThat(browser.cell(simulatedRow, "vehicle-online")).isEqualTo("Online");
        assertThat(browser.findElement(simulatedRow).findElement(By.cssSelector("[data-testid=vehicle-online]"))
                .getAttribute("class")).contains("on");
        stopSimulating();

        browser.type("vehicles-search", "AB-123");
        browser.byTestId("vehicles-apply").click();
        browser.waitUntil(d -> browser.getCurrentUrl().contains("q=AB-123"));
        browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid=vehicle-row]")).size() == 1);
        Browser.Download csv = browser.download("vehicles-export");
        assertThat(csv.name()).isEqualTo("vehicles-" + LocalDate.now(ZoneOffset.UTC) + ".csv");
        assertThat(csv.crlfLines()).hasSize(2);
        assertThat(csv.crlfLines().get(0)).startsWith("vehicleId,vin,plate,plateCountry,make,model");
        assertThat(csv.crlfLines().get(1)).contains("," + VIN + ",AB-123-CD,FR,Renault,Clio,").contains("P0133");
        browser.type("vehicles-search", "ZZ-999");
        browser.byTestId("vehicles-apply").click();
        browser.visible("vehicles-empty");
        assertThat(browser.byTestId("vehicles-empty").getText()).isEqualTo("No vehicle matches.");
        browser.byTestId("vehicles-reset").click();
        browser.waitUntil(d -> !d.findElements(ROW).isEmpty());
    }

    /** One simulated vehicle, its dongle connected to the in-process broker: online once the read side sees it. */
    private static String aSimulatedVehicleOnline() {
        AxleClient admin = axle.admin();
        Answer simulated = admin.post("/api/v1/vehicles/simulate",
                Map.of("count", 1, "interval", "PT5S", "scenario", "drive"));
        assertThat(simulated.status()).as(simulated.raw().body()).isEqualTo(201);
        String vehicleId = simulated.body().get("vehicleIds").get(0).asText();
        await("the simulated vehicle online").atMost(PATIENCE)
                .until(() -> admin.get("/api/v1/vehicles/" + vehicleId).body().path("online").asBoolean());
        return vehicleId;
    }

    private static void stopSimulating() {
        assertThat(axle.admin().delete("/api/v1/vehicles/simulate").status()).isEqualTo(204);
    }

    private void aClearedCodeAndTheAlarmGo(AxleClient dongle, String vehicleId, Instant at) {
        browser.findElement(ROW).findElement(By.cssSelector("[data-testid=vehicle-link]")).click();
        browser.visible("screen-vehicle");
        browser.visible("vehicle-alarm");
        postFrame(dongle, vehicleId, at, Map.of("0C", "1AF8", "0D", "3C", "05", "7B", "42", "3A98", "2F", "80"),
                "43 01 01 33");
        By stillActive = By.cssSelector("[data-testid=trouble-code-row][data-code=U0158][data-active=true]");
        browser.waitUntil(d -> d.findElements(stillActive).isEmpty());
        // the cleared code stays in the trouble-code history, with its description and when it was cleared
        By cleared = By.cssSelector("[data-testid=trouble-code-row][data-code=U0158][data-active=false]");
        browser.waitUntil(d -> !d.findElements(cleared).isEmpty());
        assertThat(browser.cell(cleared, "trouble-code-cleared")).isNotBlank().isNotEqualTo("Active");
        assertThat(browser.cell(cleared, "trouble-code-description")).isNotBlank()
                .isNotEqualTo("No description known.");
        assertThat(axle.admin().get("/api/v1/vehicles/" + vehicleId).body().at("/clearedTroubleCodes/0/code")
                .asText()).isEqualTo("U0158");
        browser.waitUntil(d -> "Active".equals(browser.cell(
                By.cssSelector("[data-testid=trouble-code-row][data-code=P0133]"), "trouble-code-cleared")));
        browser.visible("vehicle-no-alarm");
        browser.waitUntil(d -> !browser.byTestId("gauge-coolantC").getAttribute("class").contains("alarmed"));
        assertThat(browser.byTestId("gauge-coolantC-value").getText()).isEqualTo("83 °C");
    }

    private void bothScreensFitA390PixelPhoneAndPassAxeInBothThemes(String vehicleId) {
        Accessibility axe = new Accessibility();
        browser.resize(390, 844);
        browser.get(axle.baseUrl() + "/#/vehicles");
        browser.visible("vehicle-row");
        axe.fitsItsWidthAndPassesInBothThemes(browser, "the vehicle list");
        browser.screenshot("04-phone-dark-list");
        browser.prefersDark(false);

        browser.get(axle.baseUrl() + "/#/vehicles/" + vehicleId);
        browser.visible("trouble-code-row");
        browser.waitUntil(d -> points("chart-speedKmh") >= 1);
        axe.fitsItsWidthAndPassesInBothThemes(browser, "the vehicle page");
        browser.screenshot("05-phone-dark-vehicle");
        browser.prefersDark(false);
        browser.resize(1280, 1200);
    }

    private void unpairsAfterConfirmingAndTheKeyIsRefused(String vehicleId, AxleClient dongle) {
        browser.visible("dongle-unpair").click();
        browser.visible("dongle-unpair-keep").click();
        assertThat(browser.visible("vehicle-dongle-id").getText()).as("kept").isEqualTo(DONGLE);
        browser.visible("dongle-unpair").click();
        browser.visible("dongle-unpair-confirm").click();
        browser.visible("dongle-unpaired");
        browser.visible("dongle-form");
        Answer refused = dongle.post("/api/v1/vehicles/" + vehicleId + "/telemetry",
                Map.of("at", Instant.now().toString(), "pids", Map.of("0D", "3C")));
        assertThat(refused.status()).as("the unpaired dongle's key is revoked").isIn(401, 403);
    }

    private static String hint() {
        return browser.byTestId("vehicle-vin-hint").getText();
    }

    private static int points(String chartTestId) {
        String count = browser.byTestId(chartTestId).getAttribute("data-point-count");
        return count == null || count.isEmpty() ? 0 : Integer.parseInt(count);
    }
}
