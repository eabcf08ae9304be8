export const LOCALES = ['lv', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'lv';
export const LOCALE_COOKIE = 'lang';

export function isLocale(v: unknown): v is Locale {
	return v === 'lv' || v === 'en';
}

export function localeFromCookie(value: string | undefined | null): Locale {
	return isLocale(value) ? value : DEFAULT_LOCALE;
}
