// Starts a real calsync master for the tests: the runnable jar the Maven build just packaged,
// on a free loopback port, with a fresh DATA_DIR, authentication on and manual conflicts.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    masterUrl: string;
    adminKey: string;
  }
}

const JAR = fileURLToPath(new URL("../../../app/target/calsync.jar", import.meta.url));

/** The JDK the Maven build runs on (CALSYNC_JAVA), else JAVA_HOME's, else `java` on the PATH. */
function javaCommand(): string {
  if (process.env.CALSYNC_JAVA) return process.env.CALSYNC_JAVA;
  if (process.env.JAVA_HOME) return join(process.env.JAVA_HOME, "bin", "java");
  return "java";
}

export default async function setup(project: TestProject) {
  if (!existsSync(JAR)) {
    throw new Error(`${JAR} is missing: build it first (./mvnw -B -pl app -am package -DskipTests);`
      + " ./mvnw verify runs these tests after packaging it");
  }
  const dataDir = mkdtempSync(join(tmpdir(), "calsync-ts-client-"));
  const master = spawn(javaCommand(), ["--enable-native-access=ALL-UNNAMED", "-jar", JAR, "server",
    "--port", "0", "--bind", "127.0.0.1", "--data-dir", dataDir], {
    // one failed ack makes an update dead, so the dead-letter calls can be tried at once
    env: { ...process.env, AUTH_ENABLED: "true", CONFLICT_RESOLUTION: "manual", MAX_RETRY_ATTEMPTS: "1",
      RATE_LIMIT_REQUESTS_PER_MINUTE: "0", RATE_LIMIT_AGENTS_PER_MINUTE: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const port = await listeningPort(master);
  project.provide("masterUrl", `http://127.0.0.1:${port}`);
  project.provide("adminKey", readFileSync(join(dataDir, "admin.key"), "utf8").trim());

  return async () => {
    await stop(master);
    rmSync(dataDir, { recursive: true, force: true });
  };
}

/** Waits for the master's "listening on HOST:PORT" log line; fails with its output if it exits or hangs. */
function listeningPort(master: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => {
      master.kill("SIGKILL");
      reject(new Error(`the master did not start within 60 s:\n${output}`));
    }, 60_000);
    const watch = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on \S+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    master.stdout?.on("data", watch);
    master.stderr?.on("data", watch);
    master.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the master exited with ${code} before listening:\n${output}`));
    });
  });
}

/** SIGTERM (the master closes its store cleanly), SIGKILL after 15 s. */
async function stop(master: ChildProcess): Promise<void> {
  if (master.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => master.once("exit", () => resolve()));
  master.kill("SIGTERM");
  const timeout = setTimeout(() => master.kill("SIGKILL"), 15_000);
  await exited;
  clearTimeout(timeout);
}
