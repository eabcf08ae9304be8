/** Field labels per form, for the problem summary's links (same words as the fields). */
import { t } from '$lib/i18n/index.svelte';

export function initiativeLabels(): Record<string, string> {
	return {
		slug: t('admin.initiative.slug'),
		scope: t('admin.initiative.scope'),
		municipality: t('admin.initiative.municipality'),
		titleLv: t('admin.initiative.titleLv'),
		titleEn: t('admin.initiative.titleEn'),
		summaryLv: t('admin.initiative.summaryLv'),
		summaryEn: t('admin.initiative.summaryEn'),
		bodyLv: t('admin.initiative.bodyLv'),
		bodyEn: t('admin.initiative.bodyEn'),
		opens: t('admin.initiative.opens'),
		closes: t('admin.initiative.closes'),
		goal: t('admin.initiative.goal'),
		onlineCount: t('admin.initiative.onlineCount'),
		status: t('admin.initiative.status')
	};
}

export function officeLabels(): Record<string, string> {
	return {
		slug: t('admin.office.slug'),
		kind: t('admin.office.kind'),
		nameLv: t('admin.office.nameLv'),
		nameEn: t('admin.office.nameEn'),
		municipality: t('admin.office.municipality'),
		address: t('admin.office.address'),
		lat: t('admin.office.lat'),
		lon: t('admin.office.lon'),
		phone: t('admin.office.phone'),
		email: t('admin.office.email'),
		mon: t('admin.weekday.mon'),
		tue: t('admin.weekday.tue'),
		wed: t('admin.weekday.wed'),
		thu: t('admin.weekday.thu'),
		fri: t('admin.weekday.fri'),
		sat: t('admin.weekday.sat'),
		sun: t('admin.weekday.sun'),
		closures: t('admin.office.closures'),
		active: t('admin.office.active')
	};
}

export function staffLabels(): Record<string, string> {
	return {
		username: t('admin.staff.username'),
		displayName: t('admin.staff.displayName'),
		role: t('admin.staff.role'),
		office: t('admin.staff.office'),
		password: t('admin.staff.password'),
		staffId: t('admin.staff.role')
	};
}
