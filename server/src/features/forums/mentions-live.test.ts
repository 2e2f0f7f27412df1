import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { memberTrust } from "../../db/schema.ts";
import { buildTestApp, type TestApp } from "../../test/helper.ts";
import { SocketClient, wsUrlOf } from "../rooms/test-socket.ts";

/* A member's socket hears at once that a mention arrived, with no words and no author. */

let t: TestApp;
let wsUrl: string;
type Member = Awaited<ReturnType<TestApp["makeMember"]>>;
type Any = { type: string; [k: string]: unknown };
const ORIGIN = "http://kinship.test";

beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  wsUrl = wsUrlOf(t.app);
});
afterAll(async () => t?.close());

async function established() {
  const m = await t.makeMember();
  await t.db.insert(memberTrust).values({ memberId: m.id, level: 1, reason: "An established member in these tests." });
  return m;
}

async function watch(member: Member) {
  const client = await SocketClient.connect(wsUrl, member.cookie, ORIGIN);
  await client.nextOf("hello");
  client.send({ type: "mentions.watch" });
  await client.next((m) => (m as unknown as Any).type === "mentions.watching");
  return client;
}
const changes = (c: SocketClient) =>
  (c.messages as unknown as Any[]).filter((m) => m.type === "mentions.changed").length;

describe("live mentions", () => {
  it("tells the mentioned member's sockets, and no one else's, without words or author", async () => {
    const author = await established();
    const mentioned = await established();
    const bystander = await established();
    const a = await watch(mentioned);
    const b = await watch(bystander);
    const boards = (await author.get("/api/boards")).json().items as { id: string; name: string }[];
    const board = boards.find((x) => x.name === "Newcomers")?.id as string;
    const res = await author.post(`/api/boards/${board}/threads`, {
      title: "Evening walk",
      body: `Secret words for @${mentioned.handle}`,
      anonymous: true,
    });
    expect(res.statusCode, res.body).toBe(201);
    const message = (await a.next((m) => (m as unknown as Any).type === "mentions.changed")) as unknown as Any;
    expect(message).toEqual({ type: "mentions.changed" });
    const raw = JSON.stringify(a.messages);
    expect(raw).not.toContain("Secret words");
    expect(raw).not.toContain(author.handle);
    expect(changes(b)).toBe(0);

    // An edit that removes the mention tells them too.
    const post = (await author.get(`/api/threads/${res.json().id}`)).json().posts[0];
    await author.patch(`/api/posts/${post.id}`, { body: "Secret words for no one" });
    await expect.poll(() => changes(a)).toBe(2);
    expect(changes(b)).toBe(0);
    a.close();
    b.close();
  });

  it("refuses a socket without a session", async () => {
    await expect(SocketClient.connect(wsUrl, undefined, ORIGIN)).rejects.toThrow();
  });
});
