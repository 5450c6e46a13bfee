package io.calsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ContentLinesTest {

  private static final String A =
      """
      BEGIN:VCALENDAR
      BEGIN:VTIMEZONE
      TZID:Europe/Berlin
      END:VTIMEZONE
      BEGIN:VEVENT
      UID:x
      DTSTAMP:20260101T000000Z
      SUMMARY:Team
       meeting
      LOCATION:Room 1
      END:VEVENT
      BEGIN:VEVENT
      UID:x
      RECURRENCE-ID:20260105T100000Z
      DTSTART:20260106T100000Z
      END:VEVENT
      END:VCALENDAR
      """;

  @Test
  void lists_differing_properties_with_the_instance_of_overrides() {
    String b =
        A.replace("LOCATION:Room 1", "LOCATION:Room 2")
            .replace("DTSTART:20260106T100000Z", "DTSTART:20260107T100000Z")
            .replace("DTSTAMP:20260101T000000Z", "DTSTAMP:20260202T000000Z")
            .replace("TZID:Europe/Berlin", "TZID:Europe/Paris");

    assertThat(ContentLines.differingProperties(A, b))
        .containsExactly("LOCATION", "DTSTART (instance 20260105T100000Z)");
  }

  @Test
  void folded_lines_are_compared_unfolded() {
    String b = A.replace("SUMMARY:Team\n meeting", "SUMMARY:Teammeeting");

    assertThat(ContentLines.differingProperties(A, b)).isEmpty();
  }

  @Test
  void alarm_properties_are_named_after_the_alarm() {
    String withAlarm =
        A.replace(
            "LOCATION:Room 1\n", "LOCATION:Room 1\nBEGIN:VALARM\nTRIGGER:-PT15M\nEND:VALARM\n");
    String otherAlarm = withAlarm.replace("TRIGGER:-PT15M", "TRIGGER:-PT5M");

    assertThat(ContentLines.differingProperties(withAlarm, otherAlarm))
        .containsExactly("VALARM TRIGGER");
  }

  @Test
  void a_deleted_version_has_no_property_differences() {
    assertThat(ContentLines.differingProperties(A, null)).isEmpty();
  }
}
