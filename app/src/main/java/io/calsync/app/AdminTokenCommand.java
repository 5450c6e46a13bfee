package io.calsync.app;

import io.calsync.server.ApiException;
import io.calsync.server.Jwt;
import io.calsync.server.ServerConfig;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code calsync admin token}: a JWT signed with the master's JWT_SECRET. */
@Command(
    name = "token",
    usageHelpAutoWidth = true,
    description = {
      "Print a JWT (HS256, signed with JWT_SECRET) for the web UI, a script or an agent.",
      "",
      "Send it as Authorization: Bearer TOKEN. Role admin may do what the admin key may, read only"
          + " GET requests, agent only what agent AGENT_ID may (its own queue). A JWT cannot be"
          + " revoked, so keep --ttl short; changing JWT_SECRET invalidates every token."
          + " JWT_SECRET (at least 32 bytes) comes from the environment or .env, as the master"
          + " reads it; nothing is written to DATA_DIR.",
      ""
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  calsync admin token --role admin --ttl 1h",
      "  calsync admin token --role read --subject grafana --ttl 7d",
      "  calsync admin token --role agent --agent-id office-pc --ttl 30d"
    })
final class AdminTokenCommand implements Callable<Integer> {
  @Mixin HelpOption help;
  @Mixin AdminStoreOptions store;
  @Spec CommandSpec spec;

  @Option(names = "--role", required = true, paramLabel = "ROLE", description = "admin, read or agent.")
  String role;

  @Option(names = "--agent-id", paramLabel = "AGENT_ID", description = "The agent the token is for (role agent only).")
  String agentId;

  @Option(
      names = "--subject",
      paramLabel = "NAME",
      description = "Who the token is for, shown in the audit log (default: the agent id, else calsync-admin).")
  String subject;

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      description = "How long the token is valid: 90s, 30m, 1h, 7d or ISO-8601 like PT8H (default: ${DEFAULT-VALUE}).")
  String ttl = "1h";

  @Override
  public Integer call() {
    ServerConfig config = store.config();
    if (config.jwtSecret() == null) {
      throw new Errors.UserError("JWT_SECRET is not set (environment or .env): set it on the master (at least 32"
          + " bytes, e.g. openssl rand -base64 48) and here, then run this again");
    }
    String r = role.toLowerCase(Locale.ROOT);
    if (!Jwt.ROLES.contains(r)) throw new Errors.UserError("--role must be admin, read or agent (got '" + role + "')");
    if (r.equals("agent") != (agentId != null)) {
      throw new Errors.UserError(r.equals("agent") ? "--role agent needs --agent-id" : "--agent-id is only for --role agent");
    }
    String sub = subject != null ? subject : agentId != null ? agentId : "calsync-admin";
    String token;
    try {
      token = new Jwt(config.jwtSecret(), store.clock()).sign(sub, r, agentId, parseTtl(ttl));
    } catch (ApiException e) {
      throw new Errors.UserError(e.getMessage()); // an agent id the master would refuse
    }
    CalsyncMain.out(spec).println(token);
    CalsyncMain.out(spec).flush();
    return CalsyncMain.EXIT_OK;
  }

  /** {@code 90s}, {@code 30m}, {@code 1h}, {@code 7d}, or ISO-8601 ({@code PT8H}). */
  static Duration parseTtl(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    Duration d;
    try {
      if (t.matches("\\d{1,9}[smhd]")) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        d = switch (t.charAt(t.length() - 1)) {
          case 's' -> Duration.ofSeconds(n);
          case 'm' -> Duration.ofMinutes(n);
          case 'h' -> Duration.ofHours(n);
          default -> Duration.ofDays(n);
        };
      } else {
        d = Duration.parse(text.strip().toUpperCase(Locale.ROOT));
      }
    } catch (DateTimeParseException e) {
      d = Duration.ZERO;
    }
    if (d.isZero() || d.isNegative()) {
      throw new Errors.UserError("--ttl must be a positive duration such as 90s, 30m, 1h, 7d or PT8H (got '" + text + "')");
    }
    return d;
  }
}
