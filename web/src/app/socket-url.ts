import { currentLanguage } from "./i18n.ts";

/**
 * The address of the shared `/ws`. A browser can't set headers on a WebSocket, so the language the
 * member reads Kinship in rides along in the address: the server's refusals on it come in that language.
 */
export const socketUrl = () =>
  `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/ws?lang=${currentLanguage()}`;
