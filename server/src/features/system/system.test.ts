import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildTestApp, type TestApp } from "../../test/helper.ts";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

describe("system routes", () => {
  it("refuses a NUL character anywhere in a request with a 400 naming the field, and stores nothing", async () => {
    const member = await t.makeMember();
    const profile = await member.patch("/api/me/profile", { displayName: { value: "Ri\u0000ver" } });
    expect(profile.statusCode).toBe(400);
    expect(profile.json().error.field).toBe("displayName.value");
    expect((await member.get("/api/me")).json().profile.displayName.value).toBeNull();

    const search = await t.anonymous().get("/api/meetings?q=hope%00");
    expect(search.statusCode).toBe(400);
    expect(search.json().error.field).toBe("q");
  });

  it("tells the web client that map tiles are off by default", async () => {
    const res = await t.anonymous().get("/api/instance");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ mapTileUrl: null, mapAttribution: null });
    expect(res.headers["content-security-policy"]).toContain("img-src 'self' data:;");
  });

  it("allows the configured tile server in the CSP and names it to the client", async () => {
    const tiles = await buildTestApp({
      MAP_TILE_URL: "https://{s}.tiles.example.org/{z}/{x}/{y}.png",
      MAP_ATTRIBUTION: "© Example contributors",
    });
    try {
      const res = await tiles.anonymous().get("/api/instance");
      expect(res.json()).toEqual({
        mapTileUrl: "https://{s}.tiles.example.org/{z}/{x}/{y}.png",
        mapAttribution: "© Example contributors",
      });
      expect(res.headers["content-security-policy"]).toContain("img-src 'self' data: https://*.tiles.example.org");
    } finally {
      await tiles.close();
    }
  });

  it("reports health while the database answers", async () => {
    const res = await t.anonymous().get("/health");
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: "ok" });
  });

  it("serves Prometheus metrics with route patterns, not raw URLs", async () => {
    await t.anonymous().get("/api/members/some_handle_here");
    const res = await t.anonymous().get("/metrics");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/plain");
    expect(res.body).toContain("kinship_http_request_duration_seconds");
    expect(res.body).toContain('route="/api/members/:handle"');
    expect(res.body).not.toContain("some_handle_here");
  });

  it("publishes the OpenAPI document generated from the schemas, and its docs page", async () => {
    const doc = (await t.anonymous().get("/openapi.json")).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/auth/signup", "/api/auth/login", "/api/me", "/api/me/export", "/health"]),
    );
    expect(doc.paths["/api/auth/signup"].post.requestBody.content["application/json"].schema.properties).toHaveProperty(
      "passphrase",
    );
    const docs = await t.anonymous().get("/docs/api/");
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain("swagger");
  });

  it("sends strict security headers and no-store on private answers", async () => {
    const res = await t.anonymous().get("/api/me");
    const csp = String(res.headers["content-security-policy"]);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["cache-control"]).toBe("no-store");
  });

  it("answers unknown API addresses with the error shape", async () => {
    const res = await t.anonymous().get("/api/nothing-here");
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("not_found");
  });
});

describe("health when the database is gone", () => {
  it("answers 503", async () => {
    const t2 = await buildTestApp();
    await t2.database.close();
    const res = await t2.anonymous().get("/health");
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: "unavailable" });
    await t2.app.close();
    await t2.database.drop();
  });
});
