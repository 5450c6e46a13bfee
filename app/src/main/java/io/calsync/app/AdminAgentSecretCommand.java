package io.calsync.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code calsync admin agent-secret issue|revoke AGENT_ID}. */
@Command(
    name = "agent-secret",
    usageHelpAutoWidth = true,
    description = {
      "Issue or revoke the secret an agent authenticates with.",
      "",
      "Each agent sends its own secret (agent_secret in its outlook_config.json) and may only read"
          + " and acknowledge its own queue.",
      ""
    },
    subcommands = {AdminAgentSecretCommand.Issue.class, AdminAgentSecretCommand.Revoke.class})
final class AdminAgentSecretCommand extends CommandGroup {
  @Mixin HelpOption help;


  @Command(
      name = "issue",
      usageHelpAutoWidth = true,
      description = {
        "Issue a new secret for an agent and print it once.",
        "",
        "Registers the agent if the master does not know it yet. A new secret replaces the old"
            + " one, which stops working at once. The secret alone goes to stdout (for scripts);"
            + " what to do with it goes to stderr.",
        ""
      },
      footerHeading = "%nExample:%n",
      footer = {"  calsync admin agent-secret issue office-pc --data-dir /var/lib/calsync"})
  static final class Issue implements Callable<Integer> {
    @Mixin HelpOption help;
    @Mixin AdminStoreOptions store;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "AGENT_ID", description = "The agent's agent_id (as in its outlook_config.json).")
    String agentId;

    @Override
    public Integer call() {
      var issued = store.withCredentials(c -> c.issueAgentSecret(agentId));
      PrintWriter out = CalsyncMain.out(spec);
      out.println(issued.secret());
      out.flush();
      PrintWriter err = CalsyncMain.err(spec);
      err.println("calsync: " + (issued.registered() ? "registered agent '" + agentId + "' and issued" : "issued")
          + " its secret (shown this once; any older secret no longer works)");
      err.println("calsync: put it in the agent's outlook_config.json as \"agent_secret\"");
      err.flush();
      return CalsyncMain.EXIT_OK;
    }
  }

  @Command(
      name = "revoke",
      usageHelpAutoWidth = true,
      description = {
        "Revoke an agent's secret: the agent is refused (401) until a new one is issued.",
        ""
      },
      footerHeading = "%nExample:%n",
      footer = {"  calsync admin agent-secret revoke office-pc"})
  static final class Revoke implements Callable<Integer> {
    @Mixin HelpOption help;
    @Mixin AdminStoreOptions store;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "AGENT_ID", description = "The agent whose secret to revoke.")
    String agentId;

    @Override
    public Integer call() {
      boolean revoked = store.withCredentials(c -> c.revokeAgentSecret(agentId));
      CalsyncMain.out(spec).println("agent '" + agentId + "': " + (revoked ? "secret revoked" : "had no secret; nothing to revoke"));
      CalsyncMain.out(spec).flush();
      return CalsyncMain.EXIT_OK;
    }
  }
}
