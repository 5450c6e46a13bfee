package io.calsync.app;

import io.calsync.server.Credentials;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code calsync admin api-key create|list|revoke}. */
@Command(
    name = "api-key",
    usageHelpAutoWidth = true,
    description = {
      "Create, list and revoke named API keys for scripts and dashboards.",
      "",
      "An API key is sent like the admin key (X-API-Key or Authorization: Bearer). Role admin may"
          + " do what the admin key may; role read may only call GET endpoints (403 otherwise)."
          + " A revoked key is refused with 401 and stays listed.",
      ""
    },
    subcommands = {AdminApiKeyCommand.Create.class, AdminApiKeyCommand.ListKeys.class, AdminApiKeyCommand.Revoke.class})
final class AdminApiKeyCommand extends CommandGroup {
  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  @Mixin HelpOption help;


  @Command(
      name = "create",
      usageHelpAutoWidth = true,
      description = {
        "Create an API key and print it once.",
        "",
        "The key alone goes to stdout (for scripts); its id, which list and revoke use, goes to"
            + " stderr. Only a salted hash is stored: a lost key cannot be shown again, create a"
            + " new one.",
        ""
      },
      footerHeading = "%nExamples:%n",
      footer = {
        "  calsync admin api-key create grafana                read-only",
        "  calsync admin api-key create \"backup script\" --role admin"
      })
  static final class Create implements Callable<Integer> {
    @Mixin HelpOption help;
    @Mixin AdminStoreOptions store;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "What the key is for (1-100 characters), shown by list.")
    String name;

    @Option(
        names = "--role",
        paramLabel = "ROLE",
        description = "admin or read (default: ${DEFAULT-VALUE}: GET endpoints only).")
    String role = "read";

    @Override
    public Integer call() {
      var issued = store.withCredentials(c -> c.createApiKey(name, Credentials.Role.parse("--role", role)));
      PrintWriter out = CalsyncMain.out(spec);
      out.println(issued.key());
      out.flush();
      PrintWriter err = CalsyncMain.err(spec);
      err.println("calsync: created API key " + issued.info().id() + " ('" + issued.info().name() + "', role "
          + issued.info().role().wireName() + "); shown this once: send it as X-API-Key");
      err.flush();
      return CalsyncMain.EXIT_OK;
    }
  }

  @Command(
      name = "list",
      usageHelpAutoWidth = true,
      description = {"List the API keys: id, name, role, when created, last used and revoked. Never the keys.", ""})
  static final class ListKeys implements Callable<Integer> {
    @Mixin HelpOption help;
    @Mixin AdminStoreOptions store;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      List<Credentials.ApiKeyInfo> keys = store.withCredentials(Credentials::listApiKeys);
      PrintWriter out = CalsyncMain.out(spec);
      if (keys.isEmpty()) {
        out.println("no API keys in " + store.resolvedDataDir() + " (create one with calsync admin api-key create NAME)");
      } else {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "NAME", "ROLE", "CREATED", "LAST USED", "REVOKED"});
        for (var k : keys) {
          rows.add(new String[] {k.id(), k.name(), k.role().wireName(), when(k.createdAt()), when(k.lastUsedAt()), when(k.revokedAt())});
        }
        Table.print(out, rows);
      }
      out.flush();
      return CalsyncMain.EXIT_OK;
    }
  }

  @Command(
      name = "revoke",
      usageHelpAutoWidth = true,
      description = {"Revoke an API key: from now on it is refused with 401.", ""},
      footerHeading = "%nExample:%n",
      footer = {"  calsync admin api-key revoke 3f9c0a1b2d4e6f70      the id from calsync admin api-key list"})
  static final class Revoke implements Callable<Integer> {
    @Mixin HelpOption help;
    @Mixin AdminStoreOptions store;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The key's id, as api-key list shows it.")
    String id;

    @Override
    public Integer call() {
      var revoked = store.withCredentials(c -> c.revokeApiKey(id));
      CalsyncMain.out(spec).println("API key " + revoked.id() + " ('" + revoked.name() + "') revoked at " + when(revoked.revokedAt()));
      CalsyncMain.out(spec).flush();
      return CalsyncMain.EXIT_OK;
    }
  }

  private static String when(Instant t) {
    return t == null ? "-" : WHEN.format(t);
  }
}
