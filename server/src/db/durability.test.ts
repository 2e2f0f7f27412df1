import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { Me } from "@kinship/contracts/accounts";
import { afterAll, describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../../..");
const dataDir = mkdtempSync(path.join(os.tmpdir(), "kinship-durability-"));
const running = new Set<ChildProcess>();

afterAll(async () => {
  for (const child of running) await kill(child, "SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

/** A port nothing listens on right now. */
async function freePort() {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}

/**
 * The real server in a process of its own, as `npm start` runs it. Node loads tsx in-process
 * (`--import tsx`) rather than through the tsx CLI, so the pid we kill is the server's own.
 */
async function startServer(port: number) {
  const child = spawn(process.execPath, ["--import", "tsx", "server/src/main.ts"], {
    cwd: root,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      KINSHIP_DEMO: "off",
      LOG_LEVEL: "silent",
      DATABASE_URL: "",
      REDIS_URL: "",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  running.add(child);
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const deadline = Date.now() + 100_000; // generous: a busy machine starts slowly
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}`);
    const healthy = await fetch(`http://127.0.0.1:${port}/health`).then(
      (res) => res.ok,
      () => false,
    );
    if (healthy) return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`server did not become healthy: ${stderr}`);
}

async function kill(child: ChildProcess, signal: NodeJS.Signals) {
  running.delete(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill(signal);
  await exited;
}

function post(port: number, url: string, body: unknown) {
  return fetch(`http://127.0.0.1:${port}${url}`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: `http://127.0.0.1:${port}` },
    body: JSON.stringify(body),
  });
}

// PGlite keeps its data in DATA_DIR; PostgreSQL's own durability is PostgreSQL's business.
describe.skipIf(process.env.KINSHIP_TEST_DRIVER === "postgres")("PGlite durability", () => {
  it("keeps a member who signed up just before the process was killed", async () => {
    const port = await freePort();
    const member = { handle: "durable_member", passphrase: "a calm walk by the canal" };

    const first = await startServer(port);
    const signup = await post(port, "/api/auth/signup", member);
    expect(signup.status).toBe(201);
    // No graceful shutdown: the 201 must already mean the row is on disk.
    await kill(first, "SIGKILL");
    const sessionCookie = signup.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);

    const second = await startServer(port);
    const login = await post(port, "/api/auth/login", member);
    expect(login.status).toBe(200);
    // The session created at sign-up survived too.
    const me = await fetch(`http://127.0.0.1:${port}/api/me`, { headers: { cookie: sessionCookie.join("; ") } });
    expect(me.status).toBe(200);
    expect(Me.parse(await me.json()).handle).toBe(member.handle);
    await kill(second, "SIGTERM");
  }, 240_000);
});
