import type { Hub } from "../../realtime/hub.ts";
import type { Scope } from "./policy.ts";

/** Hub channel of one scope's alerts (an organisation id, or the community). */
export const alertsChannel = (scope: Scope) => `safety.alerts.${scope ?? "community"}`;

/** Hub channel on which a member's responder scopes are announced when they shrink. */
export const RESPONDER_SCOPES_CHANGED = "safety.responder-scopes";
export type ScopesChanged = { memberId: string; scopes: Scope[] };

/** Each node's own registry of watching sockets, keyed by that node's hub (one per app). */
export const localRegistries = new WeakMap<Hub, Set<(change: ScopesChanged) => void>>();

/**
 * A member's responder scopes are now `scopes` (fewer than before: a role removed, or none at all
 * when they are suspended, banned or gone). Their open sockets stop hearing the other scopes' alerts
 * at once: on this node before this returns (not waiting for its own message to come back through
 * Redis), and on every other node as the message arrives (it carries the scopes, so applying it
 * needs no query and no later ping can overtake it).
 */
export async function announceResponderScopes(hub: Hub | undefined, memberId: string, scopes: Scope[]) {
  if (!hub) return;
  const change = { memberId, scopes };
  for (const apply of localRegistries.get(hub) ?? []) apply(change);
  await hub.publish(RESPONDER_SCOPES_CHANGED, change).catch(() => {});
}
