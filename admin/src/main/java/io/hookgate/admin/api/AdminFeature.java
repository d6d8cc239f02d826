package io.hookgate.admin.api;

/**
 * A part of the admin API kept in a package of its own (subscriptions, ...): it adds its routes,
 * which then sit behind the token and the error handling like every other.
 */
@FunctionalInterface
public interface AdminFeature {

    void addTo(AdminRoutes routes);
}
