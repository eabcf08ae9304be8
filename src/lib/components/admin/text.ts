/**
 * Back-office words for codes that come from the server (problems, statuses, audit actions):
 * each code has its message under a key made from it; an unknown code still reads sensibly.
 */
import { t, type MessageKey, type Params } from '$lib/i18n/index.svelte';
import { adminLv } from '$lib/i18n/messages/admin.lv';

function has(key: string): key is MessageKey {
	return key in adminLv;
}

/** The message of `prefix.code`, or of `fallback` when there is none. */
export function codeText(prefix: string, code: string, fallback: MessageKey, params?: Params): string {
	const key = `${prefix}.${code}`;
	return has(key) ? t(key, params) : t(fallback, { code, ...params });
}

export function problemText(code: string, params?: Params): string {
	return codeText('admin.problem', code, 'admin.problem.invalid', params);
}

/** The problem as a sentence of its own (under a field, or for the whole form). */
export function problemSentence(code: string, params?: Params): string {
	const text = problemText(code, params);
	return text.charAt(0).toUpperCase() + text.slice(1);
}

export function statusText(status: string): string {
	return codeText('admin.status', status, 'admin.status.unknown');
}

export function roleText(role: string): string {
	return codeText('admin.role', role, 'admin.role.unknown');
}

export function actionText(action: string): string {
	return codeText('admin.action', action.replace(/\./g, '_'), 'admin.action.other');
}

export function kindText(kind: string): string {
	return codeText('admin.kind', kind, 'admin.kind.unknown');
}
