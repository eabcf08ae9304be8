/**
 * The i18n layer: every string a person reads goes through `t`. Latvian is the source of
 * the keys; English must have every one (the type checker enforces it).
 *
 * On the server the locale of the request comes from a getter the hooks install (it reads
 * AsyncLocalStorage), so concurrent requests in different languages never mix. In the
 * browser it is reactive state, so switching language re-renders every `t(...)` at once.
 */
import { DEFAULT_LOCALE, isLocale, LOCALE_COOKIE, type Locale } from './locale';
import { lv, type Message, type MessageKey as CatalogMessageKey } from './messages/lv';
import { en } from './messages/en';
import type { CitizenMessageKey } from './messages/citizen.lv';
import type { OfficeMessageKey } from './messages/office.lv';
import type { ReceiptCheckMessageKey } from './messages/receipt-check.lv';
import type { AdminMessageKey } from './messages/admin.lv';
import type { QcMessageKey } from './messages/qc.lv';
import type { GuideMessageKey } from './messages/guide.lv';

/**
 * Messages are split by area: the catalog and info point (always here), citizen mode, the
 * clerk's office mode, the public receipt check, the back office, quality control. Only the
 * catalog's are part of this module; each other area is a module that adds its own when a page
 * of that area imports it (`import '$lib/i18n/areas/office'`, in the area's layouts, pages and
 * error pages), so a public page or citizen mode never downloads the back office's texts.
 */
export type MessageKey =
	| CatalogMessageKey
	| CitizenMessageKey
	| OfficeMessageKey
	| ReceiptCheckMessageKey
	| AdminMessageKey
	| QcMessageKey
	| GuideMessageKey;
export type { Locale, Message };

const dictionaries: Record<Locale, Partial<Record<MessageKey, Message>>> = {
	lv: { ...lv },
	en: { ...en }
};

/** Adds an area's messages (both languages); called once by each area module in ./areas. */
export function addMessages<K extends MessageKey>(lvMessages: Record<K, Message>, enMessages: Record<K, Message>) {
	Object.assign(dictionaries.lv, lvMessages);
	Object.assign(dictionaries.en, enMessages);
}

let clientLocale = $state<Locale>(DEFAULT_LOCALE);
let serverLocale: (() => Locale) | null = null;

export function setServerLocaleGetter(getter: () => Locale) {
	serverLocale = getter;
}

export function getLocale(): Locale {
	return serverLocale ? serverLocale() : clientLocale;
}

/** Reads the chosen language in the browser: the cookie, else what the page was rendered in. */
export function initClientLocale() {
	const cookie = document.cookie.match(/(?:^|;\s*)lang=([a-z]+)/)?.[1];
	const fromHtml = document.documentElement.lang;
	clientLocale = isLocale(cookie) ? cookie : isLocale(fromHtml) ? fromHtml : DEFAULT_LOCALE;
	document.documentElement.lang = clientLocale;
}

export function setLocale(locale: Locale) {
	clientLocale = locale;
	document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=31536000; samesite=lax`;
	document.documentElement.lang = locale;
}

export type Params = Record<string, string | number>;

function interpolate(text: string, params?: Params): string {
	if (!params) return text;
	return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

const pluralRules: Record<Locale, Intl.PluralRules> = {
	lv: new Intl.PluralRules('lv'),
	en: new Intl.PluralRules('en')
};

/**
 * Translates a key. Plural messages pick their form from `params.count` with the language's
 * own rules (Latvian has "zero", "one" and "other": 1 diena, 2 dienas, 10 dienu, 21 diena).
 */
export function t(key: MessageKey, params?: Params, locale: Locale = getLocale()): string {
	const message = dictionaries[locale][key] ?? dictionaries.lv[key];
	if (message === undefined) {
		// The page did not import its area's messages: show the key rather than break the page.
		console.error(`i18n: no message for "${key}" (is its area imported?)`);
		return key;
	}
	if (typeof message === 'string') return interpolate(message, params);
	const count = Number(params?.count ?? 0);
	const form = pluralRules[locale].select(count) as keyof typeof message;
	return interpolate(message[form] ?? message.other, params);
}

/** Picks the reader's language from a { lv, en } pair of texts that come with the data. */
export function pick(text: { lv: string; en: string }, locale: Locale = getLocale()): string {
	return text[locale] || text.lv;
}
