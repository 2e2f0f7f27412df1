import type { AlertConversation } from "@kinship/contracts/safety";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../ui/Button.tsx";
import { TextAreaField } from "../../ui/Field.tsx";
import { useDateTime } from "../../ui/format.ts";
import { FormError } from "../../ui/Notice.tsx";

/** The messages of an alert's private conversation, and a box to write in when one may. */
export function Conversation({
  items,
  empty,
  canWrite,
  label,
  pending,
  error,
  onSend,
}: {
  items: AlertConversation["items"];
  empty: string;
  canWrite: boolean;
  label: string;
  pending: boolean;
  error?: string;
  onSend: (body: string, done: () => void) => void;
}) {
  const { t } = useTranslation();
  const when = useDateTime();
  const [body, setBody] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim()) onSend(body, () => setBody(""));
  };
  return (
    <div className="stack-small">
      {items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ol className="list-plain stack-small conversation" aria-live="polite">
          {items.map((m) => (
            <li
              key={m.id}
              className={m.responder ? "conversation__item conversation__item--responder" : "conversation__item"}
            >
              <p className="muted">
                @{m.from}
                {m.responder ? ` · ${t("safety.alert.responder")}` : ""} · {when(m.createdAt)}
              </p>
              <p className="conversation__body">{m.body}</p>
            </li>
          ))}
        </ol>
      )}
      {canWrite && (
        <form onSubmit={submit} className="stack-small">
          <TextAreaField
            rows={3}
            label={label}
            value={body}
            maxLength={2000}
            required
            onChange={(e) => setBody(e.target.value)}
          />
          <FormError message={error} />
          <Button type="submit" pending={pending} pendingLabel={t("safety.alert.sending")}>
            {t("safety.alert.send")}
          </Button>
        </form>
      )}
    </div>
  );
}
