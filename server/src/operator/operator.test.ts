import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../db/client.ts";
import { members } from "../db/schema.ts";
import { makeOrganisation } from "../test/directory-factories.ts";
import { buildTestApp, driver, freshDatabase, PASSPHRASE, type TestApp } from "../test/helper.ts";
import { runCli } from "./cli.ts";
import { OperatorRefusal, operatorCommand } from "./operator.ts";

/*
 * The instance operator names the community's first moderators and responders from the server
 * machine (`npm run admin`); every change is in the community's audit log as the operator's.
 */

let t: TestApp;
type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
const root = path.resolve(import.meta.dirname, "../../..");

beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const run = (...args: string[]) => operatorCommand(t.db, args);
/** The refusal a command ends in, with its exit code. */
async function refusal(args: string[]) {
  try {
    await operatorCommand(t.db, args);
  } catch (error) {
    if (error instanceof OperatorRefusal) return { message: error.message, code: error.exitCode };
    throw error;
  }
  throw new Error(`expected ${args.join(" ")} to be refused`);
}
const count = async (table: string) => {
  const rows = await t.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n);
};
type AuditItem = { event: string; byOperator: boolean; moderatorHandle: string | null; subjectHandle: string | null };

describe("npm run admin: community moderators", () => {
  it("names the first community moderator, who can then work the queue and name others; all audited", async () => {
    const [first, second, member] = (await Promise.all([
      t.makeMember(),
      t.makeMember(),
      t.makeMember(),
    ])) as Member[] as [Member, Member, Member];
    // Nobody moderates the community yet: not even a page of it.
    expect((await first.get("/api/moderation/queue?scope=community")).statusCode).toBe(404);
    expect(await run("community-moderator", "list")).toEqual([
      "The community has no moderator yet. Name one: npm run admin -- community-moderator add <handle>",
    ]);

    // The handle is case-blind and may carry its @.
    expect(await run("community-moderator", "add", `@${first.handle.toUpperCase()}`)).toEqual([
      expect.stringContaining(`@${first.handle} is now a community moderator`),
    ]);
    expect((await first.get("/api/moderation/queue?scope=community")).statusCode).toBe(200);
    // Again: nothing changes, and that is not an error.
    expect(await run("community-moderator", "add", first.handle)).toEqual([
      `@${first.handle} is already a community moderator. Nothing was changed.`,
    ]);

    // The first moderator names the next one on the web, as usual.
    const named = await first.put("/api/moderation/moderators", { scope: "community", handle: second.handle });
    expect(named.statusCode).toBe(200);
    expect((await run("community-moderator", "list")).slice(1).sort()).toEqual(
      [`  @${first.handle}`, `  @${second.handle}`].sort(),
    );

    // Removing one is fine; removing the last is refused, with the way out.
    expect(await run("community-moderator", "remove", second.handle)).toEqual([
      `@${second.handle} is no longer a community moderator.`,
    ]);
    expect((await second.get("/api/moderation/queue?scope=community")).statusCode).toBe(404);
    const last = await refusal(["community-moderator", "remove", first.handle]);
    expect(last.code).toBe(1);
    expect(last.message).toContain("only moderator");
    expect((await first.get("/api/moderation/queue?scope=community")).statusCode).toBe(200);
    expect(await run("community-moderator", "remove", member.handle)).toEqual([
      `@${member.handle} isn't a community moderator. Nothing was changed.`,
    ]);

    // The community's audit log says the instance operator did it, with no member's name.
    const audit = (await first.get("/api/moderation/audit?scope=community")).json().items as AuditItem[];
    const byOperator = audit.filter((e) => e.byOperator);
    expect(byOperator.map((e) => [e.event, e.subjectHandle])).toEqual([
      ["operator_moderator_removed", second.handle],
      ["operator_moderator_named", first.handle],
    ]);
    expect(byOperator.every((e) => e.moderatorHandle === null)).toBe(true);
    const web = audit.find((e) => e.event === "moderator_named");
    expect(web).toMatchObject({ byOperator: false, moderatorHandle: first.handle, subjectHandle: second.handle });

    // A member the operator did not name still cannot name themselves, nor read the audit log.
    const self = await member.put("/api/moderation/moderators", { scope: "community", handle: member.handle });
    expect(self.statusCode).toBe(404);
    expect((await member.get("/api/moderation/audit?scope=community")).statusCode).toBe(404);
  });

  it("refuses unknown handles, deleted accounts and suspended or closed accounts, changing nothing", async () => {
    const [moderator, suspended, banned, leaving] = (await Promise.all(
      Array.from({ length: 4 }, () => t.makeMember()),
    )) as Member[] as [Member, Member, Member, Member];
    await run("community-moderator", "add", moderator.handle);
    const moderatorsBefore = await count("forum_moderators");
    const respondersBefore = await count("safety_responders");
    const auditBefore = await count("moderation_audit");

    for (const [kind, who, hours] of [
      ["suspend", suspended, 48],
      ["ban", banned, undefined],
    ] as const) {
      const acted = await moderator.post("/api/moderation/actions", {
        kind,
        reason: "Repeated unkind messages after a warning.",
        scope: "community",
        handle: who.handle,
        ...(hours ? { hours } : {}),
      });
      expect(acted.statusCode).toBe(201);
    }
    const auditAfterActions = await count("moderation_audit");

    const gone = await leaving.delete("/api/me", { passphrase: PASSPHRASE });
    expect(gone.statusCode).toBe(204);

    for (const role of ["community-moderator", "community-responder"]) {
      const unknown = await refusal([role, "add", "nobody_by_this_name"]);
      expect(unknown).toEqual({
        code: 1,
        message: expect.stringContaining('no member with the handle "nobody_by_this_name"'),
      });
      const deleted = await refusal([role, "add", leaving.handle]);
      expect(deleted.message).toContain("deleted is gone for good");
      const paused = await refusal([role, "add", suspended.handle]);
      expect(paused.message).toMatch(
        new RegExp(`@${suspended.handle}'s account is suspended until \\d{4}-\\d\\d-\\d\\d`),
      );
      const closed = await refusal([role, "add", banned.handle]);
      expect(closed.message).toContain(`@${banned.handle}'s account is closed by a moderator`);
      expect((await refusal([role, "remove", "nobody_by_this_name"])).code).toBe(1);
    }
    // Bad commands: a usage message and exit code 2.
    for (const args of [
      ["community-moderatr", "add", moderator.handle],
      ["community-moderator", "promote", moderator.handle],
      ["community-moderator", "add"],
      ["community-moderator", "add", moderator.handle, "extra"],
      ["community-moderator", "list", moderator.handle],
    ]) {
      const bad = await refusal(args);
      expect(bad.code).toBe(2);
      expect(bad.message).toContain("Usage: npm run admin");
    }

    expect(await count("forum_moderators")).toBe(moderatorsBefore);
    expect(await count("safety_responders")).toBe(respondersBefore);
    expect(await count("moderation_audit")).toBe(auditAfterActions);
    expect(auditAfterActions).toBeGreaterThan(auditBefore);
  });
});

describe("npm run admin: community responders", () => {
  it("grants and removes the community responder role, audited as the operator's; organisations are untouched", async () => {
    const [responder, other, orgAdmin] = (await Promise.all([t.makeMember(), t.makeMember(), t.makeMember()])) as [
      Member,
      Member,
      Member,
    ];
    const org = await makeOrganisation(t.db, { adminId: orgAdmin.id });
    expect((await responder.get("/api/safety/alerts")).statusCode).toBe(403);

    expect(await run("community-responder", "add", responder.handle)).toEqual([
      expect.stringContaining(`@${responder.handle} is now a community responder`),
    ]);
    expect((await responder.get("/api/safety/alerts")).statusCode).toBe(200);
    expect((await responder.get("/api/safety/me")).json()).toMatchObject({
      responder: [{ organisationId: null, name: "Community" }],
    });
    expect(await run("community-responder", "add", responder.handle)).toEqual([
      `@${responder.handle} is already a community responder. Nothing was changed.`,
    ]);
    const listed = await run("community-responder", "list");
    expect(listed[0]).toMatch(/^Community responders \(\d+\):$/);
    expect(listed).toContainEqual(
      expect.stringMatching(new RegExp(`@${responder.handle}, since .* \\(granted by the instance operator\\)`)),
    );
    // Only the community: the organisation's responders are its admins' business.
    expect((await orgAdmin.get(`/api/safety/responders?organisation=${org.id}`)).json().items).toEqual([]);
    // Not a moderator just for being a responder.
    expect((await responder.get("/api/moderation/queue?scope=community")).statusCode).toBe(404);

    expect(await run("community-responder", "remove", other.handle)).toEqual([
      `@${other.handle} isn't a community responder. Nothing was changed.`,
    ]);
    expect(await run("community-responder", "remove", responder.handle)).toEqual([
      `@${responder.handle} is no longer a community responder.`,
    ]);
    expect((await responder.get("/api/safety/alerts")).statusCode).toBe(403);

    // Whoever moderates the community reads both changes as the operator's.
    const [moderator] = (await Promise.all([t.makeMember()])) as [Member];
    await run("community-moderator", "add", moderator.handle);
    const audit = (await moderator.get("/api/moderation/audit?scope=community")).json().items as AuditItem[];
    const mine = audit.filter((e) => e.subjectHandle === responder.handle);
    expect(mine.map((e) => [e.event, e.byOperator])).toEqual([
      ["operator_responder_removed", true],
      ["operator_responder_granted", true],
    ]);
    // An organisation's audit log has none of it.
    const orgAudit = (await orgAdmin.get(`/api/moderation/audit?scope=${org.id}`)).json().items as AuditItem[];
    expect(orgAudit.filter((e) => e.byOperator)).toEqual([]);
  });
});

/** `npm run admin` as the operator runs it: a process of its own, reading the same environment as `npm start`. */
function admin(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "server/src/admin.ts", ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: "silent", DATABASE_URL: "", REDIS_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("exit", (code) => resolve({ code, stdout, stderr })),
  );
}

async function insertMember(db: import("../db/client.ts").Db, handle: string) {
  await db.insert(members).values({ handle, passphraseHash: "not-a-real-hash" });
}

describe.skipIf(driver === "postgres")("the command on PGlite", () => {
  it("changes a stopped installation's data folder, and refuses kindly while Kinship runs on it", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "kinship-admin-"));
    try {
      // No data yet: say where to look, change nothing, and create nothing.
      const empty = await admin(["community-moderator", "list"], { DATA_DIR: dataDir });
      expect(empty.code).toBe(1);
      expect(empty.stderr).toContain(`There's no Kinship data in ${dataDir}`);

      // A first start sets the folder up (as `npm start` does); then the server stops.
      const first = await openDatabase({ dataDir });
      await insertMember(first.db, "first_steward");
      await first.close();

      const added = await admin(["community-moderator", "add", "first_steward"], { DATA_DIR: dataDir });
      expect(added).toMatchObject({ code: 0, stderr: "" });
      expect(added.stdout).toContain("@first_steward is now a community moderator");

      // While a Kinship process has the folder open, the command says so and changes nothing.
      const running = await openDatabase({ dataDir });
      try {
        const busy = await admin(["community-moderator", "remove", "first_steward"], { DATA_DIR: dataDir });
        expect(busy.code).toBe(1);
        expect(busy.stderr).toContain(`A Kinship server (process ${process.pid}`);
        expect(busy.stderr).toContain("Stop Kinship first");
        expect(busy.stdout).toBe("");
        const rows = await running.db.execute(sql`select count(*)::int as n from forum_moderators`);
        expect(Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n)).toBe(1);
      } finally {
        await running.close();
      }

      // A lock left by a process that died does not stand in the way.
      const listed = await admin(["community-moderator", "list"], { DATA_DIR: dataDir });
      expect(listed).toMatchObject({ code: 0 });
      expect(listed.stdout).toContain("@first_steward");
      const usage = await admin([], { DATA_DIR: dataDir });
      expect(usage.code).toBe(2);
      expect(usage.stderr).toContain("Usage: npm run admin");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000);

  it("runCli reports a wrong setting as a setting, with exit code 2", async () => {
    const result = await runCli(["community-moderator", "list"], { DATABASE_URL: "mysql://nope" });
    expect(result.code).toBe(2);
    expect(result.err.join("\n")).toContain("The admin command cannot run; fix these settings");
  });
});

describe.runIf(driver === "postgres")("the command on PostgreSQL", () => {
  it("changes the database in DATABASE_URL, and refuses a bad handle with exit code 1", async () => {
    const database = await freshDatabase();
    try {
      await insertMember(database.db, "pg_steward");
      const env = { DATABASE_URL: database.url as string, DATA_DIR: "/nonexistent-kinship" };
      const added = await admin(["community-responder", "add", "pg_steward"], env);
      expect(added).toMatchObject({ code: 0, stderr: "" });
      expect(added.stdout).toContain("@pg_steward is now a community responder");
      const unknown = await admin(["community-responder", "add", "pg_nobody"], env);
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('no member with the handle "pg_nobody"');
      const rows = await database.db.execute(sql`select count(*)::int as n from safety_responders`);
      expect(Number((rows as unknown as { rows: { n: number }[] }).rows[0]?.n)).toBe(1);
    } finally {
      await database.close();
      await database.drop();
    }
  }, 120_000);
});
