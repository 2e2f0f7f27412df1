// `npm start`: build the web client when it is missing or older than its sources, then run Kinship.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

const run = (cmd, args, env = process.env) => {
  const result = spawnSync(cmd, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

/** The newest modification time of any file under these paths. */
function newest(paths) {
  let latest = 0;
  for (const p of paths) {
    if (!existsSync(p)) continue;
    const stat = statSync(p);
    if (stat.isDirectory()) latest = Math.max(latest, newest(readdirSync(p).map((name) => path.join(p, name))));
    else latest = Math.max(latest, stat.mtimeMs);
  }
  return latest;
}

const built = "web/dist/index.html";
const sources = ["web/src", "web/public", "web/index.html", "web/vite.config.ts", "contracts/src", "package-lock.json"];
if (!existsSync(built) || newest(sources) > statSync(built).mtimeMs) {
  run("npm", ["run", "build"], { ...process.env, NODE_ENV: "production" });
}
run("npx", ["tsx", "server/src/main.ts"]);
