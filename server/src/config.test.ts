import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("config", () => {
  it("runs with no settings at all on the embedded defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: "localhost", demo: true, databaseUrl: undefined });
    expect(config.dataDir).toMatch(/data$/);
    expect(config.publicUrl.origin).toBe("http://localhost:3000");
  });

  it("reads every documented setting", () => {
    const config = loadConfig({
      PORT: "8080",
      HOST: "0.0.0.0",
      DATA_DIR: "/var/lib/kinship",
      DATABASE_URL: "postgres://k:k@db:5432/kinship",
      REDIS_URL: "redis://cache:6379",
      PUBLIC_URL: "https://kinship.example.org",
      KINSHIP_DEMO: "off",
    });
    expect(config).toMatchObject({ port: 8080, host: "0.0.0.0", dataDir: "/var/lib/kinship", demo: false });
    expect(config.databaseUrl).toContain("postgres://");
    expect(config.redisUrl).toBe("redis://cache:6379");
    expect(config.publicUrl.protocol).toBe("https:");
  });

  it("stops with a readable list naming every wrong value", () => {
    const attempt = () =>
      loadConfig({
        PORT: "eighty",
        DATABASE_URL: "mysql://x",
        REDIS_URL: "http://x",
        KINSHIP_DEMO: "maybe",
        PUBLIC_URL: "ftp://x",
        MAP_TILE_URL: "https://tiles.example.org/map.png",
      });
    expect(attempt).toThrow(ConfigError);
    try {
      attempt();
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ["PORT", "DATABASE_URL", "REDIS_URL", "KINSHIP_DEMO", "PUBLIC_URL", "MAP_TILE_URL"])
        expect(message).toContain(name);
      expect(message).toContain("postgres://");
    }
  });
});
