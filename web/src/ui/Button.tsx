import type { ButtonHTMLAttributes, MouseEvent, ReactNode, Ref } from "react";
import { Link, type LinkProps } from "react-router";

type Variant = "primary" | "secondary" | "quiet" | "danger";

const classes = (variant: Variant, small?: boolean, full?: boolean, extra?: string) =>
  ["button", `button--${variant}`, small && "button--small", full && "button--full", extra].filter(Boolean).join(" ");

interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  small?: boolean;
  full?: boolean;
  /** While true the button says `pendingLabel` and ignores presses. */
  pending?: boolean;
  pendingLabel?: ReactNode;
  ref?: Ref<HTMLButtonElement>;
}

/**
 * A button that shows its work. While pending it is aria-disabled rather than disabled, so keyboard
 * focus stays on it instead of being dropped to the top of the page.
 */
export function Button({
  variant = "primary",
  small,
  full,
  pending = false,
  pendingLabel,
  type = "button",
  className,
  onClick,
  children,
  ...rest
}: ButtonProps) {
  const guard = (event: MouseEvent<HTMLButtonElement>) => {
    if (pending) {
      event.preventDefault(); // also stops a form being sent twice with Enter
      return;
    }
    onClick?.(event);
  };
  return (
    <button
      {...rest}
      type={type}
      className={classes(variant, small, full, className)}
      aria-disabled={pending || undefined}
      onClick={guard}
    >
      {pending && <span className="spinner" aria-hidden="true" />}
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}

interface ButtonLinkProps extends LinkProps {
  variant?: Variant;
  small?: boolean;
}

/** A link that looks like a button, for calls to action that go somewhere. */
export function ButtonLink({ variant = "primary", small, className, ...rest }: ButtonLinkProps) {
  return <Link {...rest} className={classes(variant, small, false, className)} />;
}
