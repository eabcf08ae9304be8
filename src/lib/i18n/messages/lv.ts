/** Latvian: the default language and the source of every message key. */
export type Plural = { zero?: string; one: string; other: string };
export type Message = string | Plural;

export const lv = {
	'app.name': 'Klātiene',
	'app.tagline': 'Pilsoņu iniciatīvas — parakstiet klātienē',
	'app.skip': 'Pāriet uz saturu',
	'nav.main': 'Galvenā navigācija',
	'nav.catalog': 'Iniciatīvas',
	'nav.info': 'Informācijas punkts',
	'nav.receipt': 'Pārbaudīt kvīti',
	'lang.switch': 'English',
	'lang.switchLabel': 'Switch to English',
	'net.online': 'Tiešsaistē',
	'net.offline': 'Bezsaistē — rāda saglabātos datus',
	'catalog.updated': 'Dati atjaunoti {time}',
	'catalog.neverUpdated': 'Dati vēl nav ielādēti',
	'pwa.update': 'Pieejama jauna versija.',
	'pwa.reload': 'Atjaunot',
	'pwa.dismiss': 'Vēlāk',
	'common.loading': 'Ielādē…',
	'common.days': { zero: '{count} dienu', one: '{count} diena', other: '{count} dienas' },
	'error.notFound': 'Lapa nav atrasta',
	'error.notFoundText': 'Šādas lapas nav. Iespējams, saite ir novecojusi.',
	'error.generic': 'Radās kļūda',
	'error.backHome': 'Uz sākumlapu'
} satisfies Record<string, Message>;

export type MessageKey = keyof typeof lv;
