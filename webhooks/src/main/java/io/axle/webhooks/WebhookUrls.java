package io.axle.webhooks;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * Where a webhook may point. Only http and https, without credentials in the URL; and, unless
 * {@code axle.webhooks.allow-private-addresses} is set, only public addresses, so that a partner cannot make Axle
 * post into its own network (loopback, private, link-local and unique-local ranges are refused).
 */
public final class WebhookUrls {

    private WebhookUrls() {
    }

    /** A rule a URL breaks: its name and a sentence for the caller. */
    public record Violation(String rule, String detail) {
    }

    /** The first rule {@code url} breaks, null when it may be used. */
    public static Violation check(String url, boolean allowPrivateAddresses) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return new Violation("http-or-https", "must be an absolute http or https URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            return new Violation("http-or-https", "must be an absolute http or https URL");
        }
        if (uri.getRawUserInfo() != null) {
            return new Violation("no-credentials", "must not carry a user name or password; sign with the secret");
        }
        if (allowPrivateAddresses) {
            return null;
        }
        try {
            if (Arrays.stream(InetAddress.getAllByName(uri.getHost())).anyMatch(WebhookUrls::isPrivate)) {
                return new Violation("public-address", "must resolve to public addresses only, not " + uri.getHost());
            }
        } catch (UnknownHostException e) {
            return new Violation("resolvable-host", "host " + uri.getHost() + " does not resolve");
        }
        return null;
    }

    /** Whether {@code address} is loopback, private, link-local, unique-local, wildcard or multicast. */
    static boolean isPrivate(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocal = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        boolean sharedAddressSpace = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress() || uniqueLocal || sharedAddressSpace;
    }
}
