import { Component, lazy, type ReactNode, Suspense } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Card } from "../../ui/Card.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { CRISIS_LINES, type CrisisLine, FIND_A_HELPLINE } from "./crisis-lines.ts";

// The directory's country picker (and the schemas it checks answers with) loads after this page, so
// a first visit stays within its JavaScript budget; this page itself is in every first load.
const CrisisLines = lazy(() => import("../../ui/CrisisLines.tsx").then((m) => ({ default: m.CrisisLines })));

/** Its fallback, if its children can't load (the installed app opened offline, a chunk it never fetched). */
class IfItFails extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/**
 * "Need help now?": crisis lines first — the reader's country's, from the directory, with a country
 * picker — then plain words about what peers can and can't do. The lines written into the app below
 * show when the directory can't be reached, so the installed app has them even offline.
 */
export function HelpPage() {
  const { t } = useTranslation();
  return (
    <div className="stack measure">
      <PageTitle intro={t("help.intro")}>{t("help.title")}</PageTitle>
      <Notice tone="info">
        <strong>{t("help.emergency")}</strong>
      </Notice>

      <section aria-labelledby="lines-title" className="stack-small">
        <h2 id="lines-title">{t("help.linesTitle")}</h2>
        <IfItFails fallback={<OfflineLines />}>
          <Suspense>
            <CrisisLines offline={<OfflineLines />} />
          </Suspense>
        </IfItFails>
      </section>

      <Card title={t("help.elsewhereTitle")}>
        <p>{t("help.elsewhereBody")}</p>
        <p>
          <Link to="/safety">{t("help.directoryLink")}</Link>
        </p>
        <p>
          <a href={FIND_A_HELPLINE} rel="noreferrer">
            {t("help.elsewhereLink")}
          </a>
        </p>
      </Card>

      <Card title={t("help.peersTitle")} tone="soft">
        <p>{t("help.peersBody")}</p>
      </Card>
    </div>
  );
}

function OfflineLines() {
  const { t } = useTranslation();
  return (
    <div className="stack-small">
      <p>{t("help.offline")}</p>
      <ul className="list-plain stack-small">
        {CRISIS_LINES.map((line) => (
          <li key={line.id}>
            <CrisisLineCard line={line} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function CrisisLineCard({ line }: { line: CrisisLine }) {
  const { t } = useTranslation();
  return (
    <article className="card crisis-line" aria-labelledby={`line-${line.id}`}>
      <h3 id={`line-${line.id}`} className="crisis-line__name">
        {t(`help.${line.id}Name`)}
      </h3>
      <p className="crisis-line__region muted">{t(`help.${line.id}Region`)}</p>
      <p>{t(`help.${line.id}Body`)}</p>
      <div className="cluster">
        <a className="button button--primary" href={`tel:${line.call.tel}`}>
          {t("help.call", { number: line.call.display })}
        </a>
        {line.text && (
          <a className="button button--secondary" href={`sms:${line.text.sms}`}>
            {t("help.text", { number: line.text.display })}
          </a>
        )}
      </div>
      <p className="muted">
        {t("help.source")}:{" "}
        <a href={line.source} rel="noreferrer">
          {new URL(line.source).hostname}
        </a>
      </p>
    </article>
  );
}
