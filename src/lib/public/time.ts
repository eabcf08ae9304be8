import { rigaDateOf } from '$lib/domain/dates';

/** The Riga calendar date of an instant as 'YYYY-MM-DD', for <time datetime>. */
export function isoOf(epochMs: number): string {
	return rigaDateOf(epochMs);
}

/**
 * A translated sentence split around one placeholder, so the placeholder can be rendered as
 * markup (a <time> element, a link) wherever the language puts it: [before, after].
 */
export function around(text: string): [string, string] {
	const i = text.indexOf(SLOT);
	return i < 0 ? [text, ''] : [text.slice(0, i), text.slice(i + SLOT.length)];
}

/** Pass as the value of the placeholder that `around` splits on. */
export const SLOT = '\u2063slot\u2063';
