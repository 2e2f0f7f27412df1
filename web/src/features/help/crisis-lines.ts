/**
 * Crisis lines shown on "Need help now?". Each carries its source, so whoever updates this list
 * can check it against the organisation's own page. Names and descriptions live in the locale files
 * under help.<id>Name / Region / Body.
 */
export interface CrisisLine {
  id: "us988" | "samhsa" | "samaritans";
  /** Digits as dialled; shown as `display`. */
  call: { tel: string; display: string };
  text?: { sms: string; display: string };
  source: string;
}

export const CRISIS_LINES: CrisisLine[] = [
  {
    id: "us988",
    call: { tel: "988", display: "988" },
    text: { sms: "988", display: "988" },
    source: "https://988lifeline.org/",
  },
  {
    id: "samhsa",
    call: { tel: "+18006624357", display: "1-800-662-4357" },
    source: "https://www.samhsa.gov/find-help/helplines/national-helpline",
  },
  {
    id: "samaritans",
    call: { tel: "116123", display: "116 123" },
    source: "https://www.samaritans.org/how-we-can-help/contact-samaritan/",
  },
];

/** A directory of free helplines in many countries, for anyone outside the lines above. */
export const FIND_A_HELPLINE = "https://findahelpline.com/";
