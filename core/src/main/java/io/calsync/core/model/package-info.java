/**
 * The domain words of calsync, defined once.
 *
 * <ul>
 *   <li><b>calendar</b> (collection): a named set of items in one storage, described by {@link
 *       io.calsync.core.model.CalendarMeta}.
 *   <li><b>item</b>: everything one iCalendar UID stands for in a calendar: the master VEVENT, every
 *       RECURRENCE-ID override and the VTIMEZONEs they use, serialised as one VCALENDAR ({@link
 *       io.calsync.core.model.Item}).
 *   <li><b>href</b>: where a storage keeps an item (a file name, a URL path, an Outlook EntryID).
 *   <li><b>etag</b>: the storage's version token for the item at an href; it changes whenever the
 *       stored bytes change. Equal etags at the same href mean "unchanged, no need to fetch".
 *   <li><b>hash</b>: the content hash of the item's <em>normalised</em> form, computed by the ical
 *       module. Two items with equal hashes are the same event even when servers re-serialised
 *       them differently (DTSTAMP, PRODID, property order…).
 *   <li><b>side</b>: one of the two storages a sync pair joins: {@code A} is the source ({@code
 *       --from}), {@code B} the destination ({@code --to}).
 *   <li><b>status</b>: what both sides looked like after the last successful sync of each item;
 *       the third leg of the three-way comparison.
 * </ul>
 */
package io.calsync.core.model;
