import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SocketClient, wsUrlOf } from "../features/rooms/test-socket.ts";
import { buildTestApp, type TestApp, uniqueHandle } from "../test/helper.ts";
import { serverSentences } from "../test/sentences.ts";
import spanish from "./messages.es.json" with { type: "json" };
import { languageFrom, translate } from "./translate.ts";

describe("the Spanish catalogue", () => {
  const scan = serverSentences();

  it("covers every sentence the server can refuse with (read from the source, so it can't go stale)", () => {
    expect(scan.sentences.size).toBeGreaterThan(300);
    const missing = [...scan.sentences].filter((s) => !(s in spanish)).sort();
    expect(missing).toEqual([]);
  });

  it("follows every refusal back to its words; only these pass on a message made elsewhere", () => {
    expect(scan.unresolved.sort()).toEqual([
      // Re-thrown with a field: the message is assertStrongPassphrase's own (catalogued).
      "server/src/features/accounts/service.ts: error.message",
      // A feed's fetch failure, for the operator's log; not a refusal.
      "server/src/features/feeds/service.ts: firstLine(error.message)",
      // meetingProblems' messages, from the contracts (catalogued).
      "server/src/features/meetings/rules.ts: problem.message",
      // Fastify's own 4xx words, and the socket sender translating what it is given.
      "server/src/platform/error-handler.ts: error.message",
      "server/src/platform/error-handler.ts: error.message",
      "server/src/realtime/gateway.ts: issue.message",
      "server/src/realtime/gateway.ts: message.message",
    ]);
  });

  it("keeps every placeholder and writes no empty sentence", () => {
    for (const [english, text] of Object.entries(spanish as Record<string, string>)) {
      const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();
      expect(names(text), english).toEqual(names(english));
      expect(text.trim(), english).not.toBe("");
    }
  });

  it("fills templates, translating a varying part that is itself a sentence", () => {
    expect(translate("Too many attempts. Please wait 3 minute(s) and try again.", "es")).toBe(
      "Demasiados intentos. Espera 3 minuto(s) y vuelve a intentarlo.",
    );
    expect(
      translate(
        "Your account is suspended until 2026-12-01, so you can't post or speak for now. You can read why, and appeal, in your notices.",
        "es",
      ),
    ).toBe(
      "Tu cuenta está suspendida hasta el 2026-12-01, así que por ahora no puedes publicar ni hablar en las salas. Puedes leer el motivo, y apelar, en tus avisos.",
    );
    expect(
      translate(
        "A moderator has paused your posting and speaking. You can still read, and you can see why in your notices.",
        "es",
      ),
    ).toMatch(/^Una persona moderadora ha pausado/);
    expect(translate("Something nobody wrote down.", "es")).toBe("Something nobody wrote down.");
    expect(translate("That passphrase isn't right. Please try again.", "en")).toBe(
      "That passphrase isn't right. Please try again.",
    );
  });

  it("reads Accept-Language by preference", () => {
    expect(languageFrom(undefined)).toBe("en");
    expect(languageFrom("es")).toBe("es");
    expect(languageFrom("es-MX,es;q=0.9,en;q=0.8")).toBe("es");
    expect(languageFrom("fr-FR, es;q=0.5, en;q=0.4")).toBe("es");
    expect(languageFrom("en-GB,es;q=0.9")).toBe("en");
    expect(languageFrom("de, fr")).toBe("en");
    expect(languageFrom("en;q=0.1, es;q=0.9")).toBe("es");
  });
});

describe("refusals in the reader's language", () => {
  let t: TestApp;
  const handle = uniqueHandle("lang");
  const wrong = { handle, passphrase: "not the right words at all" };
  beforeAll(async () => {
    t = await buildTestApp();
    await t.makeMember({ handle });
  });
  afterAll(async () => t?.close());

  const login = (headers: Record<string, string> = {}, ip = "10.9.0.1") =>
    t.anonymous(ip).post("/api/auth/login", wrong, headers);

  it("answers a refusal in English by default and for `en`", async () => {
    const cases: Record<string, string>[] = [{}, { "accept-language": "en" }, { "accept-language": "en-US,es;q=0.5" }];
    for (const headers of cases) {
      const res = await login(headers);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.message).toBe("That handle and passphrase don't match. Please check both and try again.");
      expect(res.headers["content-language"]).toBe("en");
    }
  });

  it("answers the same refusal in Spanish for `es` and `es-MX`", async () => {
    for (const language of ["es", "es-MX", "fr, es-ES;q=0.8"]) {
      const res = await login({ "accept-language": language }, "10.9.0.2");
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error).toEqual({
        code: "invalid",
        message: "El nombre de usuario y la frase de acceso no coinciden. Revisa ambos e inténtalo de nuevo.",
      });
      expect(res.headers["content-language"]).toBe("es");
    }
  });

  it("answers a 400 for a bad body in Spanish, our own words and zod's", async () => {
    const before = await t
      .anonymous()
      .post("/api/auth/signup", { handle: "ab", passphrase: "a calm walk by the canal" });
    expect(before.statusCode).toBe(400);
    const res = await t
      .anonymous("10.9.0.3")
      .post("/api/auth/signup", { handle: "ab", passphrase: "a calm walk by the canal" }, { "accept-language": "es" });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toEqual({
      code: "invalid",
      field: "handle",
      message: "handle: El nombre de usuario necesita al menos 3 caracteres.",
    });
    // No message of our own: zod's default, written by zod's Spanish locale.
    const missing = await t
      .anonymous("10.9.0.3")
      .post("/api/auth/signup", { handle: "abcdef" }, { "accept-language": "es" });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.field).toBe("passphrase");
    expect(missing.json().error.message).toMatch(/^passphrase: Entrada inválida/);
    // Nothing was stored.
    const again = await t.anonymous("10.9.0.4").post("/api/auth/login", { handle: "abcdef", passphrase: "x" });
    expect(again.statusCode, again.body).toBe(400);
    expect(again.json().error.message).toMatch(/^That handle and passphrase don't match/);
  });

  it("answers an unknown address and a cross-site request in Spanish", async () => {
    const nothing = await t.anonymous().get("/api/no-such-thing", { "accept-language": "es" });
    expect(nothing.statusCode).toBe(404);
    expect(nothing.json().error).toEqual({ code: "not_found", message: "No hay nada en esta dirección." });
    const english = await t.anonymous().get("/api/no-such-thing");
    expect(english.json().error.message).toBe("There's nothing at this address.");
    const foreign = await t
      .anonymous()
      .post("/api/auth/login", wrong, { "accept-language": "es-MX", origin: "https://evil.example" });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.message).toBe("No aceptamos peticiones desde otros sitios.");
  });

  it("answers a body that is too large in Spanish", async () => {
    const res = await t
      .anonymous("10.9.0.5")
      .request("POST", "/api/auth/login", JSON.stringify({ handle: "a".repeat(300_000) }), {
        "content-type": "application/json",
        "accept-language": "es",
      });
    expect(res.statusCode, res.body).toBe(413);
    expect(res.json().error).toEqual({
      code: "too_large",
      message: "Es más de lo que Kinship acepta de una vez. Prueba a enviar menos.",
    });
  });

  it("falls back to English for a sentence the catalogue doesn't know, never a 5xx", async () => {
    // Fastify's own words for a body it can't read are not ours to translate.
    const res = await t.anonymous("10.9.0.6").request("POST", "/api/auth/login", "hello", {
      "content-type": "application/xml",
      "accept-language": "es",
    });
    expect(res.statusCode, res.body).toBe(415);
    expect(res.json().error.code).toBe("invalid");
    expect(res.json().error.message).toMatch(/Unsupported Media Type/);
    expect(res.headers["content-language"]).toBe("en");
  });

  it("refuses on the socket in the language given at the upgrade", async () => {
    await t.app.listen({ port: 0, host: "127.0.0.1" });
    const member = await t.makeMember();
    const room = randomUUID();
    const refusalIn = async (url: string) => {
      const client = await SocketClient.connect(url, member.cookie, "http://kinship.test");
      await client.nextOf("hello");
      client.send({ type: "say", room, id: "x", text: "hola" });
      const error = await client.next((m) => m.type === "error");
      client.ws.close();
      return error;
    };
    const english = await refusalIn(wsUrlOf(t.app));
    const spanishError = await refusalIn(`${wsUrlOf(t.app)}?lang=es`);
    expect(english).toMatchObject({ type: "error", code: "forbidden", message: "Please join the room first." });
    expect(spanishError).toMatchObject({
      type: "error",
      code: "forbidden",
      message: "Primero entra en la sala, por favor.",
    });
    // An unknown message type, and a frame that fails the schema, in Spanish too.
    const client = await SocketClient.connect(`${wsUrlOf(t.app)}?lang=es`, member.cookie, "http://kinship.test");
    await client.nextOf("hello");
    client.send("not json");
    expect(await client.next((m) => m.type === "error")).toMatchObject({ message: "Ese mensaje no es JSON." });
    client.ws.close();
  });
});
