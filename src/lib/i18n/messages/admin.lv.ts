/** Latvian messages of the admin pages. */
import type { Message } from './lv';

export const adminLv = {
	'admin.title': 'Administrēšana'
} satisfies Record<string, Message>;

export type AdminMessageKey = keyof typeof adminLv;
