package io.calsync.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.core.storage.StorageException;
import org.junit.jupiter.api.Test;

class StoragesTest {

  @Test
  void factories_listsRegisteredFactoriesSortedByType() {
    assertThat(Storages.factories())
        .extracting(StorageFactory::type)
        .containsExactly("recording");
  }

  @Test
  void factory_knownTypeIgnoringCase_isFound() {
    assertThat(Storages.factory("Recording")).isInstanceOf(RecordingStorageFactory.class);
  }

  @Test
  void open_knownType_passesTheParsedUriToItsFactory() {
    Storages.open("recording:/some/where");
    assertThat(RecordingStorageFactory.lastOpened)
        .isEqualTo(new StorageUri("recording", "/some/where", "recording:/some/where"));
  }

  @Test
  void open_unknownType_throwsInvalidConfigurationNamingUriAndSupportedTypes() {
    assertThatThrownBy(() -> Storages.open("x:/y"))
        .isInstanceOf(StorageException.InvalidConfiguration.class)
        .hasMessage("unknown storage type 'x' in 'x:/y': supported: recording");
  }

  @Test
  void factory_unknownType_throwsInvalidConfigurationNamingSupportedTypes() {
    assertThatThrownBy(() -> Storages.factory("nope"))
        .isInstanceOf(StorageException.InvalidConfiguration.class)
        .hasMessage("unknown storage type 'nope': supported: recording");
  }

  @Test
  void openAccount_typeWithoutAccountLevel_throwsNotSupportedWithExample() {
    assertThatThrownBy(() -> Storages.openAccount("recording:/a"))
        .isInstanceOf(StorageException.NotSupported.class)
        .hasMessageContaining("recording has no account level")
        .hasMessageContaining("recording:/anything");
  }

  @Test
  void open_malformedUri_throwsInvalidConfiguration() {
    assertThatThrownBy(() -> Storages.open("/no/type"))
        .isInstanceOf(StorageException.InvalidConfiguration.class);
  }
}
