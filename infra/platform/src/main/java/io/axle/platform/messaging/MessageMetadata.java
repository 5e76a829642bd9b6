package io.axle.platform.messaging;

/** The metadata keys every Axle message carries, so that any change can be traced to who, from where and why. */
public final class MessageMetadata {

    /** Username of the person, or {@code apikey:<name>} for a partner or device. */
    public static final String USER = "user";
    /** The calling client: the {@code X-Client-Id} header, or User-Agent and remote address. */
    public static final String CLIENT = "client";
    /** Shared by every message descending from one request. */
    public static final String CORRELATION_ID = "correlationId";
    /** Identifier of the message (or request) that directly caused this one. */
    public static final String CAUSATION_ID = "causationId";
    /** On an event applied by a command handler: the simple name of that command, whose id is the event's causation. */
    public static final String COMMAND = "command";
    /** On an event applied by a command handler: that command's own causation id, so the command joins the chain. */
    public static final String COMMAND_CAUSATION_ID = "commandCausationId";

    private MessageMetadata() {
    }
}
