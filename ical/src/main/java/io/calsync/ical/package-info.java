/**
 * iCalendar in and out: the only package that touches ical4j.
 *
 * <ul>
 *   <li>{@link io.calsync.ical.IcalCodec} is the door: {@code parseItem} (one UID per text, text
 *       kept byte for byte), {@code parseCalendar} (split a whole calendar by UID, duplicates
 *       rejected, never merged) and {@code joinCalendar} (the inverse).
 *   <li>{@code Ical4j} drives ical4j's parser (unfolding, tokenising, with the relaxed
 *       compatibility hints) and its model and outputter (folding, CRLF). Property values and
 *       parameters go through verbatim: ical4j 4.4.0's typed properties re-format some values
 *       (an RDATE period loses its {@code Z}, {@code \N} becomes {@code \\N}), so calsync never
 *       asks it to interpret them. No TZID is ever resolved, so nothing is fetched.
 *   <li>{@code ItemNormalizer} and {@code ContentHasher} define the content hash: what servers
 *       rewrite on their own (DTSTAMP, PRODID, LAST-MODIFIED, VTIMEZONE, property order,
 *       quoting, folding...) is left out or evened out; what a user can change is in.
 *   <li>{@code ItemSplitter} groups a calendar's components by UID with the VTIMEZONEs they use.
 * </ul>
 *
 * <p>Known limit: ical4j's parser misreads a parameter with several quoted values ({@code
 * MEMBER="mailto:a","mailto:b"}): the values after the first end up in the property value.
 * {@code parseItem} still keeps such a text unchanged and hashes it consistently, but the items
 * {@code parseCalendar} writes carry the misread form.
 */
package io.calsync.ical;
