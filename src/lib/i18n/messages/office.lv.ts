/** Latvian messages of office mode (/kac), citizen mode and receipts. */
import type { Message } from './lv';

export const officeLv = {
	'office.title': 'Klientu apkalpošanas centrs'
} satisfies Record<string, Message>;

export type OfficeMessageKey = keyof typeof officeLv;
