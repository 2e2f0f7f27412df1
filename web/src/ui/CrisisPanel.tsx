import type { CrisisLine, CrisisNotice } from "@kinship/contracts/safety";
import { useEffect, useId, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "./Button.tsx";
import { browserCountry, CrisisLines, useCrisisLines, useLineName } from "./CrisisLines.tsx";

const digits = (phone: string) => phone.replace(/[^\d+]/g, "");

/** The first line someone can reach right now: a number to call, else a number to text, else a website. */
export function talkNow(lines: CrisisLine[]) {
  const call = lines.find((l) => l.phone);
  if (call?.phone) return { href: `tel:${digits(call.phone)}`, line: call };
  const text = lines.find((l) => l.text);
  if (text?.text) return { href: `sms:${digits(text.text)}`, line: text };
  const site = lines.find((l) => l.url);
  return site?.url ? { href: site.url, line: site } : null;
}

/**
 * Shown at once when what someone just wrote sounds like a crisis: kind words, "talk to someone
 * now", and the crisis lines of their country. What they wrote was still posted or sent.
 */
export function CrisisPanel({
  notice,
  onClose,
  sent = false,
}: {
  notice: CrisisNotice;
  onClose?: () => void;
  /** A private message was sent (rather than something posted): the words say so. */
  sent?: boolean;
}) {
  const { t } = useTranslation();
  const lineName = useLineName();
  const headingId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const lines = useCrisisLines(browserCountry());
  const now = talkNow(lines.data ?? notice.resources);
  // Move focus here so a screen reader hears it first, and a keyboard user lands on the lines.
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className="crisis-panel card stack-small" aria-labelledby={headingId} data-testid="crisis-panel">
      <h2 id={headingId} ref={heading} tabIndex={-1}>
        {t("safety.panel.title")}
      </h2>
      <p>
        {t(
          sent
            ? notice.severity === "low"
              ? "safety.panel.bodyLowSent"
              : "safety.panel.bodySent"
            : notice.severity === "low"
              ? "safety.panel.bodyLow"
              : "safety.panel.body",
        )}
      </p>
      <p>
        <strong>{t("safety.panel.emergency")}</strong>
      </p>
      {now && (
        <p>
          <a className="button button--primary crisis-panel__now" href={now.href}>
            {t("safety.panel.talkNow")}
          </a>{" "}
          <span className="muted">{lineName(now.line)}</span>
        </p>
      )}
      <CrisisLines initial={notice.resources} />
      {notice.severity !== "low" && <p className="muted">{t("safety.panel.responder")}</p>}
      <p className="muted">
        {t("safety.panel.peers")} <Link to="/safety/services">{t("safety.panel.services")}</Link>
      </p>
      {onClose && (
        <Button variant="secondary" onClick={onClose}>
          {t("safety.panel.close")}
        </Button>
      )}
    </section>
  );
}
