import type { AccessLogEntry, Me, Profile, ProfileFieldName, PublicMember, Session } from "@kinship/contracts/accounts";
import type { Visibility } from "@kinship/contracts/common";
import { canSeeField, type Relation } from "./policy.ts";
import type { MemberRow, SessionRow } from "./store.ts";

type Language = Profile["language"]["value"];

/** The profile as its owner sees it: every value with its visibility. */
export function presentProfile(m: MemberRow): Profile {
  return {
    displayName: { value: m.displayName, visibility: m.displayNameVisibility },
    pronouns: { value: m.pronouns, visibility: m.pronounsVisibility },
    recoveryFocus: { value: m.recoveryFocus, visibility: m.recoveryFocusVisibility },
    timeZone: { value: m.timeZone, visibility: m.timeZoneVisibility },
    language: { value: m.language as Language, visibility: m.languageVisibility },
  };
}

/** The signed-in member as they see themselves. Never the hash or a token. */
export function presentMe(m: MemberRow): Me {
  return {
    id: m.id,
    handle: m.handle,
    email: m.email,
    createdAt: m.createdAt.toISOString(),
    profile: presentProfile(m),
  };
}

/** Another member as this viewer may see them: only fields whose visibility lets them. */
export function presentPublicMember(m: MemberRow, relation: Relation): PublicMember {
  const profile: PublicMember["profile"] = {};
  const own = presentProfile(m);
  for (const name of Object.keys(own) as ProfileFieldName[]) {
    const { value, visibility } = own[name] as { value: string | null; visibility: Visibility };
    if (value !== null && canSeeField(relation, visibility)) Object.assign(profile, { [name]: value });
  }
  return { handle: m.handle, profile };
}

export function presentSession(s: SessionRow, currentId: string | null): Session {
  return {
    id: s.id,
    current: s.id === currentId,
    device: s.device,
    createdAt: s.createdAt.toISOString(),
    lastSeenAt: s.lastSeenAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
  };
}

export function presentAccessEntry(e: {
  id: string;
  viewedAt: Date;
  viewerHandle: string | null;
  viewerRole: string;
  recordType: string;
  reason: string;
}): AccessLogEntry {
  return {
    id: e.id,
    viewedAt: e.viewedAt.toISOString(),
    viewer: { handle: e.viewerHandle, role: e.viewerRole },
    recordType: e.recordType,
    reason: e.reason,
  };
}
