// `npm start`: build the web client if it has not been built yet, then run Kinship.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const run = (cmd, args) => {
  const result = spawnSync(cmd, args, { stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
};
if (!existsSync("web/dist/index.html")) run("npm", ["run", "build"]);
run("npx", ["tsx", "server/src/main.ts"]);
