import type { Message } from './lv';
import type { QcMessageKey } from './qc.lv';

export const qcEn: Record<QcMessageKey, Message> = {
	'qc.title': 'Quality control'
};
