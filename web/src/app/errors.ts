import { useTranslation } from "react-i18next";
import { isApiError } from "./api-client.ts";

// The server answers in the reader's language (Accept-Language); when it could only answer in English
// (an older server, a sentence it has no words for yet), these are the ones we say ourselves.
const KNOWN_MESSAGES: Array<[prefix: string, key: string]> = [
  ["That handle is taken", "errors.known.handleTaken"],
  ["That passphrase isn't right", "errors.known.passphraseWrong"],
  ["That passphrase is one of the most common", "errors.known.passphraseCommon"],
  ["Please choose a passphrase that doesn't contain your handle", "errors.known.passphraseHasHandle"],
  ["That handle and passphrase don't match", "errors.known.loginMismatch"],
  ["There's no such session", "errors.known.noSuchSession"],
  ["There's no member with that handle", "errors.known.noSuchMember"],
  ["A handle needs at least 3", "validation.handle.too_small"],
  ["A handle can be at most", "validation.handle.too_big"],
  ["A handle can use letters", "validation.handle.invalid_format"],
  ["A passphrase needs at least 12", "validation.passphrase.too_small"],
  ["A passphrase can be at most", "validation.passphrase.too_big"],
  ["Enter an e-mail address", "validation.email.invalid_format"],
  ["Welcome! To keep newcomers safe from spam", "errors.known.newcomerLinks"],
  ["New accounts can post a few times an hour", "errors.known.newcomerRate"],
  ["A moderator has paused your posting", "errors.known.muted"],
  ["Your account is suspended", "errors.known.suspended"],
  ["A moderator has closed posting", "errors.known.banned"],
  ["A different moderator decides an appeal", "errors.known.appealSameModerator"],
  ["You've already appealed this", "errors.known.appealAlready"],
  ["Your account is open, so you can sign in", "errors.known.accountOpen"],
];

/** The first part of an API error's field ("displayName.value" → "displayName"). */
export const fieldOf = (error: unknown): string | undefined =>
  isApiError(error) && error.field ? error.field.split(".")[0] : undefined;

/**
 * Words for any error, in the reader's language: the server's own message when it is in that
 * language (it is the most specific), a translation of it or of its code otherwise.
 */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (error: unknown): string => {
    if (!isApiError(error)) return t("errors.internal");
    if (error.code === "network") return t("errors.network");
    if (error.message && (i18n.language === "en" || error.language === i18n.language)) return error.message;
    const known = KNOWN_MESSAGES.find(([prefix]) => error.message.startsWith(prefix));
    if (known) return t(known[1] as "errors.internal");
    // A specific English message beats a vague translated one for validation problems.
    if (error.code === "invalid" && error.message) return error.message;
    return t(`errors.${error.code}`);
  };
}
