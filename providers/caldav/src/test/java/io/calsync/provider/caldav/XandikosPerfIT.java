package io.calsync.provider.caldav;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.calsync.core.model.Fetched;
import io.calsync.core.model.ListedItem;
import io.calsync.provider.testkit.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timings on Xandikos, opt-in ({@code -Dcalsync.perf=true}): multiget vs calendar-query with data. */
class XandikosPerfIT {

  @Test
  void measure() {
    assumeTrue(Boolean.getBoolean("calsync.perf"), "perf run not asked for (-Dcalsync.perf=true)");
    int n = Integer.getInteger("calsync.perf.xandikos.items", 200);
    try (XandikosServer server = XandikosServer.start();
        CaldavStorage cal = ServerContracts.newCalendar(server)) {
      long t = System.nanoTime();
      for (int i = 0; i < n; i++) cal.create(Fixtures.simpleEvent("xperf-" + i + "@calsync.test", "P" + i));
      long puts = System.nanoTime() - t;
      t = System.nanoTime();
      List<String> hrefs = cal.list().items().stream().map(ListedItem::href).toList();
      long list = System.nanoTime() - t;
      try (CaldavStorage fresh = CaldavStorage.open(cal.uri(), server.settings())) {
        t = System.nanoTime();
        List<Fetched> m = fresh.get(hrefs.subList(0, Math.min(100, n))); // no listing seen: multiget
        long multiget = System.nanoTime() - t;
        assertThat(m).allMatch(f -> f instanceof Fetched.Found);
        t = System.nanoTime();
        List<Fetched> all = cal.get(hrefs); // after a listing: one calendar-query with data
        long query = System.nanoTime() - t;
        assertThat(all).hasSize(n).allMatch(f -> f instanceof Fetched.Found);
        System.out.printf("%nPERF Xandikos, %d items: %d PUTs %d ms (%d ms each); list %d ms;"
                + " multiget of %d: %d ms; get all %d via calendar-query+data: %d ms%n",
            n, n, puts / 1_000_000, puts / 1_000_000 / n, list / 1_000_000, Math.min(100, n),
            multiget / 1_000_000, n, query / 1_000_000);
      }
    }
  }
}
