import { type ReactNode, useId } from "react";

interface CardProps {
  title?: ReactNode;
  /** Heading level of the title, so the page outline stays in order. */
  level?: 2 | 3;
  tone?: "plain" | "soft" | "danger";
  children: ReactNode;
  className?: string;
}

/** A calm box around one topic; with a title it becomes a labelled region. */
export function Card({ title, level = 2, tone = "plain", children, className }: CardProps) {
  const headingId = useId();
  const Heading = level === 2 ? "h2" : "h3";
  const classes = ["card", tone !== "plain" && `card--${tone}`, "stack-small", className].filter(Boolean).join(" ");
  return (
    <section className={classes} aria-labelledby={title ? headingId : undefined}>
      {title && <Heading id={headingId}>{title}</Heading>}
      {children}
    </section>
  );
}
