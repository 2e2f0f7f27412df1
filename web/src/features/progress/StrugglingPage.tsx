import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ButtonLink } from "../../ui/Button.tsx";
import { Card } from "../../ui/Card.tsx";
import { CrisisLines } from "../../ui/CrisisLines.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { usePlan, useStruggling } from "./api.ts";
import { PlanView } from "./PlanPage.tsx";

/**
 * "I'm struggling": the member's own plan at once, crisis lines one tap away, and the partners they
 * chose for this are told in-app (the server tells each at most once every few minutes).
 */
export function StrugglingPage() {
  const { t } = useTranslation();
  const plan = usePlan();
  const struggling = useStruggling();
  const { mutate } = struggling;
  const asked = useRef(false);
  useEffect(() => {
    if (asked.current) return;
    asked.current = true;
    mutate();
  }, [mutate]);

  const current = struggling.data?.plan ?? plan.data;
  const notified = struggling.data?.notified ?? 0;
  return (
    <div className="stack measure">
      <PageTitle intro={t("progress.struggling.intro")}>{t("progress.struggling.title")}</PageTitle>
      <section className="card stack-small" aria-labelledby="struggling-lines">
        <h2 id="struggling-lines">{t("progress.struggling.crisisTitle")}</h2>
        <p>{t("progress.struggling.crisisBody")}</p>
        <CrisisLines />
        <p>
          <ButtonLink to="/help" variant="secondary">
            {t("progress.struggling.crisisLink")}
          </ButtonLink>
        </p>
      </section>
      <div role="status">
        {struggling.isSuccess && (
          <p>
            {notified > 0 ? t("progress.struggling.told", { count: notified }) : t("progress.struggling.noOneChosen")}{" "}
            {notified === 0 && <Link to="/progress/partners">{t("progress.struggling.choosePeople")}</Link>}
          </p>
        )}
      </div>
      <Card title={t("progress.struggling.planTitle")}>
        {!current ? (
          <Loading />
        ) : (
          <>
            <PlanView plan={current} level={3} />
            <p>
              <Link to="/progress/plan">{t("progress.struggling.editPlan")}</Link>
            </p>
          </>
        )}
      </Card>
      <Card title={t("progress.struggling.nowTitle")} tone="soft">
        <ul className="bullets">
          <li>{t("progress.struggling.now1")}</li>
          <li>{t("progress.struggling.now2")}</li>
          <li>{t("progress.struggling.now3")}</li>
        </ul>
      </Card>
    </div>
  );
}
