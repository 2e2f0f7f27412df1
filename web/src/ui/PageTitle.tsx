import { type ReactNode, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "react-router";

// The first page someone opens keeps its natural focus; only later navigations move it.
let firstLocationKey: string | null = null;

interface PageTitleProps {
  children: string;
  intro?: ReactNode;
  /** Shown above the heading, e.g. the section a page belongs to. */
  eyebrow?: ReactNode;
}

/**
 * The page's one h1. It names the browser tab and, after each navigation, takes focus so screen
 * reader and keyboard users start reading at the new page instead of the top of the old one.
 */
export function PageTitle({ children, intro, eyebrow }: PageTitleProps) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  const { key } = useLocation();

  useEffect(() => {
    document.title = t("common.documentTitle", { page: children });
  }, [t, children]);

  useEffect(() => {
    firstLocationKey ??= key;
    if (key === firstLocationKey) return;
    heading.current?.focus();
    // Focus follows navigation (the location key), not every re-render.
  }, [key]);

  return (
    <div className="page-title">
      {eyebrow && <p className="badge badge--accent">{eyebrow}</p>}
      <h1 ref={heading} tabIndex={-1}>
        {children}
      </h1>
      {intro && <p className="page-title__intro">{intro}</p>}
    </div>
  );
}
