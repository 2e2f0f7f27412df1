import { z } from "zod";
import { MentionsClientMessages, MentionsServerMessages } from "./forums.ts";
import { MentorshipClientMessages, MentorshipServerMessages } from "./mentorship.ts";
import { ClientMessage, ServerMessage } from "./rooms.ts";
import { SafetyClientMessages, SafetyServerMessages } from "./safety.ts";

/*
 * The whole protocol of the one `/ws` endpoint: every feature's messages in one discriminated union,
 * so the gateway validates each frame once and a feature's handler sees only its own, typed.
 */

/** Every message a client may send on `/ws`. */
export const SocketClientMessage = z.discriminatedUnion("type", [
  ...ClientMessage.options,
  ...MentorshipClientMessages,
  ...SafetyClientMessages,
  ...MentionsClientMessages,
]);
export type SocketClientMessage = z.infer<typeof SocketClientMessage>;

/** Every message the server sends on `/ws`. */
export const SocketServerMessage = z.discriminatedUnion("type", [
  ...ServerMessage.options,
  ...MentorshipServerMessages,
  ...SafetyServerMessages,
  ...MentionsServerMessages,
]);
export type SocketServerMessage = z.infer<typeof SocketServerMessage>;
