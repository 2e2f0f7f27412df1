import { execSync } from "node:child_process";

/** Browser tests run against the web client as built now. */
export default function setup() {
  execSync("npm run build --workspace web", { stdio: "inherit" });
}
