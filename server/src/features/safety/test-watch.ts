import { SocketClient } from "../rooms/test-socket.ts";

type Any = { type: string; [k: string]: unknown };

/** A responder's socket asking for alert pings (safety.watch), with the server's answer. */
export async function watchAlerts(url: string, agent: { cookie?: string }, origin = "http://kinship.test") {
  const client = await SocketClient.connect(url, agent.cookie, origin);
  await client.nextOf("hello");
  client.send({ type: "safety.watch" });
  const answer = (await client.next((m) => ["safety.watching", "error"].includes((m as Any).type))) as Any;
  return { client, answer };
}
