package io.calsync.app;

import io.calsync.provider.StorageFactory;
import io.calsync.provider.Storages;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code calsync storages}: the storage types this build can open. */
@Command(
    name = "storages",
    description = {
      "List the storage types and their URI forms.",
      "",
      "Lists the storage types this build of calsync can sync, with a URI example for each: the"
          + " part before the first colon of a --from or --to URI names the type."
    },
    footerHeading = "%nExample:%n",
    footer = {"  calsync storages"})
final class StoragesCommand implements Callable<Integer> {
  @Mixin HelpOption help;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = CalsyncMain.out(spec);
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"TYPE", "DESCRIPTION", "URI EXAMPLE"});
    for (StorageFactory f : Storages.factories()) {
      rows.add(new String[] {f.type(), f.description(), f.uriExample()});
    }
    Table.print(out, rows);
    return CalsyncMain.EXIT_OK;
  }
}
