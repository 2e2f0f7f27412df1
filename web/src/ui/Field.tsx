import {
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useId,
  useState,
} from "react";
import { useTranslation } from "react-i18next";

interface FieldFrame {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
}

/** Ids and ARIA that tie a control to its hint and error, so screen readers read all three. */
function useFieldIds(hint: unknown, error: unknown, id?: string) {
  const generated = useId();
  const controlId = id ?? generated;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const describedBy = [hint ? hintId : "", error ? errorId : ""].filter(Boolean).join(" ") || undefined;
  return { controlId, hintId, errorId, describedBy };
}

function Frame({
  label,
  hint,
  error,
  ids,
  children,
}: FieldFrame & { ids: ReturnType<typeof useFieldIds>; children: ReactNode }) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={ids.controlId} id={`${ids.controlId}-label`}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={ids.hintId}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={ids.errorId}>
          {error}
        </p>
      )}
      {children}
    </div>
  );
}

type TextFieldProps = FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, "children">;

/** A labelled text input with an optional hint and error. */
export function TextField({ label, hint, error, id, ...input }: TextFieldProps) {
  const ids = useFieldIds(hint, error, id);
  return (
    <Frame label={label} hint={hint} error={error} ids={ids}>
      <input
        {...input}
        id={ids.controlId}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={ids.describedBy}
      />
    </Frame>
  );
}

/**
 * A passphrase input with a show/hide toggle: long passphrases are easier to type when you can see
 * them. Pasting is always allowed (password managers make people safer).
 */
export function PassphraseField({ label, hint, error, id, ...input }: Omit<TextFieldProps, "type">) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  // Announce only after a press, never on first render.
  const [announced, setAnnounced] = useState(false);
  const ids = useFieldIds(hint, error, id);
  return (
    <Frame label={label} hint={hint} error={error} ids={ids}>
      <div className="input-with-toggle">
        <input
          {...input}
          id={ids.controlId}
          type={visible ? "text" : "password"}
          className="input"
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={ids.describedBy}
        />
        <Toggle
          visible={visible}
          controls={ids.controlId}
          onToggle={() => {
            setVisible((v) => !v);
            setAnnounced(true);
          }}
        />
      </div>
      <span className="visually-hidden" aria-live="polite">
        {announced && (visible ? t("auth.passphraseShown") : t("auth.passphraseHidden"))}
      </span>
    </Frame>
  );
}

function Toggle({ visible, controls, onToggle }: { visible: boolean; controls: string; onToggle: () => void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="button button--secondary" aria-controls={controls} onClick={onToggle}>
      {visible ? t("auth.hide") : t("auth.show")}
    </button>
  );
}

type SelectFieldProps = FieldFrame &
  SelectHTMLAttributes<HTMLSelectElement> & {
    /**
     * Ids of other text that describes this select (e.g. which field a visibility select belongs
     * to). A description rather than part of the label, so the label stays short and unique.
     */
    describedByExtra?: string;
  };

/** A labelled native select: the most accessible picker there is on every device. */
export function SelectField({ label, hint, error, id, describedByExtra, children, ...select }: SelectFieldProps) {
  const ids = useFieldIds(hint, error, id);
  return (
    <Frame label={label} hint={hint} error={error} ids={ids}>
      <select
        {...select}
        id={ids.controlId}
        className="select"
        aria-invalid={error ? true : undefined}
        aria-describedby={[describedByExtra, ids.describedBy].filter(Boolean).join(" ") || undefined}
      >
        {children}
      </select>
    </Frame>
  );
}

/** A labelled multi-line text box, tied to its hint and error like ui/Field's inputs. */
export function TextAreaField({
  label,
  hint,
  error,
  ...textarea
}: { label: ReactNode; hint?: ReactNode; error?: string } & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ") || undefined;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
      <textarea
        {...textarea}
        id={id}
        className="input textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
      />
    </div>
  );
}
