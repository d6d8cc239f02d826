/**
 * The delivery log and endpoint health on the admin port: {@code GET /admin/deliveries} (each
 * delivery with its attempts, filtered and paged), {@code GET /admin/deliveries/{deliveryId}} and
 * {@code GET /admin/subscriptions/{id}/health}, answered from the admin index's
 * {@link io.hookgate.admin.internals.view.DeliveryStore}.
 */
package io.hookgate.admin.internals.deliveries;
