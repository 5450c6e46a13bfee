package io.calsync.provider.caldav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.calsync.core.model.Fetched;
import io.calsync.core.model.ListedItem;
import io.calsync.provider.testkit.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Timings on Radicale, opt-in ({@code -Dcalsync.perf=true}): listing N items with calendar-query
 * vs PROPFIND depth 1, multiget of 100, fetching everything. Items are written straight into
 * Radicale's storage folder (a PUT costs Radicale ~15 ms plus ~60 µs per stored item).
 */
class RadicalePerfIT {

  @Test
  void measure() throws Exception {
    assumeTrue(Boolean.getBoolean("calsync.perf"), "perf run not asked for (-Dcalsync.perf=true)");
    int n = Integer.getInteger("calsync.perf.items", 1000);
    try (RadicaleServer server = RadicaleServer.start();
        CaldavStorage cal = ServerContracts.newCalendar(server)) {
      String id = DavPaths.lastSegment(cal.uri().getPath());
      Path folder = server.dir.resolve("collections/collection-root/" + ServerHarness.USER + "/" + id);
      for (int i = 0; i < n; i++) {
        Files.writeString(folder.resolve(UUID.randomUUID() + ".ics"),
            Fixtures.simpleEventText("perf-" + i + "@calsync.test", "Perf " + i));
      }
      cal.list(); // warm Radicale's cache
      long t = System.nanoTime();
      List<ListedItem> items = cal.list().items();
      long query = System.nanoTime() - t;
      assertThat(items).hasSize(n);

      DavClient client = new DavClient(server.settings(), cal.uri());
      t = System.nanoTime();
      int[] count = {0};
      client.execute(DavClient.Request.of("PROPFIND", cal.uri()).depth("1")
              .xml("<d:propfind xmlns:d=\"DAV:\"><d:prop><d:getetag/></d:prop></d:propfind>"),
          r -> DavXml.parseMultistatus(r.body(), x -> count[0]++));
      long propfind = System.nanoTime() - t;
      client.close();

      List<String> hrefs = new ArrayList<>(items.stream().map(ListedItem::href).toList());
      t = System.nanoTime();
      List<Fetched> hundred = cal.get(hrefs.subList(0, 100));
      long multiget100 = System.nanoTime() - t;
      t = System.nanoTime();
      List<Fetched> all = cal.get(hrefs);
      long allQuery = System.nanoTime() - t;
      long allMultiget;
      try (CaldavStorage fresh = CaldavStorage.open(cal.uri(), server.settings())) {
        t = System.nanoTime();
        fresh.get(hrefs); // no listing seen: chunked multiget, 4 in parallel
        allMultiget = System.nanoTime() - t;
      }
      assertThat(hundred).allMatch(f -> f instanceof Fetched.Found);
      assertThat(all).hasSize(n).allMatch(f -> f instanceof Fetched.Found);
      System.out.printf("%nPERF Radicale, %d items: list via calendar-query %d ms, via PROPFIND depth 1 %d ms;"
              + " multiget of 100: %d ms; get all via calendar-query+data %d ms, via %d multigets of 100 (4 parallel) %d ms%n",
          n, query / 1_000_000, propfind / 1_000_000, multiget100 / 1_000_000, allQuery / 1_000_000,
          (n + 99) / 100, allMultiget / 1_000_000);
    }
  }
}
