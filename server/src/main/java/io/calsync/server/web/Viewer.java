package io.calsync.server.web;

/**
 * Who is looking at a page, as the templates need it.
 *
 * @param user shown in the header; null when authentication is off
 * @param mayChange whether to offer the forms that change things (admins only)
 * @param csrfToken echoed by every form the page holds
 */
public record Viewer(String user, boolean mayChange, String csrfToken) {}
