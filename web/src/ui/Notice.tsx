import type { ReactNode } from "react";

type Tone = "info" | "success" | "error";

interface NoticeProps {
  tone?: Tone;
  title?: ReactNode;
  children: ReactNode;
}

/** A message in a soft box. It has words and a title, so colour is never the only signal. */
export function Notice({ tone = "info", title, children }: NoticeProps) {
  return (
    <div className={`notice notice--${tone}`}>
      {title && <p className="notice__title">{title}</p>}
      <div>{children}</div>
    </div>
  );
}

/**
 * A polite live region that is always in the page, so screen readers notice when a message
 * appears in it ("Your profile is saved.").
 */
export function StatusMessage({ message, tone = "success" }: { message?: ReactNode; tone?: Tone }) {
  return (
    <div role="status" aria-live="polite">
      {message ? <Notice tone={tone}>{message}</Notice> : null}
    </div>
  );
}

/** A form-level problem: announced at once, shown where the person is looking. */
export function FormError({ message, title }: { message?: ReactNode; title?: ReactNode }) {
  return (
    <div role="alert">
      {message ? (
        <Notice tone="error" title={title}>
          {message}
        </Notice>
      ) : null}
    </div>
  );
}
