import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema';

/** What the services that only read and write the database need of the App (the CLI has no more). */
export interface DatabaseApp {
	database: { db: Kysely<Database> };
	now(): number;
}

/**
 * What is wrong with a form or an imported row: field name → a stable problem code. Pages
 * translate the codes (admin.problem.<code>), tests assert them; '_form' is the whole form.
 */
export type Problems = Record<string, string>;

export const FORM = '_form';

export function hasProblems(p: Problems): boolean {
	return Object.keys(p).length > 0;
}

/** Zod's own messages (type errors) become 'invalid'; our codes are lower_snake_case words. */
export function problemCode(message: string): string {
	return /^[a-z][a-z_]*$/.test(message) ? message : 'invalid';
}

/** A value from a form or JSON as trimmed text ('' for anything missing). */
export function text(value: unknown): string {
	if (typeof value === 'string') return value.trim();
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	return '';
}

/** Every text field of a submitted form, trimmed; files and repeated fields ignored. */
export function formValues<K extends string>(data: FormData, fields: readonly K[]): Record<K, string> {
	const out = {} as Record<K, string>;
	for (const f of fields) {
		const v = data.get(f);
		out[f] = typeof v === 'string' ? v.trim() : '';
	}
	return out;
}

/** A whole number typed by a person: '10 000' and '10000' alike; null if it is not one. */
export function parseWholeNumber(value: string): number | null {
	const cleaned = value.replace(/[\s\u00a0\u202f]/g, '');
	if (!/^\d{1,9}$/.test(cleaned)) return null;
	return Number(cleaned);
}
