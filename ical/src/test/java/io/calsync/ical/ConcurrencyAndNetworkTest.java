package io.calsync.ical;

import static io.calsync.ical.Fixtures.ics;
import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.core.model.Item;
import java.io.IOException;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.fortuna.ical4j.model.TimeZoneUpdater;
import org.junit.jupiter.api.Test;

class ConcurrencyAndNetworkTest {

  @Test
  void parsingConcurrently_givesTheSameItemsAsParsingAlone() throws Exception {
    List<String> texts = new ArrayList<>();
    List<Item> expected = new ArrayList<>();
    for (String f : Fixtures.SINGLE_ITEM) {
      texts.add(Fixtures.read(f));
      expected.add(IcalCodec.parseItem(Fixtures.read(f), f));
    }
    String whole = Fixtures.read("google-export-with-calendar-properties.ics");
    ParsedCalendar expectedSplit = IcalCodec.parseCalendar(whole, "g.ics");

    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int task = 0; task < 64; task++) {
        results.add(
            pool.submit(
                () -> {
                  for (int round = 0; round < 10; round++) {
                    for (int i = 0; i < texts.size(); i++) {
                      Item item = IcalCodec.parseItem(texts.get(i), Fixtures.SINGLE_ITEM.get(i));
                      if (!item.equals(expected.get(i))) {
                        return false;
                      }
                    }
                    if (!IcalCodec.parseCalendar(whole, "g.ics").equals(expectedSplit)) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> r : results) {
        assertThat(r.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void tzidsWithoutVtimezone_causeNoNetworkAccess() {
    // ical4j's time-zone updater (the only code in it that opens URLs) is off by default.
    assertThat(new TimeZoneUpdater().isEnabled()).isFalse();

    List<URI> asked = new CopyOnWriteArrayList<>();
    ProxySelector previous = ProxySelector.getDefault();
    ProxySelector.setDefault(
        new ProxySelector() {
          @Override
          public List<Proxy> select(URI uri) {
            asked.add(uri);
            return List.of(Proxy.NO_PROXY);
          }

          @Override
          public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {}
        });
    try {
      String text =
          ics(
              "BEGIN:VCALENDAR", "VERSION:2.0",
              "BEGIN:VEVENT", "UID:no-vtimezone",
              "DTSTART;TZID=Australia/Sydney:20240105T100000",
              "DTEND;TZID=Custom Zone That Does Not Exist:20240105T110000",
              "EXDATE;TZID=America/Sao_Paulo:20240112T100000",
              "END:VEVENT",
              "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
              "TZURL:http://tzurl.org/zoneinfo-outlook/Europe/Berlin",
              "BEGIN:STANDARD", "DTSTART:19701025T030000", "TZOFFSETFROM:+0200",
              "TZOFFSETTO:+0100", "END:STANDARD", "END:VTIMEZONE",
              "END:VCALENDAR");

      Item item = IcalCodec.parseItem(text, "sydney.ics");
      ParsedCalendar split = IcalCodec.parseCalendar(text, "sydney.ics");
      String joined = IcalCodec.joinCalendar(split.items(), split.properties());

      assertThat(item.uid()).isEqualTo("no-vtimezone");
      assertThat(split.items().getFirst().hash()).isEqualTo(item.hash());
      assertThat(split.items().getFirst().text())
          .contains("DTSTART;TZID=Australia/Sydney:20240105T100000")
          .doesNotContain("VTIMEZONE");
      assertThat(joined).contains("TZID=Custom Zone That Does Not Exist");
      assertThat(asked).isEmpty();
    } finally {
      ProxySelector.setDefault(previous);
    }
  }
}
