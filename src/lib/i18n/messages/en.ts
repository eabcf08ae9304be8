import type { Message, MessageKey } from './lv';

export const en: Record<MessageKey, Message> = {
	'app.name': 'Klātiene',
	'app.tagline': 'Citizen initiatives — sign in person',
	'app.skip': 'Skip to content',
	'nav.main': 'Main navigation',
	'nav.catalog': 'Initiatives',
	'nav.info': 'Information point',
	'nav.receipt': 'Check a receipt',
	'lang.switch': 'Latviešu',
	'lang.switchLabel': 'Pārslēgt uz latviešu valodu',
	'net.online': 'Online',
	'net.offline': 'Offline — showing saved data',
	'catalog.updated': 'Data updated {time}',
	'catalog.neverUpdated': 'No data loaded yet',
	'pwa.update': 'A new version is available.',
	'pwa.reload': 'Reload',
	'pwa.dismiss': 'Later',
	'common.loading': 'Loading…',
	'common.days': { one: '{count} day', other: '{count} days' },
	'error.notFound': 'Page not found',
	'error.notFoundText': 'There is no such page. The link may be out of date.',
	'error.generic': 'Something went wrong',
	'error.backHome': 'Back to the start page'
};
