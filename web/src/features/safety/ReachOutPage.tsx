import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import { useErrorText } from "../../app/errors.ts";
import { Card } from "../../ui/Card.tsx";
import { CrisisLines } from "../../ui/CrisisLines.tsx";
import { Loading } from "../../ui/Loading.tsx";
import { Notice } from "../../ui/Notice.tsx";
import { PageTitle } from "../../ui/PageTitle.tsx";
import { useConversation, useWrite } from "./api.ts";
import { Conversation } from "./Conversation.tsx";

/** The member's side of a responder's reach-out: read, answer, and the crisis lines beside it. */
export function ReachOutPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const errorText = useErrorText();
  const conversation = useConversation(id);
  const write = useWrite(id);
  if (conversation.isPending) return <Loading />;
  if (conversation.error) return <Notice tone="error">{errorText(conversation.error)}</Notice>;
  return (
    <div className="stack measure">
      <PageTitle intro={t("safety.reachOut.intro")}>{t("safety.reachOut.title")}</PageTitle>
      <Card>
        <Conversation
          items={conversation.data.items}
          empty=""
          canWrite={conversation.data.open}
          label={t("safety.reachOut.reply")}
          pending={write.isPending}
          error={write.error ? errorText(write.error) : undefined}
          onSend={(body, done) => write.mutate(body, { onSuccess: done })}
        />
        {!conversation.data.open && <p className="muted">{t("safety.reachOut.ended")}</p>}
      </Card>
      <section aria-labelledby="reach-lines" className="stack-small">
        <h2 id="reach-lines">{t("safety.lines.title")}</h2>
        <CrisisLines />
      </section>
    </div>
  );
}
