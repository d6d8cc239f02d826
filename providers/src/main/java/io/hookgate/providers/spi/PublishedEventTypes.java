package io.hookgate.providers.spi;

import io.hookgate.core.catalog.EventCatalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A provider's published list of event types, shipped in its package as the resource
 * {@value #RESOURCE}: one type a line, named as the provider's scheme names types (the envelope's
 * {@code type}), {@code #} starting a comment. Read once, when the provider is built.
 */
public final class PublishedEventTypes {

    /** The resource's name, beside the provider's classes. */
    public static final String RESOURCE = "event-types.txt";

    private PublishedEventTypes() {
    }

    /**
     * The types listed beside {@code provider}'s class.
     *
     * @throws IllegalStateException when the list is missing, lists a type twice or a name that is no event type:
     *                               a packaging error, found by the first test that loads the providers
     */
    public static SortedSet<String> of(final Class<?> provider) {
        final SortedSet<String> types = new TreeSet<>();
        try (InputStream in = provider.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("no " + RESOURCE + " beside " + provider.getName());
            }
            final BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int number = 0;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                final String type = line.strip();
                if (type.isEmpty() || type.startsWith("#")) {
                    continue;
                }
                if (!EventCatalog.NAME.matcher(type).matches() || !types.add(type)) {
                    throw new IllegalStateException(provider.getPackageName() + "/" + RESOURCE + " line " + number + ": '" + type
                        + "' is not an event type name, or is listed twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + " beside " + provider.getName(), e);
        }
        return Collections.unmodifiableSortedSet(types);
    }
}
