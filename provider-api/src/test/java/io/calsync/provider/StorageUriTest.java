package io.calsync.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.core.storage.StorageException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StorageUriTest {

  @Test
  void parse_typeAndAbsolutePath_splitsAtFirstColon() {
    assertThat(StorageUri.parse("ics:/p/f")).isEqualTo(new StorageUri("ics", "/p/f", "ics:/p/f"));
  }

  @Test
  void parse_hyphenatedTypeAndRelativePath_keepsValueAsWritten() {
    StorageUri uri = StorageUri.parse("ics-file:cal.ics");
    assertThat(uri.type()).isEqualTo("ics-file");
    assertThat(uri.value()).isEqualTo("cal.ics");
  }

  @Test
  void parse_typePlusTransport_keepsTransportInValue() {
    StorageUri uri = StorageUri.parse("caldav+https://h/x/");
    assertThat(uri.type()).isEqualTo("caldav");
    assertThat(uri.value()).isEqualTo("https://h/x/");
    assertThat(uri.original()).isEqualTo("caldav+https://h/x/");
  }

  @Test
  void parse_upperCaseType_isLowerCased() {
    assertThat(StorageUri.parse("ICS:/p").type()).isEqualTo("ics");
  }

  @Test
  void parse_valueWithColons_keepsEverythingAfterTheFirst() {
    assertThat(StorageUri.parse("ics:/a:b/c").value()).isEqualTo("/a:b/c");
  }

  @Test
  void parse_surroundingWhitespace_isIgnored() {
    assertThat(StorageUri.parse("  ics:/p \n").value()).isEqualTo("/p");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "/home/me/cal", "cal.ics", "caldav+nocolon"})
  void parse_withoutType_throwsInvalidConfigurationShowingAcceptedForm(String uri) {
    assertThatThrownBy(() -> StorageUri.parse(uri))
        .isInstanceOf(StorageException.InvalidConfiguration.class)
        .hasMessageContaining("<type>:<location>")
        .hasMessageContaining("ics:/home/me/calendars/work");
  }

  @Test
  void parse_null_throwsInvalidConfiguration() {
    assertThatThrownBy(() -> StorageUri.parse(null))
        .isInstanceOf(StorageException.InvalidConfiguration.class);
  }

  @Test
  void parse_typeWithoutLocation_throwsInvalidConfigurationNamingTheUri() {
    assertThatThrownBy(() -> StorageUri.parse("ics:"))
        .isInstanceOf(StorageException.InvalidConfiguration.class)
        .hasMessageContaining("'ics:'")
        .hasMessageContaining("no location");
  }

  @Test
  void path_absolute_isKept() {
    assertThat(StorageUri.parse("ics:/p/./q/../f").path()).isEqualTo(Path.of("/p/f"));
  }

  @Test
  void path_relative_isResolvedAgainstWorkingDirectory() {
    assertThat(StorageUri.parse("ics-file:cal.ics").path())
        .isEqualTo(Path.of("").toAbsolutePath().resolve("cal.ics"));
  }

  @Test
  void path_tilde_isTheHomeFolder() {
    Path home = Path.of(System.getProperty("user.home")).toAbsolutePath().normalize();
    assertThat(StorageUri.parse("ics:~/calendars/work").path())
        .isEqualTo(home.resolve("calendars/work"));
    assertThat(StorageUri.parse("ics:~").path()).isEqualTo(home);
  }
}
