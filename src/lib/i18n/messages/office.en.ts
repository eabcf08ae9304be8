import type { Message } from './lv';
import type { OfficeMessageKey } from './office.lv';

export const officeEn: Record<OfficeMessageKey, Message> = {
	'office.title': 'Customer service centre'
};
