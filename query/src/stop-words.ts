import { foldText } from '@skillway/core';

/**
 * Words ignored when matching, folded (no diacritics). One set for all languages: a person's text may
 * mix them, and a word that is a stop word in one language is almost never the only clue in another.
 *
 * Two kinds, because they are ignored in different places:
 * - grammar words ("the", "de", "és") carry nothing anywhere: dropped from labels and from text;
 * - filler words are what people write around their occupation ("I worked as", "looking for a job",
 *   "10 years of experience", "in Syria"). Dropped from the person's text only: in a label they still
 *   count, so that "social work assistant" is not mistaken for a full match of "assistant".
 */
const GRAMMAR_WORDS: Record<string, string> = {
  en: `a an the and or but of in on at to for from with without by as is am are was were be been being
    i me my mine we our you your he she his her they their it its this that these those there here
    have has had do did does done can could would should will shall may might must not no yes very
    also just only so than then too more most some any all other such into about over after before`,
  es: `y o u de del la las el los un una unos unas en con sin por para como que es soy era fui estoy
    he ha han mi mis su sus yo tu nosotros ellos ella este esta estos estas ese esa muy mas tambien`,
  nl: `de het een en of van in op te voor met zonder door als is ben was waren zijn ik mij mijn wij we
    ons onze jij je jouw u uw hij zij ze haar hun dit dat deze die er hier heb heeft had hebben kan
    kunnen wil wilde zou niet geen ook al nog maar dan heel veel`,
  fr: `le la les un une des du de d l et ou en dans sur avec sans par pour comme est suis etais etait
    ai a ont je j me moi mon ma mes nous notre vous votre il elle ils elles son sa ses ce cet cette
    ces qui que ne pas plus tres aussi deja`,
  it: `il lo la i gli le un uno una di del della dei delle da in con su per come e ed o sono ero era
    ho ha hanno io mi me mio mia miei mie noi nostro voi tu lui lei loro suo sua questo questa quello
    quella che non piu molto anche gia`,
  hu: `a az es vagy de is nem egy ez azt ezt hogy mint van vagyok voltam volt vagyunk voltunk en
    mi te ti o ok nekem engem enyem sajat itt ott most mar meg meg csak nagyon`,
  sk: `a aj alebo ale v vo na do z zo s so k ku o od pre pri po za je som bol bola bolo sme ste su
    ja ma mna moj moja moje my vy ty on ona ono oni ich jeho jej tento tato toto ten ta to
    co ze nie uz este len velmi`,
  sl: `in ali ampak v na do iz z s k h o od za pri po je sem sva smo ste so bil bila bilo bili jaz
    mene moj moja moje mi vi ti on ona ono oni njihov njegov njen ta to tisti kar da ne ze se samo zelo`,
  uk: `і й та або але в у на з із зі до від для про як що це цей ця ці я мене мій моя моє мої ми нас наш
    наша ви ваш він вона воно вони їх його її був була було були є бути не так також тут там`,
  fa: `و در به از با برای که این آن من ما شما او آنها را یک هم یا اما تا بر های ها است بود هست نیست`,
  ar: `و في من إلى الى على عن مع أنا انا كنت كان كانت هو هي نحن أنت انت هذا هذه ذلك تلك التي الذي
    لا لم لن قد ثم او أو أي اي كل بعض`,
};

const FILLER_WORDS: Record<string, string> = {
  en: `worked work working works job jobs looking look find want wanted need needs help like
    years year experience experienced now currently formerly used back home country
    hello hi please thanks thank good new qualified trained training degree diploma learn learning
    study studied speak speaks know knows get improve start recognised recognized recognition
    company companies business our us`,
  es: `trabaje trabajo trabajar trabajaba busco buscando quiero queremos necesito necesitamos ayuda anos
    experiencia antes ahora pais hola gracias titulo tengo tiene tienen tenemos somos puedo podemos
    aprender estudiar hablo laboral`,
  nl: `werk werkte werken gewerkt baan zoek zoeken zoekt help hulp nodig jaar jaren ervaring eerder nu
    land hallo dank bedankt diploma leren studeren spreek spreken bedrijf`,
  fr: `travail travaille travaillais emploi cherche chercher besoin aide veux voudrais annee ans
    experience avant maintenant pays bonjour merci diplome faire apprendre etudier parle entreprise
    reconnaitre reconnaissance`,
  it: `lavoro lavorato lavoravo lavorare cerco cercando voglio vorrei vorremmo bisogno aiuto anni anno
    esperienza prima adesso ora paese ciao grazie diploma titolo imparare studiare parlo azienda
    riconoscimento`,
  hu: `dolgoztam dolgozom dolgozni munka munkat allas keresek keresni szeretnek szeretnem kell segitseg
    ev eve evet tapasztalat korabban orszag szia koszonom diploma diplomamat tanulni beszelek ceg
    elismertetni`,
  sk: `pracoval pracovala pracujem praca pracu hladam chcem potrebujem pomoc rok roky rokov skusenosti
    predtym teraz krajina ahoj dakujem diplom ucit ucim studovat hovorim firma`,
  sl: `delal delala delam delo dela sluzba iscem zelim potrebujem pomoc leto leta let izkusnje prej zdaj
    drzava zivjo hvala diploma uciti ucim studirati govorim podjetje`,
  uk: `працював працювала працюю працювати шукаю шукати хочу хотів хотіла хочемо потрібно потрібна
    потрібен допомога допомогти років роки рік досвід раніше зараз країна привіт дякую можна можу`,
  fa: `کردم میکنم می‌کنم میخواهم می‌خواهم دنبال هستم بودم سال سالها تجربه قبلا الان کشور سلام ممنون لطفا`,
  ar: `عمل عملت اعمل أعمل ابحث أبحث وظيفة اريد أريد احتاج أحتاج سنة سنوات خبرة سابقا الآن الان بلد
    مرحبا شكرا`,
  // Who the service is for and what it does: words of the directory's own domain, which say nothing
  // about the person's occupation ("we want to hire refugees" must not find "refuge worker").
  domain: `refugee refugees asylum seeker seekers migrant migrants newcomer newcomers employer employers
    hire hiring recruit recruiting recruitment employ employing staff people person persons service services
    personas persona gente mensen persone personnes gens emberek ludia ludi ljudje osebe
    organisation organization support programme program integration course courses
    vluchteling vluchtelingen asielzoeker asielzoekers nieuwkomer nieuwkomers werkgever werkgevers
    refugiado refugiada refugiados refugiadas solicitante asilo empresa empresas contratar
    rifugiato rifugiata rifugiati richiedente asilo datore datori assumere
    refugie refugiee refugies demandeur demandeurs asile employeur employeurs embaucher recruter
    menekult menekultek menedekkero munkaltato munkaltatok
    utecenec utecenci azyl zamestnavatel zamestnavatelia begunec begunci azil delodajalec delodajalci
    لاجئ لاجئة لاجئين اللاجئين
    free gratis gratuit gratuite gratuito gratuita ingyenes ingyen zadarmo bezplatny bezplatne brezplacen
    brezplacno brezplacni безкоштовний безкоштовна безкоштовні безкоштовно مجاني مجانية رایگان`,
  // Where people come from and where they are, said in passing ("a pharmacist in Syria"); without
  // these a one-letter typo lookup turns "Syria" into "series director".
  places: `syria syrie siria syrien sirio siriano syrian afghanistan afganistan afghan afgano afghane
    ukraine ukrajina ukrajna ucrania ucraina oekraine ukrainian iraq irak iraqi iran iranian eritrea
    eritrean somalia somali sudan sudanese yemen palestine palestina turkey turkije turquia turchia
    libya lebanon jordan egypt ethiopia nigeria congo venezuela colombia pakistan bangladesh russia
    europe europa belgium belgie belgique hungary magyarorszag hungria ireland irlanda italy italia
    netherlands nederland holland spain espana slovakia slovensko slovenia slovenija britain england
    london dublin brussel brussels bruxelles amsterdam rotterdam madrid barcelona rome roma milano
    budapest bratislava ljubljana damascus aleppo kabul kyiv kiev baghdad tehran
    سوريا أفغانستان العراق إيران السودان اليمن فلسطين`,
};

function wordSet(lists: Record<string, string>): Set<string> {
  return new Set(Object.values(lists).flatMap((list) => foldText(list).split(/\s+/).filter(Boolean)));
}

const GRAMMAR: ReadonlySet<string> = wordSet(GRAMMAR_WORDS);
const GRAMMAR_AND_FILLER: ReadonlySet<string> = new Set([...GRAMMAR, ...wordSet(FILLER_WORDS)]);

/** True for words that are dropped from labels (and from text). */
export function isGrammarWord(foldedWord: string): boolean {
  return GRAMMAR.has(foldedWord);
}

const { domain: _domain, places: _places, ...PERSONAL_FILLER } = FILLER_WORDS;
const GRAMMAR_AND_PERSONAL_FILLER: ReadonlySet<string> = new Set([...GRAMMAR, ...wordSet(PERSONAL_FILLER)]);

/**
 * True for words dropped from a search: grammar words and what people say about themselves ("I worked
 * as", "looking for", "years of experience"), but not the directory's domain words or place names,
 * which a listing may well contain ("Ukrainian", "refugees").
 */
export function isSearchFillerWord(foldedWord: string): boolean {
  return GRAMMAR_AND_PERSONAL_FILLER.has(foldedWord);
}

/** True for words that are dropped from a person's text. */
export function isStopWord(foldedWord: string): boolean {
  return GRAMMAR_AND_FILLER.has(foldedWord);
}

/**
 * Words that join two things the person is ("a teacher and a cook"): a label may not match across
 * them, or "cooking teacher" would win. Folded.
 */
export const PHRASE_BREAK_WORDS: ReadonlySet<string> = new Set(
  foldText('and or y e o u és vagy et ou ed ali alebo in en und').split(/\s+/),
);
