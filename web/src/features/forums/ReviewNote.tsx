import type { PostReview, ReviewMark } from "@kinship/contracts/safety";
import { type FormEvent, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useErrorText } from "../../app/errors.ts";
import { Button } from "../../ui/Button.tsx";
import { SelectField } from "../../ui/Field.tsx";
import { FormError } from "../../ui/Notice.tsx";
import { useReview } from "./api.ts";

/** A professional's mark on a coping strategy, with its note, in words (never colour alone). */
export function ReviewNote({ review }: { review: PostReview }) {
  const { t } = useTranslation();
  return (
    <aside
      className={`post-review stack-small post-review--${review.mark}`}
      aria-label={t(`safety.review.${review.mark}`)}
    >
      <p>
        <strong>
          {review.mark === "reviewed" ? "✓ " : "⚠ "}
          {t(`safety.review.${review.mark}`)}
        </strong>{" "}
        · {review.by}
      </p>
      <p>{review.note}</p>
    </aside>
  );
}

/** For members with a professional role: mark one post reviewed, or possible misinformation, with a note. */
export function ReviewForm({ threadId, postId }: { threadId: string; postId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const noteId = useId();
  const review = useReview(threadId);
  const [mark, setMark] = useState<ReviewMark>("reviewed");
  const [note, setNote] = useState("");
  const submit = (e: FormEvent) => {
    e.preventDefault();
    review.mutate({ postId, mark, note }, { onSuccess: () => setNote("") });
  };
  return (
    <details className="post-review-form">
      <summary>{t("safety.review.mark")}</summary>
      <form onSubmit={submit} className="stack-small">
        <SelectField
          label={t("safety.review.markLabel")}
          value={mark}
          onChange={(e) => setMark(e.target.value as ReviewMark)}
        >
          <option value="reviewed">{t("safety.review.reviewed")}</option>
          <option value="misinformation">{t("safety.review.misinformation")}</option>
        </SelectField>
        <div className="field">
          <label className="field__label" htmlFor={noteId}>
            {t("safety.review.note")}
          </label>
          <textarea
            id={noteId}
            className="input safety-textarea"
            rows={2}
            maxLength={500}
            required
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </div>
        <FormError message={review.error ? errorText(review.error) : undefined} />
        <Button type="submit" small pending={review.isPending}>
          {t("safety.review.save")}
        </Button>
      </form>
    </details>
  );
}
