// `npm run dev`: the server (restarting on change) and Vite's dev server with its proxy to it.
import { spawn } from "node:child_process";

const children = [
  spawn("npx", ["tsx", "watch", "server/src/main.ts"], { stdio: "inherit" }),
  spawn("npm", ["run", "dev", "--workspace", "web"], { stdio: "inherit" }),
];
process.on("SIGINT", () => {
  for (const child of children) child.kill("SIGINT");
  process.exit(0);
});
