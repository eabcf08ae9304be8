/**
 * Demo data for a fresh database: a handful of citizen initiatives and a set of offices
 * (KAC signing points and read-only library information points).
 *
 * The initiatives are invented for the demo; they are not real ManaBalss.lv initiatives.
 * Office names and addresses follow real Latvian places, but phone numbers, e-mail
 * addresses and opening hours are illustrative demo values: check them before any real use.
 *
 * Dates are relative to the moment of seeding (whole days). Municipal goals are demo values
 * of roughly 2 % of the municipality's residents aged 16 or more.
 */
import type { OpeningInterval, WeeklyHours } from '../../src/lib/domain/opening-hours';
import type { MunicipalityCode } from '../../src/lib/domain/municipalities';

export interface DemoInitiative {
	slug: string;
	titleLv: string;
	titleEn: string;
	summaryLv: string;
	summaryEn: string;
	bodyLv: string;
	bodyEn: string;
	scope: 'national' | 'municipal';
	municipality: MunicipalityCode | null;
	status: 'draft' | 'open' | 'closed' | 'submitted';
	opensInDays: number;
	closesInDays: number;
	goal: number;
	onlineSignatures: number;
}

export interface DemoOffice {
	slug: string;
	kind: 'kac' | 'library';
	nameLv: string;
	nameEn: string;
	municipality: MunicipalityCode;
	address: string;
	/** Town-centre coordinates (WGS 84), so the library kiosks can list the nearest offices. */
	lat?: number;
	lon?: number;
	phone: string;
	email: string | null;
	hours: WeeklyHours;
}

// ---------------------------------------------------------------------------------------------
// Initiatives
// ---------------------------------------------------------------------------------------------

export const demoInitiatives: DemoInitiative[] = [
	{
		slug: 'pvn-augliem-un-darzeniem',
		titleLv: 'Samazināt PVN svaigiem augļiem, ogām un dārzeņiem',
		titleEn: 'Lower VAT on fresh fruit, berries and vegetables',
		summaryLv:
			'Mēs aicinām Saeimu noteikt 5 % PVN likmi svaigiem augļiem, ogām un dārzeņiem. Tad veselīga pārtika būtu lētāka visiem.',
		summaryEn:
			'We call on the Saeima to set a 5% VAT rate for fresh fruit, berries and vegetables. Then healthy food would be cheaper for everyone.',
		bodyLv: `## Kāpēc tas ir svarīgi

Pārtikas cenas pēdējos gados ir strauji augušas. Ģimenes ar bērniem un pensionāri bieži taupa tieši uz svaigiem augļiem un dārzeņiem, lai gan tie ir veselīga uztura pamats.

Pievienotās vērtības nodokļa (PVN) standarta likme Latvijā ir 21 %. Samazināta likme svaigiem augļiem, ogām un dārzeņiem palīdzētu gan pircējiem, gan vietējiem audzētājiem.

## Ko mēs ierosinām

- noteikt 5 % PVN likmi svaigiem augļiem, ogām un dārzeņiem;
- saglabāt šo likmi vismaz piecus gadus, lai audzētāji varētu plānot savu darbu;
- katru gadu publiskot pārskatu par to, kā mainījušās cenas veikalos.

Iniciatīvas autori aicina Saeimu grozīt Pievienotās vērtības nodokļa likumu līdz nākamā gada valsts budžeta pieņemšanai.
`,
		bodyEn: `## Why it matters

Food prices have risen sharply in recent years. Families with children and pensioners often save precisely on fresh fruit and vegetables, even though they are the basis of a healthy diet.

The standard rate of value added tax (VAT) in Latvia is 21%. A reduced rate for fresh fruit, berries and vegetables would help both shoppers and local growers.

## What we propose

- set a 5% VAT rate for fresh fruit, berries and vegetables;
- keep this rate for at least five years, so that growers can plan their work;
- publish a report every year on how prices in shops have changed.

The authors of the initiative call on the Saeima to amend the Value Added Tax Law before the next year's state budget is adopted.
`,
		scope: 'national',
		municipality: null,
		status: 'open',
		opensInDays: -90,
		closesInDays: 180,
		goal: 10000,
		onlineSignatures: 6184
	},
	{
		slug: 'bezmaksas-transports-skoleniem',
		titleLv: 'Bezmaksas sabiedriskais transports visiem skolēniem',
		titleEn: 'Free public transport for all pupils',
		summaryLv:
			'Skolēni visā Latvijā varētu bez maksas braukt ar reģionālajiem autobusiem un vilcieniem. Tas palīdzētu ģimenēm, kuras dzīvo tālu no skolas.',
		summaryEn:
			'Pupils all over Latvia could travel free of charge on regional buses and trains. This would help families who live far from school.',
		bodyLv: `## Problēma

Laukos daudzi bērni uz skolu brauc ar reģionālo autobusu vai vilcienu. Biļetes ģimenei katru mēnesi var izmaksāt vairākus desmitus eiro.

Dažas pašvaldības šos braucienus kompensē pilnībā, citas tikai daļēji. Tāpēc bērna iespējas šobrīd ir atkarīgas no tā, kurā novadā viņš dzīvo.

## Ko mēs ierosinām

- visiem vispārizglītojošo un profesionālo skolu audzēkņiem braukt bez maksas reģionālajos autobusos un vilcienos;
- braukšanas tiesības apliecināt ar skolēna apliecību vai e-talonu;
- izdevumus segt no valsts budžeta, nevis no pašvaldību līdzekļiem.

Vienādi noteikumi visā valstī nozīmētu, ka ceļš uz skolu ir vienlīdz pieejams katram bērnam.
`,
		bodyEn: `## The problem

In the countryside, many children travel to school by regional bus or train. Tickets can cost a family several tens of euros every month.

Some municipalities cover these journeys in full, others only in part. So at present a child's opportunities depend on which municipality they live in.

## What we propose

- all pupils of general and vocational schools travel free of charge on regional buses and trains;
- the right to travel free is shown with a pupil's card or an e-ticket;
- the costs are covered by the state budget, not by municipal funds.

The same rules across the country would mean that the way to school is equally accessible to every child.
`,
		scope: 'national',
		municipality: null,
		status: 'open',
		opensInDays: -45,
		closesInDays: 240,
		goal: 10000,
		onlineSignatures: 2317
	},
	{
		slug: 'atvertie-dati-publiskajos-iepirkumos',
		titleLv: 'Visi publiskie iepirkumi — atvērtos datos',
		titleEn: 'All public procurement as open data',
		summaryLv:
			'Valsts un pašvaldību noslēgtie līgumi jāpublicē internetā. Tad ikviens redzēs, kam un par ko maksā no mūsu nodokļiem.',
		summaryEn:
			'Contracts signed by the State and municipalities should be published online. Then everyone will see who is paid, and for what, out of our taxes.',
		bodyLv: `## Kāpēc

Valsts un pašvaldības katru gadu iepirkumos iztērē miljardiem eiro. Daļa informācijas jau ir publiska, taču tā ir izkaisīta dažādās vietnēs, bieži skenētu dokumentu veidā, un to ir grūti salīdzināt.

## Ko mēs prasām

- publicēt visus iepirkumu līgumus, to grozījumus un samaksātos rēķinus vienā vietnē;
- datus sniegt mašīnlasāmā, atvērtā formātā, ko ikviens var brīvi lejupielādēt;
- katram līgumam norādīt summu, piegādātāju, termiņu un faktiski samaksāto naudu.

## Ieguvums

Žurnālisti, pētnieki un ikviens iedzīvotājs varēs pamanīt pārmērīgas cenas un aizdomīgus darījumus. Atklātums stiprina uzticēšanos valstij.
`,
		bodyEn: `## Why

Every year the State and municipalities spend billions of euros through procurement. Part of the information is already public, but it is scattered across different websites, often as scanned documents, and it is hard to compare.

## What we ask for

- publish all procurement contracts, their amendments and the invoices paid on a single website;
- provide the data in a machine-readable, open format that anyone can download freely;
- state for each contract the amount, the supplier, the term and the money actually paid.

## The benefit

Journalists, researchers and every resident will be able to spot excessive prices and suspicious deals. Openness strengthens trust in the State.
`,
		scope: 'national',
		municipality: null,
		status: 'open',
		opensInDays: -115,
		closesInDays: 4,
		goal: 10000,
		onlineSignatures: 9640
	},
	{
		slug: 'drosa-satiksme-pie-skolam',
		titleLv: 'Drošs ceļš uz skolu: 30 km/h pie visām skolām',
		titleEn: 'A safe way to school: 30 km/h near every school',
		summaryLv:
			'Pie skolām un bērnudārziem automašīnām jābrauc ne ātrāk kā 30 km/h. Ja brauc lēnāk, negadījumu ir mazāk un tie ir mazāk bīstami.',
		summaryEn:
			'Near schools and kindergartens, cars should drive no faster than 30 km/h. When cars drive slower, there are fewer accidents and they are less dangerous.',
		bodyLv: `## Kāpēc

Bērni uz ceļa ne vienmēr spēj novērtēt, cik ātri tuvojas automašīna. Ja gājēju notriec ar ātrumu 50 km/h, sekas bieži ir smagas; pie 30 km/h izdzīvošanas iespējas ir daudz lielākas.

Šobrīd ātruma ierobežojumus pie skolām katra pašvaldība nosaka pati, tāpēc situācija dažādās vietās ir ļoti atšķirīga.

## Ko mēs ierosinām

- noteikt 30 km/h ātruma ierobežojumu ielās pie skolu un bērnudārzu ieejām;
- izvietot skaidras ceļa zīmes un apzīmējumus uz brauktuves;
- regulāri kontrolēt ātrumu, īpaši no rīta un pēcpusdienā, kad bērni iet uz skolu un mājās.
`,
		bodyEn: `## Why

Children on the road cannot always judge how fast a car is approaching. If a pedestrian is hit at 50 km/h, the consequences are often serious; at 30 km/h the chances of survival are much higher.

At present each municipality sets its own speed limits near schools, so the situation differs greatly from place to place.

## What we propose

- set a 30 km/h speed limit on streets near the entrances of schools and kindergartens;
- put up clear road signs and markings on the carriageway;
- check speeds regularly, especially in the morning and in the afternoon, when children walk to school and back home.
`,
		scope: 'national',
		municipality: null,
		status: 'submitted',
		opensInDays: -300,
		closesInDays: -60,
		goal: 10000,
		onlineSignatures: 11873
	},
	{
		slug: 'pasta-pakalpojumi-katra-pagasta',
		titleLv: 'Pasta pakalpojumi tuvu mājām katrā pagastā',
		titleEn: 'Postal services close to home in every parish',
		summaryLv:
			'Katrā pagastā jābūt vietai, kur var nosūtīt vēstuli un saņemt paku. Cilvēkiem, īpaši vecākiem, nevajadzētu braukt uz citu pagastu.',
		summaryEn:
			'Every parish should have a place where you can send a letter and collect a parcel. People, especially older people, should not have to travel to another parish.',
		bodyLv: `## Problēma

Pēdējos gados laukos ir slēgtas daudzas pasta nodaļas. Tuvākā nodaļa bieži ir desmitiem kilometru attālumā, bet autobuss turp kursē reti. Visvairāk tas skar vecākus cilvēkus, kuri neizmanto internetu un pakomātus.

## Ko mēs ierosinām

- noteikt, ka katrā pagastā ir vismaz viena vieta, kur saņemt pasta pakalpojumus;
- ļaut pasta pakalpojumus sniegt arī bibliotēkās, klientu apkalpošanas centros un veikalos;
- pirms nodaļas slēgšanas uzklausīt vietējos iedzīvotājus un pašvaldību.

Iniciatīva vēl tiek gatavota, un tās teksts var mainīties.
`,
		bodyEn: `## The problem

In recent years many post offices in the countryside have closed. The nearest one is often tens of kilometres away, and buses go there rarely. This affects older people most, who do not use the internet or parcel lockers.

## What we propose

- require at least one place in every parish where postal services are available;
- allow postal services to be provided also in libraries, customer service centres and shops;
- consult local residents and the municipality before a post office is closed.

The initiative is still being prepared, and its text may change.
`,
		scope: 'national',
		municipality: null,
		status: 'draft',
		opensInDays: 21,
		closesInDays: 386,
		goal: 10000,
		onlineSignatures: 0
	},
	{
		slug: 'dienvidkurzemes-bibliotekas-sestdienas',
		titleLv: 'Dienvidkurzemes novada bibliotēkas atvērtas arī sestdienās',
		titleEn: 'South Kurzeme libraries open on Saturdays too',
		summaryLv:
			'Lielākās novada bibliotēkas būtu atvērtas arī sestdienās. Tad tajās varētu iet arī cilvēki, kuri darba dienās strādā.',
		summaryEn:
			'The larger libraries in the municipality would also open on Saturdays. Then people who work on weekdays could visit them too.',
		bodyLv: `## Kāpēc

Daudzas novada bibliotēkas ir atvērtas tikai darba dienās, parasti līdz pulksten 17 vai 18. Strādājošie, skolēni un cilvēki, kuri brauc uz darbu Liepājā, tās apmeklēt gandrīz nevar.

Bibliotēka laukos nav tikai grāmatu vieta. Tur var izmantot datoru un internetu, izdrukāt dokumentus, saņemt palīdzību e-pakalpojumos un satikt citus cilvēkus.

## Ko mēs ierosinām

- bibliotēkām pilsētās un lielākajos pagastu centros būt atvērtām sestdienās vismaz no 10.00 līdz 14.00;
- to panākt, pārceļot darba laiku, nevis pagarinot darbinieku darba nedēļu;
- pēc gada novērtēt apmeklējumu un lemt, vai turpināt.
`,
		bodyEn: `## Why

Many libraries in the municipality are open only on weekdays, usually until 5 or 6 p.m. Working people, pupils and people who commute to work in Liepāja can hardly visit them.

A library in the countryside is not just a place for books. There you can use a computer and the internet, print documents, get help with e-services and meet other people.

## What we propose

- libraries in towns and in the larger parish centres are open on Saturdays at least from 10:00 to 14:00;
- this is achieved by moving working hours, not by lengthening the staff's working week;
- after one year, attendance is reviewed and a decision is made on whether to continue.
`,
		scope: 'municipal',
		municipality: 'dienvidkurzemes-novads',
		status: 'open',
		opensInDays: -60,
		closesInDays: 120,
		goal: 560,
		onlineSignatures: 412
	},
	{
		slug: 'kekavas-novada-autobuss',
		titleLv: 'Pašvaldības autobuss starp Daugmali, Ķekavu un Baložiem',
		titleEn: 'A municipal bus between Daugmale, Ķekava and Baloži',
		summaryLv:
			'Mēs lūdzam pašvaldību ieviest autobusu, kas vairākas reizes dienā savieno novada ciemus. Tā būtu vieglāk nokļūt skolā, pie ārsta un pašvaldībā.',
		summaryEn:
			'We ask the municipality to introduce a bus that links the villages of the municipality several times a day. That would make it easier to get to school, to the doctor and to the municipal offices.',
		bodyLv: `## Problēma

Lielākā daļa autobusu no novada ciemiem brauc uz Rīgu, bet ne no viena ciema uz otru. Lai no Daugmales nokļūtu Baložos, bieži jābrauc caur Rīgu vai jālūdz kaimiņam, lai aizved.

## Ko mēs ierosinām

- maršrutu Daugmale – Ķekava – Baloži ar pieturām lielākajos ciemos;
- vismaz piecus reisus darba dienās un divus reisus sestdienās;
- skolēniem un senioriem braukt bez maksas vai ar atlaidi.

Maršrutu pašvaldība var organizēt pati vai kopā ar valsts reģionālo sabiedriskā transporta pasūtītāju.
`,
		bodyEn: `## The problem

Most buses from the villages of the municipality go to Riga, but not from one village to another. To get from Daugmale to Baloži, you often have to go through Riga or ask a neighbour for a lift.

## What we propose

- a route Daugmale – Ķekava – Baloži with stops in the larger villages;
- at least five trips on weekdays and two trips on Saturdays;
- free or discounted travel for pupils and seniors.

The municipality can run the route itself or together with the State body that orders regional public transport.
`,
		scope: 'municipal',
		municipality: 'kekavas-novads',
		status: 'closed',
		opensInDays: -130,
		closesInDays: -10,
		goal: 500,
		onlineSignatures: 574
	},
	{
		slug: 'alauksta-ezera-krasts',
		titleLv: 'Saglabāt Alauksta ezera krastu pieejamu visiem',
		titleEn: 'Keep the shore of Lake Alauksts open to everyone',
		summaryLv:
			'Ezera krastā nedrīkst būvēt jaunas mājas un žogus. Krastam jāpaliek brīvam, lai tur var staigāt, peldēties un makšķerēt ikviens.',
		summaryEn:
			'No new houses or fences should be built on the lakeshore. The shore must stay open, so that anyone can walk, swim and fish there.',
		bodyLv: `## Kāpēc

Alauksts ir viens no skaistākajiem Vidzemes ezeriem un Vecpiebalgas lepnums. Ezera krasti ir pievilcīgi būvniecībai, un iedzīvotāji baidās, ka ar laiku piekļuve ūdenim var tikt aizžogota.

Likums jau tagad nosaka, ka gar ezera krastu ir tauvas josla, pa kuru ikviens drīkst brīvi pārvietoties. Mēs vēlamies, lai tā būtu ne tikai uz papīra.

## Ko mēs lūdzam Cēsu novada domei

- teritorijas plānojumā aizliegt jaunu apbūvi 50 metru joslā no ezera krasta;
- pārbaudīt, vai žogi netraucē iet pa tauvas joslu, un prasīt tos noņemt;
- ierīkot vismaz divas publiskas peldvietas ar piebraucamo ceļu.
`,
		bodyEn: `## Why

Alauksts is one of the most beautiful lakes in Vidzeme and the pride of Vecpiebalga. Its shores are attractive for building, and residents fear that in time access to the water may be fenced off.

The law already provides for a towpath strip along the lakeshore, where anyone may move freely. We want this to be more than words on paper.

## What we ask the Cēsis Municipality Council to do

- ban new buildings within 50 metres of the lakeshore in the spatial plan;
- check whether fences block the towpath strip, and require them to be removed;
- create at least two public bathing places with an access road.
`,
		scope: 'municipal',
		municipality: 'cesu-novads',
		status: 'open',
		opensInDays: -12,
		closesInDays: 290,
		goal: 700,
		onlineSignatures: 23
	}
];

// ---------------------------------------------------------------------------------------------
// Offices
// ---------------------------------------------------------------------------------------------

const closed: OpeningInterval[] = [];

/** One working day, optionally with the 12:00–12:30 lunch break usual in small towns. */
function day(from: string, to: string, lunch = false): OpeningInterval[] {
	return lunch
		? [
				{ from, to: '12:00' },
				{ from: '12:30', to }
			]
		: [{ from, to }];
}

/** Typical KAC week: Mon 8–18, Tue–Thu 8–17, Fri 8–16. */
function kacWeek(lunch: boolean): WeeklyHours {
	return [
		day('08:00', '18:00', lunch),
		day('08:00', '17:00', lunch),
		day('08:00', '17:00', lunch),
		day('08:00', '17:00', lunch),
		day('08:00', '16:00', lunch),
		closed,
		closed
	];
}

export const demoOffices: DemoOffice[] = [
	// --- KAC: in-person signing points -------------------------------------------------------
	{
		slug: 'kac-grobina',
		kind: 'kac',
		nameLv: 'Grobiņas valsts un pašvaldības vienotais klientu apkalpošanas centrs',
		nameEn: 'Grobiņa State and Municipal Customer Service Centre',
		municipality: 'dienvidkurzemes-novads',
		address: 'Lielā iela 54, Grobiņa, Dienvidkurzemes nov., LV-3430',
		lat: 56.5358,
		lon: 21.165,
		phone: '+371 6349 0457',
		email: null,
		hours: kacWeek(true)
	},
	{
		slug: 'kac-aizpute',
		kind: 'kac',
		nameLv: 'Aizputes valsts un pašvaldības vienotais klientu apkalpošanas centrs',
		nameEn: 'Aizpute State and Municipal Customer Service Centre',
		municipality: 'dienvidkurzemes-novads',
		address: 'Atmodas iela 12, Aizpute, Dienvidkurzemes nov., LV-3456',
		lat: 56.7209,
		lon: 21.6015,
		phone: '+371 6344 8880',
		email: null,
		hours: kacWeek(true)
	},
	{
		slug: 'kac-kekava',
		kind: 'kac',
		nameLv: 'Ķekavas valsts un pašvaldības vienotais klientu apkalpošanas centrs',
		nameEn: 'Ķekava State and Municipal Customer Service Centre',
		municipality: 'kekavas-novads',
		address: 'Gaismas iela 19 k-9, Ķekava, Ķekavas nov., LV-2123',
		lat: 56.8285,
		lon: 24.2352,
		phone: '+371 6793 7140',
		email: null,
		hours: kacWeek(false)
	},
	{
		// Small parish centre: open three days a week.
		slug: 'kac-vecpiebalga',
		kind: 'kac',
		nameLv: 'Vecpiebalgas valsts un pašvaldības vienotais klientu apkalpošanas centrs',
		nameEn: 'Vecpiebalga State and Municipal Customer Service Centre',
		municipality: 'cesu-novads',
		address: 'Alauksta iela 4, Vecpiebalga, Vecpiebalgas pag., Cēsu nov., LV-4122',
		lat: 57.0596,
		lon: 25.817,
		phone: '+371 6416 1275',
		email: null,
		hours: [
			day('08:00', '17:00', true),
			closed,
			day('08:00', '17:00', true),
			day('08:00', '16:00', true),
			closed,
			closed,
			closed
		]
	},
	{
		slug: 'kac-riga-pils-laukums',
		kind: 'kac',
		nameLv: 'Rīgas valsts un pašvaldības vienotais klientu apkalpošanas centrs Pils laukumā',
		nameEn: 'Riga State and Municipal Customer Service Centre, Pils laukums',
		municipality: 'riga',
		address: 'Pils laukums 4, Rīga, LV-1050',
		lat: 56.951,
		lon: 24.1038,
		phone: '+371 6702 6900',
		email: null,
		hours: [
			day('08:30', '18:00'),
			day('08:30', '17:00'),
			day('08:30', '17:00'),
			day('08:30', '17:00'),
			day('08:30', '16:00'),
			closed,
			closed
		]
	},
	{
		// A neighbourhood centre with long evenings and a short Saturday.
		slug: 'kac-riga-pardaugava',
		kind: 'kac',
		nameLv: 'Rīgas valstspilsētas pašvaldības klientu apkalpošanas centrs Pārdaugavā',
		nameEn: 'Riga City Customer Service Centre, Pārdaugava',
		municipality: 'riga',
		address: 'Eduarda Smiļģa iela 46, Rīga, LV-1002',
		lat: 56.945,
		lon: 24.079,
		phone: '+371 6710 5800',
		email: null,
		hours: [
			day('09:00', '19:00'),
			day('09:00', '19:00'),
			day('09:00', '19:00'),
			day('09:00', '19:00'),
			day('09:00', '16:00'),
			day('10:00', '14:00'),
			closed
		]
	},
	{
		// Open Monday, Wednesday and Thursday only.
		slug: 'kac-sala',
		kind: 'kac',
		nameLv: 'Salas valsts un pašvaldības vienotais klientu apkalpošanas centrs',
		nameEn: 'Sala State and Municipal Customer Service Centre',
		municipality: 'jekabpils-novads',
		address: 'Susējas iela 9, Sala, Salas pag., Jēkabpils nov., LV-5230',
		lat: 56.506,
		lon: 25.749,
		phone: '+371 6526 3012',
		email: null,
		hours: [
			day('08:00', '17:00', true),
			closed,
			day('08:00', '17:00', true),
			day('08:00', '16:00', true),
			closed,
			closed,
			closed
		]
	},
	{
		// Monday to Thursday; closed on Fridays.
		slug: 'kac-dundaga',
		kind: 'kac',
		nameLv: 'Dundagas valsts un pašvaldības vienotais klientu apkalpošanas centrs',
		nameEn: 'Dundaga State and Municipal Customer Service Centre',
		municipality: 'talsu-novads',
		address: 'Pils iela 5-1, Dundaga, Dundagas pag., Talsu nov., LV-3270',
		lat: 57.5085,
		lon: 22.3508,
		phone: '+371 6323 2293',
		email: null,
		hours: [
			day('08:00', '18:00', true),
			day('08:00', '17:00', true),
			day('08:00', '17:00', true),
			day('08:00', '17:00', true),
			closed,
			closed,
			closed
		]
	},
	{
		slug: 'kac-cesis',
		kind: 'kac',
		nameLv: 'Cēsu valsts un pašvaldības vienotais klientu apkalpošanas centrs',
		nameEn: 'Cēsis State and Municipal Customer Service Centre',
		municipality: 'cesu-novads',
		address: 'Raunas iela 4, Cēsis, Cēsu nov., LV-4101',
		lat: 57.3119,
		lon: 25.2707,
		phone: '+371 6416 1800',
		email: null,
		hours: kacWeek(false)
	},
	{
		slug: 'kac-talsi',
		kind: 'kac',
		nameLv: 'Talsu valsts un pašvaldības vienotais klientu apkalpošanas centrs',
		nameEn: 'Talsi State and Municipal Customer Service Centre',
		municipality: 'talsu-novads',
		address: 'Kareivju iela 7, Talsi, Talsu nov., LV-3201',
		lat: 57.2446,
		lon: 22.5888,
		phone: '+371 6323 2110',
		email: null,
		hours: kacWeek(false)
	},
	{
		slug: 'kac-kuldiga',
		kind: 'kac',
		nameLv: 'Kuldīgas valsts un pašvaldības vienotais klientu apkalpošanas centrs',
		nameEn: 'Kuldīga State and Municipal Customer Service Centre',
		municipality: 'kuldigas-novads',
		address: 'Baznīcas iela 1, Kuldīga, Kuldīgas nov., LV-3301',
		lat: 56.9677,
		lon: 21.9681,
		phone: '+371 6332 2469',
		email: null,
		hours: kacWeek(false)
	},
	{
		slug: 'kac-rezekne',
		kind: 'kac',
		nameLv: 'Rēzeknes novada valsts un pašvaldības vienotais klientu apkalpošanas centrs',
		nameEn: 'Rēzekne Municipality State and Municipal Customer Service Centre',
		municipality: 'rezeknes-novads',
		address: 'Atbrīvošanas aleja 95A, Rēzekne, LV-4601',
		lat: 56.5099,
		lon: 27.3332,
		phone: '+371 6460 7180',
		email: null,
		hours: kacWeek(false)
	},

	// --- Libraries: read-only information points ---------------------------------------------
	{
		slug: 'lib-aizpute',
		kind: 'library',
		nameLv: 'Aizputes novada bibliotēka',
		nameEn: 'Aizpute Municipal Library',
		municipality: 'dienvidkurzemes-novads',
		address: 'Atmodas iela 16, Aizpute, Dienvidkurzemes nov., LV-3456',
		lat: 56.7215,
		lon: 21.6008,
		phone: '+371 6344 8595',
		email: null,
		hours: [
			closed,
			day('10:00', '18:00'),
			day('10:00', '18:00'),
			day('10:00', '18:00'),
			day('10:00', '18:00'),
			day('10:00', '15:00'),
			closed
		]
	},
	{
		slug: 'lib-dundaga',
		kind: 'library',
		nameLv: 'Dundagas pagasta bibliotēka',
		nameEn: 'Dundaga Parish Library',
		municipality: 'talsu-novads',
		address: 'Pils iela 5, Dundaga, Dundagas pag., Talsu nov., LV-3270',
		lat: 57.5082,
		lon: 22.3512,
		phone: '+371 6323 2150',
		email: null,
		hours: [
			day('10:00', '18:00', true),
			day('10:00', '18:00', true),
			day('10:00', '18:00', true),
			day('10:00', '18:00', true),
			day('10:00', '17:00', true),
			day('10:00', '14:00'),
			closed
		]
	},
	{
		slug: 'lib-vecpiebalga',
		kind: 'library',
		nameLv: 'Vecpiebalgas bibliotēka',
		nameEn: 'Vecpiebalga Library',
		municipality: 'cesu-novads',
		address: 'Alauksta iela 4, Vecpiebalga, Vecpiebalgas pag., Cēsu nov., LV-4122',
		lat: 57.0601,
		lon: 25.816,
		phone: '+371 6416 1263',
		email: null,
		hours: [
			closed,
			day('09:00', '17:00', true),
			day('09:00', '17:00', true),
			day('09:00', '17:00', true),
			day('09:00', '17:00', true),
			day('10:00', '14:00'),
			closed
		]
	},
	{
		slug: 'lib-latvijas-nacionala-biblioteka',
		kind: 'library',
		nameLv: 'Latvijas Nacionālā bibliotēka',
		nameEn: 'National Library of Latvia',
		municipality: 'riga',
		address: 'Mūkusalas iela 3, Rīga, LV-1423',
		lat: 56.9474,
		lon: 24.0933,
		phone: '+371 6780 6100',
		email: null,
		hours: [
			day('10:00', '20:00'),
			day('10:00', '20:00'),
			day('10:00', '20:00'),
			day('10:00', '20:00'),
			day('10:00', '20:00'),
			day('10:00', '17:00'),
			closed
		]
	}
];
