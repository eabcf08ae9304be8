/**
 * Every POST outside /api goes to a form action or a form endpoint (the export download), and
 * each reads `request.formData()`. A body that is not a form, or a multipart body that does not
 * parse, made that call throw and the action answer 500. The hook (src/hooks.server.ts) checks
 * the body here first, on a copy, so every action, present and future, gets a readable form or
 * the request is refused: 415 for a body that is not a form, 400 for one that does not parse,
 * 413 for one over the body limit.
 */
const FORM_TYPES = new Set(['multipart/form-data', 'application/x-www-form-urlencoded']);

export type FormBodyProblem = 'not_a_form' | 'unreadable' | 'too_large';

export function mediaTypeOf(request: Request): string {
	return (request.headers.get('content-type') ?? '').split(';', 1)[0].trim().toLowerCase();
}

/** Why this POST's body cannot be read as a form, or null when it can (or it is no POST). */
export async function formBodyProblem(request: Request): Promise<FormBodyProblem | null> {
	if (request.method !== 'POST') return null;
	if (!FORM_TYPES.has(mediaTypeOf(request))) return 'not_a_form';
	try {
		await request.clone().formData();
		return null;
	} catch (e) {
		// adapter-node's BODY_SIZE_LIMIT (512 KB) shows as an error carrying 413.
		return (e as { status?: unknown } | null)?.status === 413 ? 'too_large' : 'unreadable';
	}
}

export const FORM_PROBLEM_STATUS: Record<FormBodyProblem, 400 | 413 | 415> = { not_a_form: 415, unreadable: 400, too_large: 413 };
