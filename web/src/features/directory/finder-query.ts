import { isMeetingType } from "@code4recovery/spec";
import { GroupFocus, GroupFormat, MeetingMode } from "@kinship/contracts/directory";

/**
 * The finder's filters, kept in the page's URL so a search can be bookmarked or shared. Anything
 * odd in a shared URL is dropped rather than shown as an error: the page still works.
 */
export type Filters = {
  q: string;
  /** What the "near" box shows: a city's name, or HERE for the browser's location. */
  place: string;
  /** `LAT,LON`, rounded so a shared link doesn't pinpoint anyone. */
  near: string;
  radiusKm: number;
  day: number | null;
  from: string;
  to: string;
  when: "" | "soon" | "now";
  types: string[];
  format: string;
  focus: string;
  language: string;
  mode: string;
  sort: "next" | "distance";
  view: "list" | "map";
};

export const HERE = "@here";
export const RADII = [2, 5, 10, 25, 50, 100, 250] as const;
const DEFAULT_RADIUS = 25;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const LAT_LON = /^-?\d{1,2}(\.\d+)?,-?\d{1,3}(\.\d+)?$/;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/;

const oneOf = <T extends string>(options: readonly T[], value: string | null): T | "" =>
  value && (options as readonly string[]).includes(value) ? (value as T) : "";

/** The filters a URL asks for. */
export function readFilters(params: URLSearchParams): Filters {
  const day = Number(params.get("day"));
  const radius = Number(params.get("radiusKm"));
  const near = params.get("near") ?? "";
  const validNear = LAT_LON.test(near) ? near : "";
  return {
    q: (params.get("q") ?? "").slice(0, 100),
    place: validNear ? (params.get("place") ?? "").slice(0, 120) : "",
    near: validNear,
    radiusKm: radius > 0 && radius <= 500 ? radius : DEFAULT_RADIUS,
    day: params.get("day") !== null && Number.isInteger(day) && day >= 0 && day <= 6 ? day : null,
    from: CLOCK.test(params.get("from") ?? "") ? (params.get("from") as string) : "",
    to: CLOCK.test(params.get("to") ?? "") ? (params.get("to") as string) : "",
    when: oneOf(["soon", "now"], params.get("when")),
    types: (params.get("types") ?? "")
      .split(",")
      .filter((code) => code && isMeetingType(code))
      .slice(0, 20),
    format: oneOf(GroupFormat.options, params.get("format")),
    focus: oneOf(GroupFocus.options, params.get("focus")),
    language: LANGUAGE.test(params.get("language") ?? "") ? (params.get("language") as string) : "",
    mode: oneOf(MeetingMode.options, params.get("mode")),
    sort: params.get("sort") === "distance" && validNear ? "distance" : "next",
    view: params.get("view") === "map" ? "map" : "list",
  };
}

/** The URL for some filters; defaults are left out so links stay short. */
export function writeFilters(f: Filters): URLSearchParams {
  const params = new URLSearchParams();
  const put = (key: string, value: string | number | null) => {
    if (value !== null && value !== "") params.set(key, String(value));
  };
  put("q", f.q.trim());
  if (f.near) {
    put("place", f.place);
    put("near", f.near);
    if (f.radiusKm !== DEFAULT_RADIUS) put("radiusKm", f.radiusKm);
  }
  put("day", f.day);
  put("from", f.from);
  put("to", f.to);
  put("when", f.when);
  put("types", f.types.join(","));
  put("format", f.format);
  put("focus", f.focus);
  put("language", f.language);
  put("mode", f.mode);
  if (f.sort === "distance" && f.near) put("sort", "distance");
  if (f.view === "map") put("view", "map");
  return params;
}

/** The API's query (contracts FinderQuery) for some filters; day and times are read in the viewer's zone. */
export function apiQuery(f: Filters, viewerZone: string, limit: number): string {
  const params = new URLSearchParams();
  const put = (key: string, value: string | number | null) => {
    if (value !== null && value !== "") params.set(key, String(value));
  };
  put("q", f.q.trim());
  if (f.near) {
    put("near", f.near);
    put("radiusKm", f.radiusKm);
  }
  put("day", f.day);
  put("from", f.from);
  put("to", f.to);
  if (f.day !== null || f.from || f.to) put("tz", viewerZone);
  if (f.when === "soon") put("startsWithin", 60);
  if (f.when === "now") put("inProgress", "true");
  put("types", f.types.join(","));
  put("format", f.format);
  put("focus", f.focus);
  put("language", f.language);
  put("mode", f.mode);
  put("sort", f.sort === "distance" && f.near ? "distance" : "next");
  put("limit", limit);
  return params.toString();
}

/** How many filters beyond the search box and place are on (for the "More filters" summary). */
export const extraFilterCount = (f: Filters) =>
  [f.day !== null, f.from || f.to, f.when, f.types.length > 0, f.format, f.focus, f.language, f.mode].filter(Boolean)
    .length;

/** A coordinate rounded to about a kilometre: enough to find meetings, too coarse to find a home. */
export const roughly = (n: number) => Math.round(n * 100) / 100;
