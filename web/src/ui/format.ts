import { useMemo } from "react";
import { useTranslation } from "react-i18next";

/** Formats ISO instants as a date and time in the reader's language and the device's time zone. */
export function useDateTime() {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: "medium", timeStyle: "short" });
    return (iso: string) => {
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.format(date);
    };
  }, [i18n.language]);
}
