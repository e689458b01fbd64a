import countries from 'i18n-iso-countries';
import ar from 'i18n-iso-countries/langs/ar.json' with { type: 'json' };
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import es from 'i18n-iso-countries/langs/es.json' with { type: 'json' };
import fa from 'i18n-iso-countries/langs/fa.json' with { type: 'json' };
import fr from 'i18n-iso-countries/langs/fr.json' with { type: 'json' };
import hu from 'i18n-iso-countries/langs/hu.json' with { type: 'json' };
import it from 'i18n-iso-countries/langs/it.json' with { type: 'json' };
import nl from 'i18n-iso-countries/langs/nl.json' with { type: 'json' };
import sk from 'i18n-iso-countries/langs/sk.json' with { type: 'json' };
import sl from 'i18n-iso-countries/langs/sl.json' with { type: 'json' };
import uk from 'i18n-iso-countries/langs/uk.json' with { type: 'json' };
import { COUNTRIES, foldText } from '@skillway/core';
import { phraseEntry, type PhraseEntry } from './phrase-lexicon';

/**
 * Countries and cities named in a query ("in Spain", "в Угорщині", "in Cork").
 *
 * Country names in the 11 UI languages come from i18n-iso-countries (CLDR-based); we add only the
 * everyday names it does not carry (UK, England, Holland ...). Languages that put case endings on
 * names (Ukrainian, Slovak, Slovenian, Hungarian) match the name with up to three more letters.
 *
 * Cities: the places the directory's listings are in and the largest cities of the nine countries,
 * with the exonyms people use in the UI languages. A city says its country (a filter) and is a signal
 * for listings in that city.
 */
const LOCALES = [en, ar, es, fa, fr, hu, it, nl, sk, sl, uk];
for (const locale of LOCALES) countries.registerLocale(locale);

const INFLECTING = new Set(['uk', 'sk', 'sl', 'hu']);
const TARGETS = COUNTRIES.filter((c) => c !== 'EU');

const EXTRA_COUNTRY_NAMES: Record<string, string[]> = {
  GB: [
    'uk',
    'britain',
    'great britain',
    'england',
    'scotland',
    'wales',
    'northern ireland',
    'angleterre',
    'engeland',
    'inglaterra',
    'inghilterra',
    'anglia',
    'англі~',
    'британі~',
    'بريطانيا',
    'انجلترا',
    'إنجلترا',
    'انگلیس',
    'انگلستان',
    'بریتانیا',
  ],
  NL: ['holland', 'the netherlands', 'голланді~', 'هولندا', 'هلند', 'hollandia'],
  BE: ['belgie', 'belgique'],
  SK: ['slovensko', 'slovakia'],
  SI: ['slovenija'],
  IE: ['eire', 'ірланді~'],
};

function namePatterns(name: string, lang: string): string {
  const words = foldText(name)
    .split(/[\s-]+/)
    .filter(Boolean);
  if (!INFLECTING.has(lang) || words.length !== 1) return exact(words.join(' '));
  // Drop a final vowel so the case endings fit: Угорщина -> угорщин~ (Угорщині, Угорщину).
  const word = words[0]!;
  const stem = word.replace(/[aeiouyаеиіїоуюяє]$/u, '');
  return stem.length >= 4 ? `${stem}~` : exact(word);
}

/** Names match as written (or a typo away), never by stem: see phrase-lexicon.ts. */
function exact(phrase: string): string {
  return phrase
    .split(' ')
    .map((w) => (/[~*=]$/.test(w) ? w : `${w}=`))
    .join(' ');
}

function countryEntries(): PhraseEntry<'country'>[] {
  const out: PhraseEntry<'country'>[] = [];
  for (const code of TARGETS) {
    const phrases = new Set<string>();
    for (const lang of ['en', 'ar', 'es', 'fa', 'fr', 'hu', 'it', 'nl', 'sk', 'sl', 'uk']) {
      const names = countries.getName(code, lang, { select: 'all' }) ?? [];
      for (const name of names) phrases.add(namePatterns(name, lang));
    }
    for (const extra of EXTRA_COUNTRY_NAMES[code] ?? []) phrases.add(exact(extra));
    for (const phrase of phrases) if (phrase) out.push(phraseEntry('country', code, phrase));
  }
  return out;
}

/** A city as listings name it, its country, and the other names people give it. */
const CITIES: readonly [city: string, country: string, names: string][] = [
  ['Brussels', 'BE', 'brussels bruxelles brussel bruselas bruselj brusel брюссел~ بروكسل بروکسل'],
  ['Antwerp', 'BE', 'antwerp antwerpen anvers amberes anversa антверпен~'],
  ['Ghent', 'BE', 'ghent gent gand гент~'],
  ['Liège', 'BE', 'liege luik льєж'],
  ['Budapest', 'HU', 'budapest budapestre budapesten будапешт~ بودابست بوداپست'],
  ['Debrecen', 'HU', 'debrecen дебрецен~'],
  ['Dublin', 'IE', 'dublin dublino дублін~ دبلن دوبلین'],
  ['Cork', 'IE', 'cork корк~ كورك'],
  ['Galway', 'IE', 'galway голвей'],
  ['Limerick', 'IE', 'limerick лімерик~'],
  ['Rome', 'IT', 'rome roma rim рим~ روما رم رُم'],
  ['Milan', 'IT', 'milan milano milaan мілан~ ميلانو میلان'],
  ['Turin', 'IT', 'turin torino турин~ تورينو'],
  ['Naples', 'IT', 'naples napoli неапол~ نابولي'],
  ['Bologna', 'IT', 'bologna болонь~'],
  ['Palermo', 'IT', 'palermo палермо'],
  ['Amsterdam', 'NL', 'amsterdam амстердам~ أمستردام امستردام آمستردام'],
  ['Rotterdam', 'NL', 'rotterdam роттердам~ روتردام'],
  ['The Hague', 'NL', 'hague haag gravenhage haye гааг~ لاهاي لاهه'],
  ['Utrecht', 'NL', 'utrecht утрехт~ أوتريخت'],
  ['Eindhoven', 'NL', 'eindhoven ейндговен~'],
  ['Bratislava', 'SK', 'bratislava bratislave pozsony братислав~ براتيسلافا براتیسلاوا'],
  ['Košice', 'SK', 'kosice kosiciach kassa кошиц~'],
  ['Ljubljana', 'SI', 'ljubljana ljubljani любляна~ любляні ليوبليانا لیوبلیانا'],
  ['Maribor', 'SI', 'maribor марибор~'],
  ['Madrid', 'ES', 'madrid мадрид~ مدريد مادرید'],
  ['Barcelona', 'ES', 'barcelona barcelone барселон~ برشلونة بارسلون'],
  ['Valencia', 'ES', 'valencia valence валенсі~ فالنسيا والنسیا'],
  ['Seville', 'ES', 'seville sevilla севіль~ إشبيلية'],
  ['Málaga', 'ES', 'malaga малаг~'],
  ['Bilbao', 'ES', 'bilbao більбао'],
  ['London', 'GB', 'london londres londra londen londyn лондон~ لندن'],
  ['Manchester', 'GB', 'manchester манчестер~ مانشستر منچستر'],
  ['Birmingham', 'GB', 'birmingham бірмінгем~ برمنغهام بیرمنگام'],
  ['Glasgow', 'GB', 'glasgow глазго غلاسكو گلاسگو'],
  ['Edinburgh', 'GB', 'edinburgh edimbourg edimburgo единбург~ إدنبرة ادینبرو'],
  ['Leeds', 'GB', 'leeds лідс~'],
  ['Liverpool', 'GB', 'liverpool ліверпул~ ليفربول'],
  ['Bristol', 'GB', 'bristol брістол~'],
  ['Cardiff', 'GB', 'cardiff кардіфф~ كارديف'],
  ['Belfast', 'GB', 'belfast белфаст~'],
  ['Sheffield', 'GB', 'sheffield шеффілд~'],
  ['Newcastle', 'GB', 'newcastle ньюкасл~'],
  ['Coventry', 'GB', 'coventry ковентрі'],
  ['Lincoln', 'GB', 'lincoln лінкольн~'],
];

export interface CityInfo {
  city: string;
  country: string;
}

export const CITY_COUNTRY: ReadonlyMap<string, CityInfo> = new Map(
  CITIES.map(([city, country]) => [city, { city, country }]),
);

function cityEntries(): PhraseEntry<'city'>[] {
  return CITIES.flatMap(([city, , names]) => names.split(/\s+/).map((name) => phraseEntry('city', city, exact(name))));
}

export const PLACE_PHRASES: readonly PhraseEntry<'country' | 'city'>[] = [...countryEntries(), ...cityEntries()];

/**
 * The language of a country, named in a query ("безкоштовні курси словенської мови", "learn Spanish"):
 * a hint that the person is in, or going to, that country. A boost, not a filter: people learn
 * languages for many reasons. English, French and Dutch are spoken in several of our countries (or
 * everywhere), so they say nothing about a place.
 */
const LANGUAGE_COUNTRY: Record<string, string> = {
  ES: 'spanish español espanol castellano espagnol spaans spagnolo spanyol* spanielc* spansc* іспанськ* الإسبانية الاسبانية اسپانیایی',
  IT: 'italian italiano italien italiaans olasz* talianc* italijansc* італійськ* الإيطالية الايطالية ایتالیایی',
  HU: 'hungarian magyar* hongrois hongaars hungaro ungherese madarc* madzarsc* угорськ* المجرية مجارستانی مجاری',
  SK: 'slovak slovencin* slovaque slowaaks eslovaco slovacco szlovak* slovasc* словацьк* السلوفاكية اسلواکی',
  SI: 'slovene slovenian slovensc* slovenscin* slovenšcin* slovène sloveens esloveno sloveno szloven* slovincin* словенськ* السلوفينية اسلوونیایی',
};

export const LANGUAGE_COUNTRY_PHRASES: readonly PhraseEntry<'country'>[] = Object.entries(LANGUAGE_COUNTRY).flatMap(
  ([country, names]) => names.split(/\s+/).map((name) => phraseEntry('country', country, exact(name), 0.5)),
);
