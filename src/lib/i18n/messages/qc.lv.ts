/** Latvian messages of the qc pages. */
import type { Message } from './lv';

export const qcLv = {
	'qc.title': 'Kvalitātes kontrole'
} satisfies Record<string, Message>;

export type QcMessageKey = keyof typeof qcLv;
