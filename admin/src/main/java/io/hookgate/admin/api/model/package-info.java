/**
 * The admin API's request and answer bodies as records, one definition serving both sides: the admin
 * server writes them, the {@code hookgate} CLI reads them. Their JSON is the contract of
 * {@code openapi.json}: a field is only ever added.
 */
package io.hookgate.admin.api.model;
