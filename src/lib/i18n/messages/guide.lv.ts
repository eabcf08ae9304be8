/**
 * Latvian messages for the clerk who does this once a month (issue 19): what to do after a
 * forgotten PIN or password, the visit's steps, the desk card, practice mode.
 */
import type { Message } from './lv';

export const guideLv = {
	// Forgotten PIN or password
	'guide.forgotPin': 'Aizmirsāt PIN?',
	'guide.forgotPinOnline':
		'Piesakieties vēlreiz ar savu lietotājvārdu un paroli (vajadzīgs internets). Pēc tam izvēlēsieties jaunu PIN. Vecais PIN vairs nederēs.',
	'guide.loginAgain': 'Pieteikties ar paroli',
	'guide.forgotPinOffline':
		'Šobrīd nav savienojuma ar serveri, tāpēc jaunu PIN izvēlēties nevar. Zvaniet savam vadītājam vai Klātienes administratoram (tālrunis ir uz galda kartītes). Kad internets atgriezīsies, piesakieties ar paroli.',
	'guide.waitingSafe': {
		zero: 'Šajā datorā nav nenosūtītu ierakstu.',
		one: '{count} nenosūtīts ieraksts ir droši saglabāts šajā datorā. Tas netiks zaudēts un tiks nosūtīts, kad kāds atkal pieteiksies.',
		other:
			'{count} nenosūtīti ieraksti ir droši saglabāti šajā datorā. Tie netiks zaudēti un tiks nosūtīti, kad kāds atkal pieteiksies.'
	},
	'guide.pinLockedTitle': 'PIN ir bloķēts',
	'guide.pinLocked':
		'Pēc 5 nepareiziem mēģinājumiem PIN šajā datorā vairs nedarbojas. Piesakieties ar paroli un izvēlieties jaunu PIN.',
	'guide.forgotPassword': 'Aizmirsāt paroli?',
	'guide.forgotPasswordText':
		'Paroli var atjaunot tikai administrators. Zvaniet savam vadītājam vai Klātienes administratoram un palūdziet jaunu paroli (administratora lapā: Darbinieki → Jauna parole). Ar jauno paroli piesakieties šeit un izvēlieties jaunu PIN.'
} satisfies Record<string, Message>;

export type GuideMessageKey = keyof typeof guideLv;
