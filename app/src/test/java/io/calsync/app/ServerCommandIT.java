package io.calsync.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code calsync server} as a real process: it listens, answers /health, and stops on SIGTERM. */
class ServerCommandIT {

  @Test
  void server_listensOnTheGivenPort_answersHealth_andStopsGracefullyOnTerm(@TempDir Path data)
      throws Exception {
    Path jar = Path.of(System.getProperty("user.dir")).resolve("target/calsync.jar");
    if (!Files.isRegularFile(jar)) {
      String reason = "skipped: " + jar + " is not built";
      if ("true".equals(System.getenv("CI"))) fail(reason);
      assumeTrue(false, reason);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java, "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(), "server",
            "--port", "0", "--bind", "127.0.0.1", "--data-dir", data.toString(),
            "--env-file", data.resolve("none.env").toString());
    pb.redirectErrorStream(true);
    Process p = pb.start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      Pattern listening = Pattern.compile("calsync master listening on http://127\\.0\\.0\\.1:(\\d+)");
      int port = -1;
      StringBuilder seen = new StringBuilder();
      for (String line; port < 0 && (line = out.readLine()) != null; ) {
        seen.append(line).append('\n');
        Matcher m = listening.matcher(line);
        if (m.find()) port = Integer.parseInt(m.group(1));
      }
      assertThat(port).as(seen.toString()).isPositive();
      assertThat(seen.toString()).contains("admin.key"); // says where the admin key is
      assertThat(Files.readString(data.resolve("admin.key"))).isNotBlank();

      HttpResponse<String> health =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\"");

      p.destroy(); // SIGTERM: the shutdown hook closes the server
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
  }
}
