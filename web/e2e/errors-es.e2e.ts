import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectAccessible, type Kinship, PASSPHRASE, screenshots, signUp, startKinship } from "./harness.ts";

let browser: Browser;
let base: string;
let kinship: Kinship;

beforeAll(async () => {
  kinship = await startKinship("errors-es");
  ({ base, browser } = kinship);
});
afterAll(async () => kinship?.close());

const shot = screenshots("errors-es");

it("a member who reads Kinship in Spanish meets the server's refusals in Spanish, whatever the browser's language", async () => {
  // The browser is English; the member picks Spanish with the switcher.
  const context = await browser.newContext({ viewport: { width: 1100, height: 800 }, locale: "en-US" });
  const handle = `lucia_${Date.now() % 100000}`;
  (await signUp(base, context, handle)).close();
  await context.clearCookies();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${base}/login`);
  await page.getByLabel("Language").selectOption({ label: "Español" });
  await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("es");

  // A wrong passphrase: the request says Spanish, and the server answers in Spanish.
  await page.getByLabel("Nombre de usuario").fill(handle);
  await page.getByLabel("Frase de acceso", { exact: true }).fill("not my passphrase at all");
  const answer = page.waitForResponse((r) => r.url().endsWith("/api/auth/login"));
  await page.getByRole("button", { name: "Entrar" }).click();
  const response = await answer;
  expect(response.request().headers()["accept-language"]).toBe("es");
  expect(response.headers()["content-language"]).toBe("es");
  expect((await response.json()).error.message).toBe(
    "El nombre de usuario y la frase de acceso no coinciden. Revisa ambos e inténtalo de nuevo.",
  );
  await page.getByText("El nombre de usuario y la frase de acceso no coinciden").first().waitFor({ timeout: 10_000 });

  // Too many tries: a sentence only the server can write (it knows how long to wait).
  for (let i = 0; i < 10; i++) {
    await page.evaluate(
      async (h) =>
        fetch("/api/auth/login", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ handle: h, passphrase: "still not it, sorry" }),
        }),
      handle,
    );
  }
  await page.getByRole("button", { name: "Entrar" }).click();
  await page
    .getByText(/Demasiados intentos\. Espera \d+ minuto\(s\) y vuelve a intentarlo\./)
    .first()
    .waitFor({ timeout: 10_000 });
  expect(await page.getByText(/Too many|don't match/).count()).toBe(0);
  await expectAccessible(page);
  await shot(page, "login-refused-es");

  // Signing up with a handle that is taken is refused in Spanish too.
  await page.goto(`${base}/signup`);
  await page.getByLabel("Nombre de usuario").fill(handle);
  await page.getByLabel("Frase de acceso", { exact: true }).fill(PASSPHRASE);
  await page.getByRole("button", { name: "Crear la cuenta" }).click();
  await page.getByText("Ese nombre de usuario ya está en uso. Prueba con otro.").first().waitFor({ timeout: 10_000 });
  await shot(page, "signup-taken-es");
  expect(errors).toEqual([]);
  await context.close();
});
