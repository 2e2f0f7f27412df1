import { type CrisisNotice, ScreenResult } from "@kinship/contracts/safety";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { apiJson } from "../app/api-client.ts";
import { Button } from "./Button.tsx";
import { browserCountry, CrisisLineItem, useLineName } from "./CrisisLines.tsx";
import { talkNow } from "./CrisisPanel.tsx";

// Fewer characters than this say too little to check.
const MIN_CHARS = 8;

/**
 * Checks words not yet posted for crisis language, once typing pauses (never on every key). The
 * server keeps nothing; a check that fails stays silent, because it must never stand in the way.
 */
export function useCrisisScreen(text: string, delayMs = 900): CrisisNotice | null {
  const [notice, setNotice] = useState<CrisisNotice | null>(null);
  useEffect(() => {
    const words = text.trim();
    if (words.length < MIN_CHARS) {
      setNotice(null);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const country = browserCountry();
        const answer = ScreenResult.parse(
          await apiJson("/api/safety/screen", {
            method: "POST",
            body: { text: words, ...(country ? { country } : {}) },
            signal: controller.signal,
          }),
        );
        setNotice(answer.crisis);
      } catch {
        // Offline, aborted or refused: posting goes on as usual, and the lines show after posting.
      }
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text, delayMs]);
  return notice;
}

/**
 * Beside a composer: when what someone is writing sounds like a crisis, a kind word, "talk to
 * someone now" and the crisis lines of their country, right where they are. It does not take the
 * focus from their writing, and it never stops them posting. `private` words (a check-in) are saved, not posted.
 */
export function CrisisCheck({ text, private: isPrivate = false }: { text: string; private?: boolean }) {
  const { t } = useTranslation();
  const lineName = useLineName();
  const notice = useCrisisScreen(text);
  const [hidden, setHidden] = useState<string | null>(null);
  const headingId = useId();
  const key = notice ? `${notice.severity}:${notice.category}` : null;
  const shown = notice && hidden !== key ? notice : null;
  const now = shown ? talkNow(shown.resources) : null;
  return (
    <>
      <p className="visually-hidden" role="status">
        {shown ? t("safety.check.announce") : ""}
      </p>
      {shown && (
        <section className="crisis-check card stack-small" aria-labelledby={headingId} data-testid="crisis-check">
          <p className="crisis-check__title" id={headingId}>
            {t("safety.check.title")}
          </p>
          <p>
            {isPrivate
              ? t(shown.severity === "low" ? "safety.check.bodyLowPrivate" : "safety.check.bodyPrivate")
              : t(shown.severity === "low" ? "safety.check.bodyLow" : "safety.check.body")}
          </p>
          {now && (
            <p>
              <a className="button button--primary crisis-panel__now" href={now.href}>
                {t("safety.panel.talkNow")}
              </a>{" "}
              <span className="muted">{lineName(now.line)}</span>
            </p>
          )}
          <details>
            <summary>{t("safety.check.lines")}</summary>
            <ul className="list-plain stack-small">
              {shown.resources.map((line) => (
                <li key={`${line.name}-${line.phone ?? line.url ?? ""}`}>
                  <CrisisLineItem line={line} headingLevel={4} />
                </li>
              ))}
            </ul>
            <p>
              <Link to="/help">{t("safety.check.otherCountries")}</Link>
            </p>
          </details>
          <p className="muted">{t(isPrivate ? "safety.check.stillSave" : "safety.check.stillPost")}</p>
          <div>
            <Button variant="quiet" small onClick={() => setHidden(key)}>
              {t("safety.check.hide")}
            </Button>
          </div>
        </section>
      )}
    </>
  );
}
