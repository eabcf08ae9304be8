/**
 * The back office's words for files (CSV headings, channel and citizenship names) in a chosen
 * language, straight from the admin message dictionaries: server code must not depend on the
 * pages' reactive i18n module.
 */
import { adminEn } from '../../../src/lib/i18n/messages/admin.en';
import { adminLv, type AdminMessageKey } from '../../../src/lib/i18n/messages/admin.lv';
import type { Locale } from '../../../src/lib/domain/format';

export type { Locale };

export function adminText(key: AdminMessageKey, locale: Locale, params?: Record<string, string | number>): string {
	const message = (locale === 'en' ? adminEn : adminLv)[key];
	const text = typeof message === 'string' ? message : message.other;
	if (!params) return text;
	return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function isLocale(x: unknown): x is Locale {
	return x === 'lv' || x === 'en';
}
