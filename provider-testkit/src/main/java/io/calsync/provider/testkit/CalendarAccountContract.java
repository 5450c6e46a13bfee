package io.calsync.provider.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.core.model.CalendarMeta;
import io.calsync.core.model.Fetched;
import io.calsync.core.model.Item;
import io.calsync.core.model.ListedItem;
import io.calsync.core.storage.CalendarAccount;
import io.calsync.core.storage.CalendarStorage;
import io.calsync.core.storage.StorageException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link CalendarAccount} must show: list, create, open and delete calendars.
 * Subclass it in the provider's tests and say how to make an account (an account that already
 * holds calendars is fine: the tests only look at calendars they created). Every account and
 * calendar opened here is closed after each test.
 */
public abstract class CalendarAccountContract {

  private final List<AutoCloseable> opened = new ArrayList<>();

  /** A new account on a place of its own. */
  protected abstract CalendarAccount newEmptyAccount() throws Exception;

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : opened.reversed()) {
      c.close();
    }
    opened.clear();
  }

  @Test
  void createCalendar_thenListed_withNameAndColor() throws Exception {
    CalendarAccount account = account();

    CalendarMeta created =
        account.createCalendar(
            new CalendarMeta("work", "Work Ärger", "#3366CC", null, null, false));

    CalendarMeta listed = listed(account, created.id());
    CalendarStorageContract.assertNameAndColor(listed, "Work Ärger", "#3366CC");
    CalendarStorageContract.assertNameAndColor(created, "Work Ärger", "#3366CC");
  }

  @Test
  void createCalendar_twice_listsBothWithDistinctIds() throws Exception {
    CalendarAccount account = account();

    CalendarMeta a = account.createCalendar(CalendarMeta.named("home", "Home"));
    CalendarMeta b = account.createCalendar(CalendarMeta.named("sport", "Sport"));

    assertThat(a.id()).isNotEqualTo(b.id());
    assertThat(account.listCalendars())
        .extracting(CalendarMeta::id)
        .contains(a.id(), b.id());
  }

  @Test
  void createCalendar_withIdInUse_neverOverwritesTheExistingOne() throws Exception {
    CalendarAccount account = account();
    CalendarMeta first = account.createCalendar(CalendarMeta.named("shared", "First"));
    Item item = Fixtures.simpleEvent("account-keep@calsync.test", "Keep me");
    CalendarStorage firstCalendar = open(account, first.id());
    firstCalendar.create(item);
    firstCalendar.flush();

    CalendarMeta second;
    try {
      second = account.createCalendar(CalendarMeta.named(first.id(), "Second"));
    } catch (StorageException.ItemAlreadyExists refused) {
      second = null;
    }

    if (second != null) {
      assertThat(second.id()).isNotEqualTo(first.id());
    }
    CalendarStorage again = open(account, first.id());
    assertThat(again.metadata().name()).isEqualTo("First");
    List<ListedItem> items = again.list().items();
    assertThat(items).hasSize(1);
    assertThat(again.get(List.of(items.getFirst().href())).getFirst())
        .isInstanceOfSatisfying(
            Fetched.Found.class, f -> assertThat(f.item().hash()).isEqualTo(item.hash()));
  }

  @Test
  void open_createdCalendar_isEmptyAndKeepsWrites() throws Exception {
    CalendarAccount account = account();
    CalendarMeta created = account.createCalendar(CalendarMeta.named("new", "New"));
    CalendarStorage calendar = open(account, created.id());
    assertThat(calendar.list().items()).isEmpty();
    assertThat(calendar.metadata().name()).isEqualTo("New");
    Item item = Fixtures.simpleEvent("account-write@calsync.test", "Written");

    calendar.create(item);
    calendar.flush();

    CalendarStorage again = open(account, created.id());
    List<ListedItem> items = again.list().items();
    assertThat(items).hasSize(1);
    assertThat(again.get(List.of(items.getFirst().href())).getFirst())
        .isInstanceOfSatisfying(
            Fetched.Found.class, f -> assertThat(f.item().uid()).isEqualTo(item.uid()));
  }

  @Test
  void open_unknownCalendar_throwsItemNotFound() throws Exception {
    CalendarAccount account = account();

    assertThatThrownBy(() -> account.open("no-such-calendar-" + System.nanoTime()))
        .isInstanceOf(StorageException.ItemNotFound.class);
  }

  @Test
  void deleteCalendar_removesItFromListing_andOpenThrowsItemNotFound() throws Exception {
    CalendarAccount account = account();
    CalendarMeta keep = account.createCalendar(CalendarMeta.named("keep", "Keep"));
    CalendarMeta drop = account.createCalendar(CalendarMeta.named("drop", "Drop"));
    try (CalendarStorage calendar = account.open(drop.id())) {
      calendar.create(Fixtures.simpleEvent("account-drop@calsync.test", "In dropped calendar"));
      calendar.flush();
    }

    account.deleteCalendar(drop.id());

    assertThat(account.listCalendars())
        .extracting(CalendarMeta::id)
        .contains(keep.id())
        .doesNotContain(drop.id());
    assertThatThrownBy(() -> account.open(drop.id()))
        .isInstanceOf(StorageException.ItemNotFound.class);
  }

  @Test
  void deleteCalendar_unknownCalendar_throwsItemNotFound() throws Exception {
    CalendarAccount account = account();

    assertThatThrownBy(() -> account.deleteCalendar("no-such-calendar-" + System.nanoTime()))
        .isInstanceOf(StorageException.ItemNotFound.class);
  }

  // ---------------------------------------------------------------- helpers

  /** A new account, closed after the test. */
  protected final CalendarAccount account() throws Exception {
    CalendarAccount account = newEmptyAccount();
    opened.add(account);
    return account;
  }

  /** Opens a calendar of {@code account}, closed after the test. */
  protected final CalendarStorage open(CalendarAccount account, String id) {
    CalendarStorage s = account.open(id);
    opened.add(s);
    return s;
  }

  private static CalendarMeta listed(CalendarAccount account, String id) {
    return account.listCalendars().stream()
        .filter(m -> m.id().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError(id + " not listed by " + account.location()));
  }
}
