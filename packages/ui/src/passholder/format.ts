import type { Language } from '@uitpas/domain';
import { LOCALES } from '../i18n/index.ts';

/** A calendar date (`1985-07-30`) as `30 juli 1985`: no time zone can shift it. */
export function formatDay(day: string | undefined, language: Language): string {
  if (!day) return '';
  const date = new Date(`${day.slice(0, 10)}T12:00:00Z`);
  return Number.isNaN(date.getTime())
    ? day
    : date.toLocaleDateString(LOCALES[language], {
        timeZone: 'UTC',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      });
}

/** An instant as a Brussels date. */
export function formatDate(iso: string | undefined, language: Language): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleDateString(LOCALES[language], {
        timeZone: 'Europe/Brussels',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
      });
}

/** An instant as a Brussels date and time, short. */
export function formatDateTime(iso: string, language: Language): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(LOCALES[language], {
        timeZone: 'Europe/Brussels',
        dateStyle: 'medium',
        timeStyle: 'short',
      });
}

/** "5 minuten geleden": how old data is, in the screen's language. */
export function formatAge(iso: string, language: Language, now: number = Date.now()): string {
  const minutes = Math.max(0, Math.round((now - new Date(iso).getTime()) / 60_000));
  const format = new Intl.RelativeTimeFormat(LOCALES[language], { numeric: 'auto' });
  if (minutes < 120) return format.format(-minutes, 'minute');
  if (minutes < 48 * 60) return format.format(-Math.round(minutes / 60), 'hour');
  return format.format(-Math.round(minutes / 1440), 'day');
}
