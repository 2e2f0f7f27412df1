import type { Alert, AlertConversation, Service } from "@kinship/contracts/safety";
import { RULES } from "./detector/detector.ts";
import type { AlertRow, ServiceRow } from "./store.ts";

const ruleDescription = new Map(RULES.map((r) => [r.id, r.description]));

/**
 * An alert as a responder sees it. The excerpt (the sentence that matched) comes only when the
 * responder opens one alert, which is audited; the queue never carries anyone's words.
 */
export function presentAlert(
  row: AlertRow,
  handles: Map<string, string>,
  viewerId: string,
  withExcerpt: boolean,
): Alert {
  return {
    id: row.id,
    severity: row.severity as Alert["severity"],
    category: row.category as Alert["category"],
    rule: row.rule,
    ruleDescription: ruleDescription.get(row.rule) ?? row.rule,
    source: row.source as Alert["source"],
    place: row.place,
    link: row.link,
    author: row.authorHidden ? "Anonymous member" : (handles.get(row.authorId) ?? "former member"),
    excerpt: withExcerpt ? row.excerpt : null,
    status: row.status,
    claimedBy: row.claimedBy ? (handles.get(row.claimedBy) ?? null) : null,
    mine: row.claimedBy === viewerId,
    outcome: (row.outcome as Alert["outcome"]) ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export function presentConversation(
  alert: AlertRow,
  rows: { id: string; from: string | null; fromResponder: boolean; body: string; createdAt: Date }[],
): AlertConversation {
  return {
    alertId: alert.id,
    open: alert.status === "claimed",
    items: rows.map((m) => ({
      id: m.id,
      from: m.from ?? "former member",
      responder: m.fromResponder,
      body: m.body,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}

export function presentService(row: { service: ServiceRow; organisationName: string }, canManage: boolean): Service {
  const s = row.service;
  return {
    id: s.id,
    organisation: { id: s.organisationId, name: row.organisationName },
    name: s.name,
    kind: s.kind as Service["kind"],
    description: s.description,
    languages: s.languages,
    cost: s.cost as Service["cost"],
    phone: s.phone,
    url: s.url,
    address: s.address,
    country: s.country,
    canManage,
  };
}
