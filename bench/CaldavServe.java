import io.calsync.provider.caldav.RadicaleServer;
import io.calsync.provider.caldav.ServerHarness;
import io.calsync.provider.caldav.SogoServer;
import io.calsync.provider.caldav.XandikosServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one real CalDAV server for bench/caldav-vs-vdirsyncer.sh with the caldav module's test
 * harness (127.0.0.1, random port, temp dir, authentication on), creates the named empty
 * calendars, writes a shell-sourceable description to OUT, and runs until it gets SIGTERM: the
 * shutdown hook stops the server's processes by PID and deletes its temp dir.
 *
 * <pre>java -cp … bench/CaldavServe.java radicale|xandikos|sogo OUT CALENDAR…</pre>
 *
 * SOGo's worker count: -Dcalsync.sogo.workers=N.
 */
public final class CaldavServe {
  public static void main(String[] args) throws Exception {
    ServerHarness server =
        switch (args[0]) {
          case "radicale" -> RadicaleServer.start();
          case "xandikos" -> XandikosServer.start();
          case "sogo" -> SogoServer.start();
          default -> throw new IllegalArgumentException("unknown server " + args[0]);
        };
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    List<String> lines = new ArrayList<>();
    lines.add("DAV_ROOT='" + server.root() + "'");
    lines.add("DAV_USER='" + ServerHarness.USER + "'");
    lines.add("DAV_PASSWORD='" + ServerHarness.PASSWORD + "'");
    lines.add("DAV_DIR='" + server.dataDir() + "'");
    for (int i = 2; i < args.length; i++) {
      URI calendar = server.newCalendar(args[i]);
      lines.add("CAL_" + args[i].toUpperCase().replace('-', '_') + "='" + calendar + "'");
    }
    Path out = Path.of(args[1]);
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    Files.write(tmp, lines);
    Files.move(tmp, out); // appears whole
    Thread.currentThread().join();
  }
}
