import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import path from "node:path";

/**
 * PGlite is one process's database: a second process that opens the same folder does not see the
 * first one's writes and can overwrite them. So whoever opens a data folder (the server, or the
 * operator's `npm run admin`) holds `kinship.lock` in it, which names the process, and anyone else
 * is refused with a plain sentence. A lock left by a process that died (SIGKILL, a crash, a power
 * cut) names a process that no longer runs, and is taken over.
 */
export class DataDirBusy extends Error {
  constructor(
    readonly dataDir: string,
    readonly holder: { pid: number; what: string; since: string },
  ) {
    super(
      `${holder.what} (process ${holder.pid}, since ${holder.since}) is using the data folder ${dataDir}. ` +
        "PGlite lets only one process use it at a time, so nothing was opened or changed. " +
        "Stop Kinship first (SIGTERM, or for example `systemctl stop kinship`), then try again. " +
        `If no Kinship process is running, delete ${path.join(dataDir, LOCK_FILE)} and try again.`,
    );
  }
}

export const LOCK_FILE = "kinship.lock";
/** Locks this process holds, so a lock naming our own pid that we do not hold counts as stale. */
const held = new Set<string>();

function alive(pid: number) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  if (pid === process.pid) return false; // not one of ours (checked by the caller): a reused pid
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the data folder for this process, or throws DataDirBusy; returns the release. */
export function lockDataDir(dataDir: string, what: string): () => void {
  const file = path.join(dataDir, LOCK_FILE);
  if (held.has(file)) {
    throw new DataDirBusy(dataDir, { pid: process.pid, what: "This same process", since: "earlier" });
  }
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, "wx", 0o600);
      writeSync(fd, JSON.stringify({ pid: process.pid, what, since: new Date().toISOString() }));
      closeSync(fd);
      held.add(file);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held.delete(file);
        try {
          unlinkSync(file);
        } catch {
          // already gone: nothing to release
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder: { pid: number; what: string; since: string } | null = null;
      try {
        holder = JSON.parse(readFileSync(file, "utf8"));
      } catch {
        holder = null; // half-written or unreadable: its writer died mid-way
      }
      if (holder && alive(Number(holder.pid))) throw new DataDirBusy(dataDir, holder);
      try {
        unlinkSync(file);
      } catch {
        // someone else removed it first; try again
      }
    }
  }
  throw new Error(`Could not lock ${file}.`);
}
