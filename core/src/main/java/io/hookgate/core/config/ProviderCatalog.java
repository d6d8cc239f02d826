package io.hookgate.core.config;

import java.util.Optional;
import java.util.SortedSet;

/** The verification schemes a configuration may name, looked up by their {@code provider} value. */
public interface ProviderCatalog {

    Optional<? extends ProviderSpec> find(String name);

    SortedSet<String> names();
}
