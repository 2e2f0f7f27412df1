import { Invalid } from "../../platform/errors.ts";

/** A keyset position: the time and id of the last row of a page (thread lists, followed posts, mentions). */
export type Cursor = { at: Date; id: string };

export const encodeCursor = (at: Date, id: string) =>
  Buffer.from(JSON.stringify([at.toISOString(), id])).toString("base64url");

/** The position a page link carries, or null for the first page; a damaged link is a 400 on `field`. */
export function decodeCursor(value: string | undefined, field = "cursor"): Cursor | null {
  if (!value) return null;
  try {
    const [at, id] = JSON.parse(Buffer.from(value, "base64url").toString()) as [string, string];
    const date = new Date(at);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error("bad cursor");
    return { at: date, id };
  } catch {
    throw new Invalid("That page link has expired. Please start from the first page.", field);
  }
}
