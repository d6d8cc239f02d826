package io.hookgate.admin.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3.1 document of the whole admin API, kept as the resource {@value #RESOURCE} beside
 * this class and served as is at {@value #PATH}. It is written by hand, for people and generators
 * alike; a test keeps its paths and methods equal to the routes {@link AdminApi} adds.
 */
public final class OpenApiDocument {

    /** Where the document is served. */
    public static final String PATH = "/admin/openapi.json";
    static final String RESOURCE = "openapi.json";

    private OpenApiDocument() {
    }

    /**
     * The document's bytes.
     *
     * @throws IllegalStateException when the resource is missing from the build
     */
    public static byte[] load() {
        try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the admin module lacks its resource " + RESOURCE + " (a broken build)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + RESOURCE, e);
        }
    }
}
