/** Latvian messages of citizen mode (/kac/sign) and the citizen's receipt (/kac/receipt): what the
 * signer reads, loaded on every /kac page. The clerk's own screens are in office.lv.ts. */
import type { Message } from './lv';

export const citizenLv = {
	// Citizen mode (shown in both languages)
	'citizen.pageTitle': 'Parakstīšanās',
	'citizen.brand': 'Parakstīšanās klātienē',
	'citizen.timeLeft': 'Atlikušais laiks',
	'citizen.timeWarning': {
		zero: 'Atlikušas {count} minūtes.',
		one: 'Atlikusi {count} minūte.',
		other: 'Atlikušas {count} minūtes.'
	},
	'citizen.chooseTitle': 'Izvēlieties, ko parakstīt',
	'citizen.signingAs': 'Jūs parakstāties kā',
	'citizen.lead': 'Atveriet iniciatīvu, izlasiet to un, ja vēlaties, parakstiet. Varat parakstīt vairākas vai nevienu.',
	'citizen.open': 'Lasīt un parakstīt',
	'citizen.openSigned': 'Lasīt vēlreiz',
	'citizen.youSigned': 'Jūs šo parakstījāt',
	'citizen.signThis': 'Parakstīt šo iniciatīvu',
	'citizen.backToList': 'Atpakaļ uz sarakstu',
	'citizen.readInEnglish': 'Lasīt angliski',
	'citizen.signedFlash': 'Paldies! Jūs parakstījāt: „{title}”.',
	'citizen.finishHint': {
		zero: 'Parakstītas {count} iniciatīvas. Kad viss izdarīts, spiediet „Pabeigt” ekrāna augšā.',
		one: 'Parakstīta {count} iniciatīva. Kad viss izdarīts, spiediet „Pabeigt” ekrāna augšā.',
		other: 'Parakstītas {count} iniciatīvas. Kad viss izdarīts, spiediet „Pabeigt” ekrāna augšā.'
	},
	'citizen.finishHintNone': 'Neko parakstīt nav obligāti. Kad viss izdarīts, spiediet „Pabeigt” ekrāna augšā.',
	'citizen.signAnother': 'Parakstīt vēl kādu',
	'citizen.textSize': 'Teksta lielums',
	'citizen.textLarger': 'Lielāks teksts',
	'citizen.textSmaller': 'Mazāks teksts',
	'citizen.finish': 'Pabeigt',
	'citizen.reclaim': 'Darbiniekam: atgūt ekrānu',
	'citizen.confirmTitle': 'Apstipriniet parakstu',
	'citizen.statement': 'Es, {name}, parakstu šo iniciatīvu: „{title}”.',
	'citizen.confirmYes': 'Jā, parakstu',
	'citizen.confirmNo': 'Nē, atpakaļ',
	'citizen.reclaimTitle': 'Darbinieka PIN',
	'citizen.reclaimText': 'Ievadot PIN, parakstīšanās beigsies un tiks parādīta kvīts.',
	'citizen.reclaimPin': 'PIN kods',
	// The same texts as the clerk's unlock panel (office.lv.ts), so that citizen mode loads no clerk messages.
	'citizen.reclaimPinRequired': 'Ievadiet PIN.',
	'citizen.reclaimWrongPin': {
		zero: 'Nepareizs PIN. Atlikuši {count} mēģinājumi.',
		one: 'Nepareizs PIN. Atlicis {count} mēģinājums.',
		other: 'Nepareizs PIN. Atlikuši {count} mēģinājumi.'
	},
	'citizen.reclaimSubmit': 'Atgūt ekrānu',
	'citizen.reclaimCancel': 'Atcelt',
	'citizen.noWindow': 'Parakstīšanās laiks nav sākts',
	'citizen.noWindowText':
		'Parakstīties var, kad centra darbinieks ir pārbaudījis jūsu dokumentu. Ja lapa tika pārlādēta, iepriekšējā parakstīšanās ir beigusies.',
	'citizen.backToOffice': 'Uz darba vietu',

	// The receipt
	'receipt.pageTitle': 'Kvīts',
	'receipt.title': 'Kvīts par parakstīšanos',
	'receipt.ended.finished': 'Parakstīšanās pabeigta.',
	'receipt.ended.timeout': 'Parakstīšanās laiks beidzās.',
	'receipt.ended.reclaimed': 'Darbinieks pārtrauca parakstīšanos.',
	'receipt.ended.logout': 'Parakstīšanās beidzās, darbiniekam izejot.',
	'receipt.ended.abandoned': 'Parakstīšanās tika pārtraukta.',
	'receipt.office': 'Centrs',
	'receipt.when': 'Datums un laiks',
	'receipt.signedTitle': {
		zero: 'Parakstītas {count} iniciatīvas',
		one: 'Parakstīta {count} iniciatīva',
		other: 'Parakstītas {count} iniciatīvas'
	},
	'receipt.none': 'Jūs neparakstījāt nevienu iniciatīvu.',
	'receipt.notSigned': 'Iniciatīva „{title}” netika parakstīta: laiks beidzās, pirms jūs to apstiprinājāt.',
	'receipt.code': 'Kvīts kods',
	'receipt.how':
		'Mājās atveriet {url} un ievadiet šo kodu: redzēsiet, ko parakstījāt un vai paraksti ir ieskaitīti.',
	'receipt.privacy': 'Glabājiet kvīti: kods ir vienīgais veids, kā pārbaudīt parakstus. Kvītī nav jūsu personas datu.',
	'receipt.print': 'Drukāt',
	'receipt.written': 'Kods ir pierakstīts',
	'receipt.leaveTitle': 'Kvīts vēl nav izdrukāta',
	'receipt.leaveText': 'Bez kvīts koda mājās nevarēs pārbaudīt, vai paraksti ir ieskaitīti. Izdrukājiet kvīti vai pierakstiet kodu.',
	'receipt.leaveAnyway': 'Aizvērt bez kvīts',
	'receipt.done': 'Gatavs — nākamais apmeklētājs',
	'receipt.noneToShow': 'Nav kvīts, ko parādīt',
	'receipt.unknownOffice': 'Centra nosaukums tiks parādīts pēc pirmās sinhronizācijas',
} satisfies Record<string, Message>;

export type CitizenMessageKey = keyof typeof citizenLv;
