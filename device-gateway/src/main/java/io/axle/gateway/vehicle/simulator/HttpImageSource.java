package io.axle.gateway.vehicle.simulator;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Downloads firmware images the way a dongle does: {@code GET <baseUrl><imagePath>} with its device key in
 * {@code X-API-Key}. The version the image installs is read from the {@value #VERSION_HEADER} header when the server
 * sends one.
 */
public final class HttpImageSource implements SimulatedEcuFlasher.ImageSource {

    public static final String VERSION_HEADER = "X-Firmware-Version";
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final String baseUrl;
    private final String apiKey;

    public HttpImageSource(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.apiKey = apiKey;
    }

    @Override
    public SimulatedEcuFlasher.FirmwareImage download(String firmwareId, String imagePath) throws IOException {
        if (imagePath == null || !imagePath.startsWith("/")) {
            throw new IOException("The command names no image path");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + imagePath)).timeout(TIMEOUT)
                .header("X-API-Key", apiKey).GET().build();
        HttpResponse<byte[]> response;
        try {
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while downloading " + imagePath, e);
        }
        if (response.statusCode() != 200) {
            throw new IOException("GET " + imagePath + " answered " + response.statusCode());
        }
        return new SimulatedEcuFlasher.FirmwareImage(response.body(),
                response.headers().firstValue(VERSION_HEADER).orElse(null));
    }
}
