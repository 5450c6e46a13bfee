package io.calsync.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run builds only the command it names; anything else gets every command. */
class CommandLineAssemblyTest {
  private final CalsyncMain main = new CalsyncMain(Map.of(), Clock.systemUTC());

  @Test
  void namedCommand_isTheOnlyOneBuilt() {
    var cl = main.commandLine(new String[] {"--debug", "sync", "--from", "ics:a", "--to", "ics:b"});

    assertThat(cl.getSubcommands()).containsOnlyKeys("sync");
  }

  @Test
  void noCommand_orUnknownWord_orHelp_buildsEveryCommand() {
    assertThat(main.commandLine(new String[] {"--version"}).getSubcommands()).containsKeys("sync", "server", "agent", "help");
    assertThat(main.commandLine(new String[] {"synk"}).getSubcommands()).containsKeys("sync", "demo");
    assertThat(main.commandLine(new String[] {"help", "sync"}).getSubcommands()).containsKeys("help", "sync");
  }

  @Test
  void unknownCommand_isAUsageErrorNamingIt() {
    var err = new java.io.StringWriter();
    var cl = main.commandLine(new String[] {"synk"});
    cl.setErr(new java.io.PrintWriter(err));

    assertThat(cl.execute("synk")).isEqualTo(CalsyncMain.EXIT_USAGE);
    assertThat(err.toString()).contains("synk");
  }
}
