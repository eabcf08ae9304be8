/** Latvian messages of the public receipt check (/receipt) and the citizen's report to quality control. */
import type { Message } from './lv';

export const receiptCheckLv = {
	// Public receipt check (/receipt)
	'receiptCheck.title': 'Pārbaudīt kvīti',
	'receiptCheck.intro':
		'Ievadiet kodu no kvīts, ko saņēmāt klientu apkalpošanas centrā. Redzēsiet, kur un kad parakstījāties un vai paraksti ir ieskaitīti. Personas dati šeit netiek rādīti.',
	'receiptCheck.code': 'Kvīts kods',
	'receiptCheck.codeHint': '16 burti un cipari, piemēram, 7K3M-Q9ZD-4TWX-8H2P. Defises un atstarpes nav obligātas.',
	'receiptCheck.submit': 'Pārbaudīt',
	'receiptCheck.checking': 'Pārbauda…',
	'receiptCheck.problem.empty': 'Ierakstiet kvīts kodu.',
	'receiptCheck.problem.length': 'Kvīts kodā jābūt 16 burtiem un cipariem.',
	'receiptCheck.problem.characters': 'Kodā ir rakstzīme, kādas kvīts kodā nav. Salīdziniet ar kvīti.',
	'receiptCheck.problem.check': 'Kods nav pareizs: kāda rakstzīme ir ierakstīta kļūdaini. Salīdziniet ar kvīti.',
	'receiptCheck.notFound': 'Šāda kvīts vēl nav atrodama',
	'receiptCheck.notFoundText':
		'Ja parakstījāties nesen, centra dators, iespējams, bija bez interneta un paraksti vēl nav nosūtīti. Pamēģiniet vēlreiz vēlāk. Ja kods joprojām netiek atrasts, sazinieties ar centru, kurā parakstījāties.',
	'receiptCheck.rateLimited': 'Pārāk daudz pārbaužu īsā laikā. Lūdzu, pamēģiniet vēlreiz pēc {minutes} min.',
	'receiptCheck.offline': 'Neizdevās sazināties ar serveri. Pārbaudiet interneta savienojumu un mēģiniet vēlreiz.',
	'receiptCheck.resultTitle': 'Kvīts atrasta',
	'receiptCheck.office': 'Centrs',
	'receiptCheck.when': 'Datums',
	'receiptCheck.initiatives': 'Parakstītās iniciatīvas',
	'receiptCheck.noSignatures': 'Šajā apmeklējumā netika parakstīta neviena iniciatīva.',
	'receiptCheck.status': 'Statuss',
	'receiptCheck.status.counted': 'Ieskaitīts',
	'receiptCheck.status.duplicate': 'Jau parakstīts agrāk: skaitās pirmais paraksts',
	'receiptCheck.status.rejected': 'Nav ieskaitīts: paraksts neatbilda parakstīšanas noteikumiem',
	'receiptCheck.status.revoked': 'Atsaukts pēc kvalitātes pārbaudes',
	'receiptCheck.status.pending': 'Gaida sinhronizāciju',
	'receiptCheck.pendingNote':
		'Daži paraksti vēl nav apstrādāti: centra dators tos vēl nav nosūtījis. Pamēģiniet vēlāk.',

	// Receipt: "I did not sign this"
	'qc.report.title': 'Es to neparakstīju',
	'qc.report.intro':
		'Ja šajā apmeklējumā jūs neparakstījāt kādu no iniciatīvām (vai nebijāt centrā vispār), paziņojiet mums. Kvalitātes kontrole to pārbaudīs prioritāri.',
	'qc.report.scope': 'Ko jūs paziņojat?',
	'qc.report.wholeVisit': 'Es šajā apmeklējumā neko neparakstīju',
	'qc.report.some': 'Es neparakstīju atsevišķas no šīm iniciatīvām',
	'qc.report.which': 'Kuras iniciatīvas jūs neparakstījāt?',
	'qc.report.submit': 'Turpināt',
	'qc.report.chooseScope': 'Izvēlieties, ko jūs paziņojat.',
	'qc.report.confirmTitle': 'Vai tiešām ziņot?',
	'qc.report.confirmText':
		'ManaBalss kvalitātes kontrole jums piezvanīs (ja centrā norādījāt tālruni) vai pārbaudīs apmeklējumu ar centru. Ja apstiprināsies, ka neparakstījāt, šie paraksti tiks anulēti un netiks skaitīti.',
	'qc.report.confirm': 'Jā, ziņot',
	'qc.report.back': 'Atpakaļ',
	'qc.report.withdrawHint': {
		zero: 'Ja ziņojāt kļūdas pēc, varat to atsaukt {count} minūšu laikā.',
		one: 'Ja ziņojāt kļūdas pēc, varat to atsaukt {count} minūtes laikā.',
		other: 'Ja ziņojāt kļūdas pēc, varat to atsaukt {count} minūšu laikā.'
	},
	'qc.report.withdraw': 'Atsaukt ziņojumu',
	'qc.report.withdrawn': 'Ziņojums atsaukts. Jūsu paraksti paliek spēkā.',
	'qc.report.withdrawTooLate': 'Ziņojumu vairs nevar atsaukt: pagājušas vairāk nekā 10 minūtes. Kvalitātes kontrole ar jums sazināsies.',
	'qc.report.withdrawFailed': 'Ziņojumu atsaukt neizdevās. Pārbaudiet savienojumu un mēģiniet vēlreiz.',
	'qc.report.sending': 'Sūta…',
	'qc.report.chooseOne': 'Atzīmējiet vismaz vienu iniciatīvu.',
	'qc.report.doneTitle': 'Paldies, ziņojums saņemts',
	'qc.report.reference': 'Ziņojuma numurs: {reference}',
	'qc.report.nextCallable':
		'Kas notiks tālāk: kvalitātes kontroles revidents jūsu ziņojumu izskatīs prioritāri un zvanīs uz tālruni, ko norādījāt centrā. Ja apstiprināsies, ka neparakstījāt, šie paraksti tiks atsaukti un šeit būs redzami kā “atsaukts”.',
	'qc.report.nextNoPhone':
		'Kas notiks tālāk: jūs centrā nenorādījāt tālruni kvalitātes kontrolei, tāpēc revidents pārbaudīs apmeklējumu ar centru. Ja apstiprināsies, ka neparakstījāt, paraksti tiks atsaukti un šeit būs redzami kā “atsaukts”.',
	'qc.report.already': 'Šis apmeklējums jau ir paziņots; jūsu ziņojums pievienots tai pašai pārbaudei.',
	'qc.report.failed': 'Ziņojumu nosūtīt neizdevās. Pārbaudiet savienojumu un mēģiniet vēlreiz.',
	'qc.report.invalid': 'Kvīts kods nav derīgs. Pārbaudiet to vēlreiz augšā.',
	'qc.report.bad_initiatives': 'Atzīmētās iniciatīvas nav šajā apmeklējumā.',
	'qc.report.statusOpen': 'Jūs par šo apmeklējumu ziņojāt {date}: pārbaude notiek.',
	'qc.report.statusDone': 'Jūs par šo apmeklējumu ziņojāt {date}: pārbaude pabeigta.'
} satisfies Record<string, Message>;

export type ReceiptCheckMessageKey = keyof typeof receiptCheckLv;
