package io.calsync.server.dav;

import io.calsync.server.ApiException;
import io.calsync.server.Auth;
import io.calsync.server.ItemService;
import io.calsync.server.ServerConfig;
import io.calsync.server.store.CalendarRepository;
import io.calsync.server.store.Transactions;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.List;

/**
 * The master's CalDAV endpoint under {@code /dav/} (RFC 4918, 4791, 6578, 6764): discovery,
 * PROPFIND, REPORT, GET/PUT/DELETE of events, PROPPATCH of calendar names and colors. Every
 * response is the DAV kind (XML error bodies with preconditions), never the API's JSON problem.
 *
 * <p>Credentials are the API's, also as HTTP Basic (the password is the key; see {@link
 * CalendarGrant} for what each may see and change).
 */
public final class DavRoutes {
  /** What OPTIONS advertises: class 1 and 3 and calendar-access; not 2, since there is no LOCK. */
  static final String DAV_HEADER = "1, 3, calendar-access";
  static final String ALLOW = "OPTIONS, GET, HEAD, PUT, DELETE, PROPFIND, PROPPATCH, REPORT";
  private static final List<String> METHODS = List.of("OPTIONS", "GET", "HEAD", "PUT", "DELETE", "PROPFIND",
      "PROPPATCH", "REPORT", "MKCALENDAR", "MKCOL", "MOVE", "COPY", "LOCK", "UNLOCK", "POST");

  private final ServerConfig config;
  private final Auth auth;
  private final CalendarRepository calendars;
  private final Propfind propfind;
  private final Report report;
  private final ItemResource itemResource;
  private final Proppatch proppatch;

  public DavRoutes(ServerConfig config, Auth auth, ItemService items, CalendarRepository calendars, Transactions tx,
      CalendarMetadataWriter metadata) {
    this.config = config;
    this.auth = auth;
    this.calendars = calendars;
    DavHrefs hrefs = new DavHrefs(tx);
    ItemLookup lookup = new ItemLookup(items, hrefs);
    DavResources resources = new DavResources(calendars, items, hrefs);
    this.propfind = new Propfind(calendars, resources, lookup);
    this.report = new Report(calendars, items, hrefs, resources, lookup);
    this.itemResource = new ItemResource(calendars, items, hrefs, lookup, tx);
    this.proppatch = new Proppatch(calendars, metadata);
  }

  public void register(JavalinConfig cfg) {
    // RFC 6764 §5: clients given only the host find the service here
    Handler wellKnown = ctx -> ctx.status(301).header("Location", DavPath.ROOT);
    cfg.routes.addHttpHandler(HandlerType.GET, "/.well-known/caldav", wellKnown);
    cfg.routes.addHttpHandler(HandlerType.findOrCreate("PROPFIND"), "/.well-known/caldav", wellKnown);
    for (String method : METHODS) {
      HandlerType type = HandlerType.findOrCreate(method);
      cfg.routes.addHttpHandler(type, "/dav", this::handle);
      cfg.routes.addHttpHandler(type, "/dav/<path>", this::handle);
    }
  }

  private void handle(Context ctx) {
    try {
      ctx.header("DAV", DAV_HEADER);
      String method = ctx.method().name();
      if (method.equals("OPTIONS")) {
        ctx.header("Allow", ALLOW).status(200);
        return;
      }
      CalendarGrant grant = CalendarGrant.of(auth.principal(ctx), config, calendars);
      DavRequest req = new DavRequest(ctx, grant, DavPath.parse(ctx.req().getRequestURI()));
      switch (method) {
        case "PROPFIND" -> propfind.handle(req);
        case "REPORT" -> report.handle(req);
        case "GET" -> itemResource.get(req, false);
        case "HEAD" -> itemResource.get(req, true);
        case "PUT" -> itemResource.put(req);
        case "DELETE" -> itemResource.delete(req);
        case "PROPPATCH" -> proppatch.handle(req);
        default -> throw DavException.of(405, method + " is not supported here: calendars are created and deleted"
            + " through calsync (agents, POST /calendars), events with PUT and DELETE");
      }
    } catch (DavException e) {
      DavErrors.render(ctx, e.status(), e.getMessage(), e.precondition(), e.conflictingHref());
    } catch (ApiException e) {
      if (e.status() == 401) ctx.header("WWW-Authenticate", "Basic realm=\"calsync\", charset=\"UTF-8\"");
      DavErrors.render(ctx, e.status(), e.getMessage(), null, null);
    }
  }
}
