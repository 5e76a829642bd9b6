package io.axle.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Links to the UI as users reach it: the base is the {@value #PROPERTY} property when set (the address behind a proxy
 * or load balancer), otherwise the scheme, host, port and context path of the request being served.
 */
public final class PublicUrls {

    /** Property holding the public base address of the UI, e.g. {@code https://axle.example.com}. */
    public static final String PROPERTY = "axle.public-url";

    private PublicUrls() {
    }

    /** The public base address without a trailing slash: {@code configured} if not blank, else the request's. */
    public static String base(String configured, HttpServletRequest request) {
        if (configured != null && !configured.isBlank()) {
            return stripTrailingSlash(configured.strip());
        }
        if (request == null) {
            return "";
        }
        return stripTrailingSlash(ServletUriComponentsBuilder.fromContextPath(request).replaceQuery(null).build()
                .toUriString());
    }

    /** The live page of a run in the UI ({@code <base>/#/runs/<id>}); an empty base gives a relative link. */
    public static String runPage(String base, String runId) {
        return stripTrailingSlash(base == null ? "" : base) + "/#/runs/" + runId;
    }

    private static String stripTrailingSlash(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }
}
