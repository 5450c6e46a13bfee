package io.calsync.app;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code calsync admin}: the master's credentials, managed on its DATA_DIR directly. */
@Command(
    name = "admin",
    usageHelpAutoWidth = true,
    description = {
      "Issue and revoke the master's credentials: agent secrets, API keys, JWTs.",
      "",
      "Works on the master's store in DATA_DIR directly (master.db), whether calsync server is"
          + " running or not; a running master sees a new or revoked credential at its next"
          + " request. A secret is printed once, on stdout, when it is issued, and never again:"
          + " the store keeps only a salted hash. The same operations are also HTTP endpoints"
          + " under /admin (see /openapi.json).",
      "",
      "DATA_DIR is --data-dir, else DATA_DIR from the environment or .env, else ./calsync-data:"
          + " run it where you run calsync server, or pass --data-dir.",
      ""
    },
    subcommands = {AdminAgentSecretCommand.class, AdminApiKeyCommand.class, AdminTokenCommand.class},
    footerHeading = "%nExamples:%n",
    footer = {
      "  calsync admin agent-secret issue office-pc      secret for the agent's outlook_config.json",
      "  calsync admin agent-secret revoke office-pc",
      "  calsync admin api-key create grafana --role read",
      "  calsync admin api-key list",
      "  calsync admin api-key revoke 3f9c0a1b2d4e6f70",
      "  calsync admin token --role admin --ttl 1h        needs JWT_SECRET",
      "",
      "The admin key itself is DATA_DIR/admin.key, created by the master's first start."
    })
final class AdminCommand extends CommandGroup {
  @Mixin HelpOption help;

}
