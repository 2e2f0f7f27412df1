import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DataDirBusy, LOCK_FILE, lockDataDir } from "./lock.ts";

/* One process per PGlite data folder: the lock that keeps a second one (or `npm run admin`) out. */

const dir = mkdtempSync(path.join(os.tmpdir(), "kinship-lock-"));
const file = path.join(dir, LOCK_FILE);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the data folder lock", () => {
  it("is held by one holder at a time, names it, and is gone once released", () => {
    const release = lockDataDir(dir, "A Kinship server");
    expect(JSON.parse(readFileSync(file, "utf8"))).toMatchObject({ pid: process.pid, what: "A Kinship server" });
    expect(() => lockDataDir(dir, "The admin command")).toThrow(DataDirBusy);
    release();
    release(); // twice is harmless
    expect(existsSync(file)).toBe(false);
    lockDataDir(dir, "The admin command")();
  });

  it("refuses while another live process holds it, and says who and what to do", () => {
    writeFileSync(file, JSON.stringify({ pid: process.ppid, what: "A Kinship server", since: "2026-11-24T01:00:00Z" }));
    try {
      lockDataDir(dir, "The admin command");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DataDirBusy);
      expect((error as Error).message).toContain(`A Kinship server (process ${process.ppid}`);
      expect((error as Error).message).toContain("Stop Kinship first");
    }
    expect(JSON.parse(readFileSync(file, "utf8")).pid).toBe(process.ppid);
    rmSync(file);
  });

  it("takes over a lock left by a process that died, or a half-written one", () => {
    for (const left of [JSON.stringify({ pid: 2 ** 22 + 7, what: "A Kinship server", since: "x" }), '{"pi']) {
      writeFileSync(file, left);
      const release = lockDataDir(dir, "A Kinship server");
      expect(JSON.parse(readFileSync(file, "utf8")).pid).toBe(process.pid);
      release();
    }
  });
});
