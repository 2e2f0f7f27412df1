import "leaflet/dist/leaflet.css";
import type { FinderItem } from "@kinship/contracts/directory";
import L from "leaflet";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Notice } from "../../ui/Notice.tsx";
import { weekdayTime } from "./time.ts";

interface FinderMapProps {
  items: FinderItem[];
  viewerZone: string;
  /** `LAT,LON` the search is centred on, if any. */
  near: string;
  radiusKm: number;
  tileUrl: string | null;
  attribution: string | null;
}

/**
 * The results on a Leaflet map (this file and Leaflet load only when someone opens the map). Tiles
 * come from the operator's tile server if one is set; without tiles, or when they fail, the markers
 * still show on a plain background and the page says so. Markers are buttons: Tab reaches them,
 * Enter opens a popup with a link to the meeting. The list view always has everything too.
 */
export function FinderMap({ items, viewerZone, near, radiusKm, tileUrl, attribution }: FinderMapProps) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const element = useRef<HTMLDivElement>(null);
  const map = useRef<L.Map | null>(null);
  const markers = useRef<L.LayerGroup | null>(null);
  const [tilesFailed, setTilesFailed] = useState(false);
  const [far, setFar] = useState(true);
  const showsStreets = Boolean(tileUrl) && !tilesFailed;

  // The map itself, once.
  useEffect(() => {
    if (!element.current) return;
    const instance = L.map(element.current, { worldCopyJump: true, zoomSnap: 0.5 });
    instance.setView([20, 0], 2);
    if (tileUrl) {
      const tiles = L.tileLayer(tileUrl, { maxZoom: 19, attribution: attribution ?? "" });
      tiles.on("tileerror", () => setTilesFailed(true));
      tiles.addTo(instance);
    }
    markers.current = L.layerGroup().addTo(instance);
    // Place names crowd each other when the whole world is in view; they appear as you zoom in.
    instance.on("zoomend", () => setFar(instance.getZoom() < 5));
    map.current = instance;
    return () => {
      instance.remove();
      map.current = null;
    };
  }, [tileUrl, attribution]);

  // Markers, one per meeting (the finder lists a meeting once per day it meets).
  useEffect(() => {
    const instance = map.current;
    const layer = markers.current;
    if (!instance || !layer) return;
    layer.clearLayers();
    const byMeeting = new Map<string, FinderItem[]>();
    for (const item of items) {
      if (item.latitude === null || item.longitude === null) continue;
      byMeeting.set(item.id, [...(byMeeting.get(item.id) ?? []), item]);
    }
    const points: L.LatLngExpression[] = [];
    for (const rows of byMeeting.values()) {
      const first = rows[0] as FinderItem;
      const position: L.LatLngExpression = [first.latitude as number, first.longitude as number];
      points.push(position);
      const label = `${first.name}, ${weekdayTime(new Date(first.nextStart), viewerZone, i18n.language)}`;
      const marker = L.marker(position, {
        title: label,
        alt: label,
        keyboard: true,
        icon: L.divIcon({
          className: `map-pin${first.temporarilyClosed ? " map-pin--closed" : ""}`,
          html: "",
          iconSize: [26, 26],
          iconAnchor: [13, 26],
          popupAnchor: [0, -24],
        }),
      });
      marker.bindPopup(() => popupFor(rows, viewerZone, i18n.language, navigate, t("directory.temporarilyClosed")));
      // Without a street map, place names are what tell people where a pin is.
      const area = first.region ?? first.locationName;
      if (!showsStreets && area) marker.bindTooltip(area, { permanent: true, direction: "right", offset: [10, -12] });
      marker.addTo(layer);
      marker.getElement()?.setAttribute("aria-label", label);
    }
    if (points.length > 0) instance.fitBounds(L.latLngBounds(points), { padding: [30, 30], maxZoom: 13 });
    else if (near) {
      const [lat, lon] = near.split(",").map(Number) as [number, number];
      instance.setView([lat, lon], radiusKm > 50 ? 7 : 10);
    }
  }, [items, viewerZone, i18n.language, navigate, near, radiusKm, t, showsStreets]);

  const withoutPlace = new Set(items.filter((i) => i.latitude === null).map((i) => i.id)).size;

  return (
    <div className="stack-small">
      {!tileUrl && <Notice>{t("directory.map.tilesOff")}</Notice>}
      {tileUrl && tilesFailed && <Notice>{t("directory.map.tilesFailed")}</Notice>}
      {/* React owns the frame's classes; Leaflet owns the inner element's, which React never re-renders. */}
      <section
        className={`finder-map-frame${showsStreets ? "" : " finder-map--plain"}${far ? " finder-map--far" : ""}`}
        aria-label={t("directory.map.label")}
      >
        <div ref={element} className="finder-map" />
      </section>
      <p className="muted">
        {t("directory.map.keyboard")}
        {withoutPlace > 0 && ` ${t("directory.map.withoutPlace", { count: withoutPlace })}`}
      </p>
    </div>
  );
}

/** A popup built from DOM nodes, never HTML strings: a meeting's name can't become markup. */
function popupFor(
  rows: FinderItem[],
  viewerZone: string,
  language: string,
  navigate: (to: string) => void,
  closedText: string,
) {
  const first = rows[0] as FinderItem;
  const box = document.createElement("div");
  box.className = "map-popup";
  const link = document.createElement("a");
  const href = `/meetings/${encodeURIComponent(first.slug)}`;
  link.href = href;
  link.textContent = first.name;
  link.addEventListener("click", (event) => {
    event.preventDefault();
    navigate(href);
  });
  const name = document.createElement("p");
  name.className = "map-popup__name";
  name.append(link);
  box.append(name);
  const when = document.createElement("p");
  when.textContent = rows.map((row) => weekdayTime(new Date(row.nextStart), viewerZone, language)).join(" · ");
  box.append(when);
  const where = document.createElement("p");
  where.textContent = [first.groupName, first.locationName].filter(Boolean).join(" · ");
  box.append(where);
  if (first.temporarilyClosed) {
    const closed = document.createElement("p");
    closed.className = "map-popup__closed";
    closed.textContent = closedText;
    box.append(closed);
  }
  return box;
}

export default FinderMap;
