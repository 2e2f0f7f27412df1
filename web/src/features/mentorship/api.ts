import {
  type ConversationReportInput,
  type DeclineReason,
  type DmAllow,
  DmSettings,
  type MenteePreferences,
  MenteePreferencesView,
  type MentorProfileInput,
  MentorSharedView,
  type MentorShareItem,
  MentorSuggestions,
  Mentorship,
  MentorshipList,
  MessagePage,
  MyMentorProfile,
  SentMessage,
  TrainingModule,
  TrainingModuleEdit,
  type TrainingModuleInput,
  TrainingResult,
  type WellbeingInput,
  WellbeingResult,
} from "@kinship/contracts/mentorship";
import { MyReport } from "@kinship/contracts/moderation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { z } from "zod";
import { apiJson, apiRequest } from "../../app/api-client.ts";

/** Query keys of mentorship; one root so signing out forgets them all. */
export const mentorshipKeys = {
  all: ["mentorship"] as const,
  /** The header's count of unread messages (Header.tsx asks for it under this key). */
  unread: ["mentorship", "unread"] as const,
  training: ["mentorship", "training"] as const,
  trainingEdit: ["mentorship", "training", "edit"] as const,
  profile: ["mentorship", "profile"] as const,
  preferences: ["mentorship", "preferences"] as const,
  mentors: ["mentorship", "mentors"] as const,
  list: ["mentorship", "list"] as const,
  direct: ["mentorship", "direct"] as const,
  dmSettings: ["mentorship", "dm-settings"] as const,
  one: (id: string) => ["mentorship", "one", id] as const,
  shared: (id: string) => ["mentorship", "shared", id] as const,
};

const get = async <S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> =>
  schema.parse(await apiJson(path));
const send = async <S extends z.ZodType>(
  path: string,
  method: "POST" | "PUT" | "DELETE",
  body: unknown,
  schema: S,
): Promise<z.output<S>> => schema.parse(await apiJson(path, { method, body }));
const id = (value: string) => encodeURIComponent(value);

/** After any change, refetch what may show it (lists, counts, suggestions). */
function useChange<I, O>(mutationFn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: mentorshipKeys.all }),
  });
}

// ─── Training ───
/** The training in the reader's language (the built-in module has a Spanish text; an edited one is as written). */
const trainingLang = (language: string) => (language.startsWith("es") ? "es" : "en");
export const useTraining = (language: string) =>
  useQuery({
    queryKey: [...mentorshipKeys.training, trainingLang(language)],
    queryFn: () => get(`/api/mentor-training?lang=${trainingLang(language)}`, TrainingModule),
  });
export const useTrainingEdit = () =>
  useQuery({
    queryKey: mentorshipKeys.trainingEdit,
    queryFn: () => get("/api/mentor-training/edit", TrainingModuleEdit),
  });
export const useAttempt = (language: string) =>
  useChange((answers: number[]) =>
    send(`/api/mentor-training/attempts?lang=${trainingLang(language)}`, "POST", { answers }, TrainingResult),
  );
export const useSaveTraining = () =>
  useChange((body: TrainingModuleInput) => send("/api/mentor-training", "PUT", body, TrainingModuleEdit));

// ─── My mentor profile ───
export const useMyMentorProfile = () =>
  useQuery({ queryKey: mentorshipKeys.profile, queryFn: () => get("/api/mentor-profile", MyMentorProfile) });
export const useSaveProfile = () =>
  useChange((body: MentorProfileInput) => send("/api/mentor-profile", "PUT", body, MyMentorProfile));
export const usePause = () =>
  useChange((until: string | null) => send("/api/mentor-profile/pause", "POST", { until }, MyMentorProfile));
export const useResume = () => useChange(() => send("/api/mentor-profile/resume", "POST", undefined, MyMentorProfile));
export const useWellbeing = () =>
  useChange((body: WellbeingInput) => send("/api/mentor-checkins", "POST", body, WellbeingResult));

// ─── Finding a mentor ───
export const usePreferences = () =>
  useQuery({
    queryKey: mentorshipKeys.preferences,
    queryFn: () => get("/api/mentorship/preferences", MenteePreferencesView),
  });
export const useSavePreferences = () =>
  useChange((body: MenteePreferences) => send("/api/mentorship/preferences", "PUT", body, MenteePreferencesView));
export const useMentors = () =>
  useQuery({ queryKey: mentorshipKeys.mentors, queryFn: () => get("/api/mentors", MentorSuggestions) });

// ─── Mentorships ───
export const useMentorships = () =>
  useQuery({ queryKey: mentorshipKeys.list, queryFn: () => get("/api/mentorships", MentorshipList) });
export const useMentorship = (mentorshipId: string) =>
  useQuery({
    queryKey: mentorshipKeys.one(mentorshipId),
    queryFn: () => get(`/api/mentorships/${id(mentorshipId)}`, Mentorship),
  });
export const useSharedWithMe = (mentorshipId: string, enabled: boolean) =>
  useQuery({
    queryKey: mentorshipKeys.shared(mentorshipId),
    queryFn: () => get(`/api/mentorships/${id(mentorshipId)}/shared`, MentorSharedView),
    enabled,
  });

export const useRequest = () =>
  useChange((body: { mentorId: string; message: string }) => send("/api/mentorships", "POST", body, Mentorship));
const useAction = (path: string) =>
  useChange((input: { id: string; body?: unknown }) =>
    send(`/api/mentorships/${id(input.id)}/${path}`, "POST", input.body, Mentorship),
  );
export const useAccept = () => useAction("accept");
export const useDecline = () =>
  useChange((input: { id: string; reason: DeclineReason }) =>
    send(`/api/mentorships/${id(input.id)}/decline`, "POST", { reason: input.reason }, Mentorship),
  );
export const useWithdraw = () => useAction("withdraw");
export const useEnd = () =>
  useChange((input: { id: string; note: string }) =>
    send(`/api/mentorships/${id(input.id)}/end`, "POST", { note: input.note }, Mentorship),
  );
export const useProposeHandoff = () => useAction("handoff");
export const useCancelHandoff = () =>
  useChange((input: { id: string }) =>
    send(`/api/mentorships/${id(input.id)}/handoff`, "DELETE", undefined, Mentorship),
  );
export const useAcceptHandoff = () =>
  useChange((input: { id: string; mentorId: string; message: string }) =>
    send(
      `/api/mentorships/${id(input.id)}/handoff/accept`,
      "POST",
      { mentorId: input.mentorId, message: input.message },
      Mentorship,
    ),
  );
export const useSetShares = () =>
  useChange((input: { id: string; items: MentorShareItem[] }) =>
    send(`/api/mentorships/${id(input.id)}/shares`, "PUT", { items: input.items }, Mentorship),
  );

// ─── Messages (the conversation hook keeps them; these are its HTTP calls) ───
export const fetchHistory = (mentorshipId: string, before?: number) =>
  get(`/api/mentorships/${id(mentorshipId)}/messages${before ? `?before=${before}` : ""}`, MessagePage);
export const postMessage = (mentorshipId: string, clientId: string, text: string) =>
  send(`/api/mentorships/${id(mentorshipId)}/messages`, "POST", { id: clientId, text }, SentMessage);
// ─── Direct conversations outside a mentorship ───
export const useDmSettings = () =>
  useQuery({ queryKey: mentorshipKeys.dmSettings, queryFn: () => get("/api/me/direct-messages", DmSettings) });
export const useSaveDmSettings = () =>
  useChange((allow: DmAllow) => send("/api/me/direct-messages", "PUT", { allow }, DmSettings));
export const useDirectConversations = () =>
  useQuery({ queryKey: mentorshipKeys.direct, queryFn: () => get("/api/direct-conversations", MentorshipList) });
export const useStartDirect = () =>
  useChange((handle: string) => send("/api/direct-conversations", "POST", { handle }, Mentorship));

/** Reports the conversation; the reporter follows its state under their notices. */
export const useReportConversation = () =>
  useMutation({
    mutationFn: (input: { id: string; body: ConversationReportInput }) =>
      send(`/api/mentorships/${id(input.id)}/reports`, "POST", input.body, MyReport),
  });
export const postRead = (mentorshipId: string, seq: number) =>
  apiRequest(`/api/mentorships/${id(mentorshipId)}/read`, { method: "POST", body: { seq } });
