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
		'Paroli var atjaunot tikai administrators. Zvaniet savam vadītājam vai Klātienes administratoram un palūdziet jaunu paroli (administratora lapā: Darbinieki → Jauna parole). Ar jauno paroli piesakieties šeit un izvēlieties jaunu PIN.',
	// The visit as numbered steps (office screen and desk card)
	'guide.stepsTitle': 'Kā pieņemt parakstu',
	'guide.step1': 'Pārbaudiet dokumentu: fotogrāfija atbilst cilvēkam, dokuments nav beidzies, cilvēks ir Latvijas pilsonis.',
	'guide.step2': 'Ierakstiet formā datus tieši tā, kā tie rakstīti dokumentā.',
	'guide.step3': 'Atzīmējiet «Es pārbaudīju dokumentu klātienē…» un spiediet «Atvērt parakstīšanās logu».',
	'guide.step4': 'Pagrieziet ekrānu pret pilsoni. Viņš izvēlas un paraksta pats; jūs neskatāties.',
	'guide.step5': 'Kad pilsonis spiež «Pabeigt», iedodiet kvitanciju (vai ļaujiet to nofotografēt) un spiediet «Gatavs — nākamais apmeklētājs».',
	'guide.documentTitle': 'Ko pārbaudīt dokumentā',
	'guide.documentPassport': 'Latvijas pilsoņa pase: ierakstā «Pilsonība» ir «Latvijas».',
	'guide.documentEid': 'eID karte (personas apliecība): skatieties to pašu ierakstu «Pilsonība».',
	'guide.documentNonCitizen':
		'Nepilsoņa pase ir violeta, uz vāka rakstīts «Nepilsoņa pase». Tās īpašnieks nav pilsonis un parakstīties nevar: pieklājīgi paskaidrojiet to.',
	'guide.documentExpired': 'Dokuments, kam beidzies derīguma termiņš, neder. Vadītāja apliecība neder.',
	'guide.sayTitle': 'Ko teikt pilsonim',
	'guide.sayHandover':
		'Nododot ekrānu: «Tagad ekrāns ir jūsu. Izvēlieties iniciatīvu, izlasiet to un, ja vēlaties, parakstiet. Es neskatos. Kad esat gatavi, spiediet «Pabeigt».»',
	'guide.sayEnd':
		'Beigās: «Šī ir jūsu kvitancija. Ar tās kodu mājās varat pārbaudīt, ka jūsu paraksts ir saskaitīts. Paldies!»',
	'guide.deskCardLink': 'Drukājama galda kartīte',

	// The printable desk card (/kac/card)
	'guide.cardTitle': 'Klātiene: galda kartīte darbiniekam',
	'guide.cardIntro': 'Ja parakstu pieņemat reizi mēnesī, šī lapa palīdzēs. Turiet to pie datora.',
	'guide.cardAccessTitle': 'Ja aizmirsāt PIN vai paroli',
	'guide.cardPin': 'PIN: piesakieties ar lietotājvārdu un paroli, tad izvēlieties jaunu PIN.',
	'guide.cardPassword': 'Parole: to var atjaunot tikai administrators (Darbinieki → Jauna parole).',
	'guide.cardSafe': 'Nenosūtītie ieraksti paliek šajā datorā un netiek zaudēti.',
	'guide.cardPhone': 'Administratora tālrunis:',
	'guide.cardPractice': 'Gribat izmēģināt? Ekrānā «Klientu apkalpošanas centrs» spiediet «Izmēģinājuma apmeklējums». Tas neko nesūta un neskaita.',
	'guide.print': 'Drukāt',
	'guide.backToOffice': 'Atpakaļ uz darba vietu',
	// Practice mode
	'guide.practiceTitle': 'Izmēģinājuma apmeklējums',
	'guide.practiceOffText':
		'Izmēģiniet visu apmeklējumu ar izdomātu personu un izdomātām iniciatīvām. Nekas netiek saglabāts, nosūtīts vai skaitīts.',
	'guide.practiceStart': 'Sākt izmēģinājuma apmeklējumu',
	'guide.practiceOnText': 'Izmēģinājums ir ieslēgts. Tas beigsies pēc viena apmeklējuma.',
	'guide.practiceStop': 'Beigt izmēģinājumu',
	'guide.practiceCount': {
		zero: 'Šajā datorā vēl nav bijis neviena izmēģinājuma.',
		one: 'Šajā datorā bijis {count} izmēģinājuma apmeklējums.',
		other: 'Šajā datorā bijuši {count} izmēģinājuma apmeklējumi.'
	},
	'guide.practiceBanner': 'IZMĒĢINĀJUMS. Šis nav īsts paraksts: nekas netiek saglabāts, nosūtīts vai skaitīts.',
	'guide.practiceSuggest':
		'Izdomāta persona izmēģinājumam: {name}, personas kods {code}, dzimusi {birth}, Latvijas pilsoņa pase {number}.',
	'guide.practiceFill': 'Ierakstīt izdomāto personu'
} satisfies Record<string, Message>;

export type GuideMessageKey = keyof typeof guideLv;
