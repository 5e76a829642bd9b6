package io.axle.platform.web;

/**
 * Thrown by controllers when a requested resource does not exist; mapped to a 404 problem.
 */
public class NotFoundException extends RuntimeException {

    private final String resource;
    private final String id;

    public NotFoundException(String resource, String id) {
        super(resource + " " + id + " not found");
        this.resource = resource;
        this.id = id;
    }

    public String resource() {
        return resource;
    }

    public String id() {
        return id;
    }
}
