import type { Message } from './lv';
import type { AdminMessageKey } from './admin.lv';

export const adminEn: Record<AdminMessageKey, Message> = {
	'admin.title': 'Administration'
};
