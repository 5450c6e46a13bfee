package io.calsync.server.web;

/**
 * The outcome of the action a section was re-rendered for, shown at the top of that section.
 *
 * @param section the id of the section it belongs to ({@code calendars}, {@code queues}…)
 * @param ok whether the action succeeded (the text says so too: colour is not the only signal)
 */
public record Flash(String section, String message, boolean ok) {
  /** The flash if it belongs to {@code sectionId}, else null: each section shows only its own. */
  public Flash in(String sectionId) {
    return section.equals(sectionId) ? this : null;
  }
}
