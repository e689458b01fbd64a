import {
  AUDIENCES,
  CATEGORIES,
  COSTS,
  DELIVERY_MODES,
  KINDS,
  UI_LANGUAGES,
  type Audience,
  type Category,
  type Cost,
  type Delivery,
  type Kind,
  type UiLanguage,
} from './vocabularies';

/**
 * Display labels of the controlled vocabularies in every UI language. The API's /taxonomy serves them
 * and the web app imports this file for server-rendered fallbacks, so it must stay browser-safe (no
 * Node imports). Countries and languages come from Intl.DisplayNames instead of a table: every
 * runtime we target carries full ICU data, and its names are better than anything we would type.
 *
 * Wording: short noun phrases as a person looking for help would search for them (a filter label, a
 * badge), using the established term of the field where a country has one (EVC in Dutch, bilan de
 * compétences in French, معادلة الشهادات in Arabic).
 */
export interface VocabularyLabels {
  categories: Record<Category, string>;
  audiences: Record<Audience, string>;
  kinds: Record<Kind, string>;
  costs: Record<Cost, string>;
  delivery: Record<Delivery, string>;
}
export type LabelledVocabulary = keyof VocabularyLabels;

export const VOCABULARY_VALUES = {
  categories: CATEGORIES,
  audiences: AUDIENCES,
  kinds: KINDS,
  costs: COSTS,
  delivery: DELIVERY_MODES,
} as const satisfies { [V in LabelledVocabulary]: readonly (keyof VocabularyLabels[V])[] };

export const VOCABULARY_LABELS: Record<UiLanguage, VocabularyLabels> = {
  en: {
    categories: {
      'skills-assessment': 'Skills assessment',
      'validation-of-prior-learning': 'Validation of prior learning',
      'qualification-recognition': 'Recognition of qualifications',
      'language-training': 'Language courses',
      'vocational-training': 'Vocational training',
      'career-guidance': 'Career guidance',
      'job-matching': 'Job matching',
      mentoring: 'Mentoring',
      entrepreneurship: 'Starting a business',
      'employer-support': 'Support for employers',
      information: 'Information and advice',
    },
    audiences: {
      refugees: 'Refugees',
      'asylum-seekers': 'Asylum seekers',
      employers: 'Employers',
      'service-providers': 'Service providers',
    },
    kinds: { organisation: 'Organisation', service: 'Service', initiative: 'Initiative' },
    costs: { free: 'Free', fee: 'Paid', unknown: 'Cost not known' },
    delivery: { 'in-person': 'In person', online: 'Online' },
  },
  nl: {
    categories: {
      'skills-assessment': 'Vaardigheden in kaart brengen',
      'validation-of-prior-learning': 'Erkenning van verworven competenties (EVC)',
      'qualification-recognition': "Erkenning van diploma's",
      'language-training': 'Taalcursussen',
      'vocational-training': 'Beroepsopleiding',
      'career-guidance': 'Loopbaanbegeleiding',
      'job-matching': 'Bemiddeling naar werk',
      mentoring: 'Mentoring',
      entrepreneurship: 'Een eigen bedrijf starten',
      'employer-support': 'Ondersteuning voor werkgevers',
      information: 'Informatie en advies',
    },
    audiences: {
      refugees: 'Vluchtelingen',
      'asylum-seekers': 'Asielzoekers',
      employers: 'Werkgevers',
      'service-providers': 'Hulp- en dienstverleners',
    },
    kinds: { organisation: 'Organisatie', service: 'Dienst', initiative: 'Initiatief' },
    costs: { free: 'Gratis', fee: 'Betaald', unknown: 'Kosten onbekend' },
    delivery: { 'in-person': 'Op locatie', online: 'Online' },
  },
  fr: {
    categories: {
      'skills-assessment': 'Bilan de compétences',
      'validation-of-prior-learning': "Validation des acquis de l'expérience",
      'qualification-recognition': 'Reconnaissance des diplômes',
      'language-training': 'Cours de langue',
      'vocational-training': 'Formation professionnelle',
      'career-guidance': 'Orientation professionnelle',
      'job-matching': "Mise en relation avec l'emploi",
      mentoring: 'Mentorat',
      entrepreneurship: "Création d'entreprise",
      'employer-support': 'Accompagnement des employeurs',
      information: 'Information et conseil',
    },
    audiences: {
      refugees: 'Réfugiés',
      'asylum-seekers': "Demandeurs d'asile",
      employers: 'Employeurs',
      'service-providers': "Structures d'accompagnement",
    },
    kinds: { organisation: 'Organisation', service: 'Service', initiative: 'Initiative' },
    costs: { free: 'Gratuit', fee: 'Payant', unknown: 'Coût non précisé' },
    delivery: { 'in-person': 'En présentiel', online: 'En ligne' },
  },
  hu: {
    categories: {
      'skills-assessment': 'Kompetenciafelmérés',
      'validation-of-prior-learning': 'Előzetes tudás elismerése',
      'qualification-recognition': 'Végzettségek elismerése',
      'language-training': 'Nyelvtanfolyamok',
      'vocational-training': 'Szakképzés',
      'career-guidance': 'Pályatanácsadás',
      'job-matching': 'Állásközvetítés',
      mentoring: 'Mentorálás',
      entrepreneurship: 'Vállalkozásindítás',
      'employer-support': 'Munkáltatók támogatása',
      information: 'Tájékoztatás és tanácsadás',
    },
    audiences: {
      refugees: 'Menekültek',
      'asylum-seekers': 'Menedékkérők',
      employers: 'Munkáltatók',
      'service-providers': 'Szolgáltatók',
    },
    kinds: { organisation: 'Szervezet', service: 'Szolgáltatás', initiative: 'Kezdeményezés' },
    costs: { free: 'Ingyenes', fee: 'Fizetős', unknown: 'A költség nem ismert' },
    delivery: { 'in-person': 'Személyesen', online: 'Online' },
  },
  it: {
    categories: {
      'skills-assessment': 'Bilancio delle competenze',
      'validation-of-prior-learning': 'Validazione degli apprendimenti pregressi',
      'qualification-recognition': 'Riconoscimento dei titoli di studio',
      'language-training': 'Corsi di lingua',
      'vocational-training': 'Formazione professionale',
      'career-guidance': 'Orientamento professionale',
      'job-matching': 'Incontro tra domanda e offerta di lavoro',
      mentoring: 'Mentoring',
      entrepreneurship: "Avvio d'impresa",
      'employer-support': 'Supporto ai datori di lavoro',
      information: 'Informazione e consulenza',
    },
    audiences: {
      refugees: 'Rifugiati',
      'asylum-seekers': 'Richiedenti asilo',
      employers: 'Datori di lavoro',
      'service-providers': 'Enti e operatori',
    },
    kinds: { organisation: 'Organizzazione', service: 'Servizio', initiative: 'Iniziativa' },
    costs: { free: 'Gratuito', fee: 'A pagamento', unknown: 'Costo non indicato' },
    delivery: { 'in-person': 'In presenza', online: 'Online' },
  },
  sk: {
    categories: {
      'skills-assessment': 'Hodnotenie zručností',
      'validation-of-prior-learning': 'Uznávanie predchádzajúceho vzdelávania',
      'qualification-recognition': 'Uznávanie dokladov o vzdelaní',
      'language-training': 'Jazykové kurzy',
      'vocational-training': 'Odborné vzdelávanie',
      'career-guidance': 'Kariérové poradenstvo',
      'job-matching': 'Sprostredkovanie zamestnania',
      mentoring: 'Mentoring',
      entrepreneurship: 'Začatie podnikania',
      'employer-support': 'Podpora zamestnávateľov',
      information: 'Informácie a poradenstvo',
    },
    audiences: {
      refugees: 'Utečenci',
      'asylum-seekers': 'Žiadatelia o azyl',
      employers: 'Zamestnávatelia',
      'service-providers': 'Poskytovatelia služieb',
    },
    kinds: { organisation: 'Organizácia', service: 'Služba', initiative: 'Iniciatíva' },
    costs: { free: 'Bezplatné', fee: 'Platené', unknown: 'Cena neuvedená' },
    delivery: { 'in-person': 'Prezenčne', online: 'Online' },
  },
  sl: {
    categories: {
      'skills-assessment': 'Ugotavljanje spretnosti',
      'validation-of-prior-learning': 'Priznavanje predhodno pridobljenega znanja',
      'qualification-recognition': 'Priznavanje izobrazbe',
      'language-training': 'Jezikovni tečaji',
      'vocational-training': 'Poklicno usposabljanje',
      'career-guidance': 'Karierno svetovanje',
      'job-matching': 'Posredovanje zaposlitve',
      mentoring: 'Mentorstvo',
      entrepreneurship: 'Ustanovitev podjetja',
      'employer-support': 'Podpora delodajalcem',
      information: 'Informiranje in svetovanje',
    },
    audiences: {
      refugees: 'Begunci',
      'asylum-seekers': 'Prosilci za mednarodno zaščito',
      employers: 'Delodajalci',
      'service-providers': 'Izvajalci storitev',
    },
    kinds: { organisation: 'Organizacija', service: 'Storitev', initiative: 'Pobuda' },
    costs: { free: 'Brezplačno', fee: 'Plačljivo', unknown: 'Cena ni znana' },
    delivery: { 'in-person': 'V živo', online: 'Na spletu' },
  },
  es: {
    categories: {
      'skills-assessment': 'Evaluación de competencias',
      'validation-of-prior-learning': 'Acreditación de competencias adquiridas',
      'qualification-recognition': 'Homologación de títulos',
      'language-training': 'Cursos de idiomas',
      'vocational-training': 'Formación profesional',
      'career-guidance': 'Orientación laboral',
      'job-matching': 'Intermediación laboral',
      mentoring: 'Mentoría',
      entrepreneurship: 'Emprendimiento',
      'employer-support': 'Apoyo a empresas',
      information: 'Información y asesoramiento',
    },
    audiences: {
      refugees: 'Personas refugiadas',
      'asylum-seekers': 'Solicitantes de asilo',
      employers: 'Empresas',
      'service-providers': 'Entidades y profesionales',
    },
    kinds: { organisation: 'Organización', service: 'Servicio', initiative: 'Iniciativa' },
    costs: { free: 'Gratuito', fee: 'De pago', unknown: 'Coste no indicado' },
    delivery: { 'in-person': 'Presencial', online: 'En línea' },
  },
  ar: {
    categories: {
      'skills-assessment': 'تقييم المهارات',
      'validation-of-prior-learning': 'الاعتراف بالتعلم السابق',
      'qualification-recognition': 'معادلة الشهادات',
      'language-training': 'دورات اللغة',
      'vocational-training': 'التدريب المهني',
      'career-guidance': 'الإرشاد المهني',
      'job-matching': 'الوساطة في التوظيف',
      mentoring: 'التوجيه الفردي',
      entrepreneurship: 'ريادة الأعمال',
      'employer-support': 'دعم أصحاب العمل',
      information: 'معلومات واستشارات',
    },
    audiences: {
      refugees: 'اللاجئون',
      'asylum-seekers': 'طالبو اللجوء',
      employers: 'أصحاب العمل',
      'service-providers': 'مقدمو الخدمات',
    },
    kinds: { organisation: 'منظمة', service: 'خدمة', initiative: 'مبادرة' },
    costs: { free: 'مجاني', fee: 'مدفوع', unknown: 'التكلفة غير معروفة' },
    delivery: { 'in-person': 'حضوري', online: 'عبر الإنترنت' },
  },
  fa: {
    categories: {
      'skills-assessment': 'ارزیابی مهارت‌ها',
      'validation-of-prior-learning': 'تأیید آموخته‌های پیشین',
      'qualification-recognition': 'ارزشیابی مدارک تحصیلی',
      'language-training': 'کلاس‌های زبان',
      'vocational-training': 'آموزش فنی و حرفه‌ای',
      'career-guidance': 'مشاوره شغلی',
      'job-matching': 'کاریابی',
      mentoring: 'راهنمایی فردی (منتورینگ)',
      entrepreneurship: 'راه‌اندازی کسب‌وکار',
      'employer-support': 'پشتیبانی از کارفرمایان',
      information: 'اطلاعات و مشاوره',
    },
    audiences: {
      refugees: 'پناهندگان',
      'asylum-seekers': 'پناه‌جویان',
      employers: 'کارفرمایان',
      'service-providers': 'ارائه‌دهندگان خدمات',
    },
    kinds: { organisation: 'سازمان', service: 'خدمت', initiative: 'طرح' },
    costs: { free: 'رایگان', fee: 'با هزینه', unknown: 'هزینه نامشخص' },
    delivery: { 'in-person': 'حضوری', online: 'آنلاین' },
  },
  uk: {
    categories: {
      'skills-assessment': 'Оцінювання навичок',
      'validation-of-prior-learning': 'Визнання попереднього навчання',
      'qualification-recognition': 'Визнання дипломів',
      'language-training': 'Мовні курси',
      'vocational-training': 'Професійне навчання',
      'career-guidance': 'Профорієнтація',
      'job-matching': 'Пошук роботи та працевлаштування',
      mentoring: 'Менторство',
      entrepreneurship: 'Започаткування бізнесу',
      'employer-support': 'Підтримка роботодавців',
      information: 'Інформація та консультації',
    },
    audiences: {
      refugees: 'Біженці',
      'asylum-seekers': 'Шукачі притулку',
      employers: 'Роботодавці',
      'service-providers': 'Надавачі послуг',
    },
    kinds: { organisation: 'Організація', service: 'Послуга', initiative: 'Ініціатива' },
    costs: { free: 'Безкоштовно', fee: 'Платно', unknown: 'Вартість невідома' },
    delivery: { 'in-person': 'Очно', online: 'Онлайн' },
  },
};

export function isUiLanguage(lang: string): lang is UiLanguage {
  return (UI_LANGUAGES as readonly string[]).includes(lang);
}

/** The label of a vocabulary value in `lang`, or in English when `lang` is not a UI language. */
export function vocabularyLabel<V extends LabelledVocabulary>(
  vocabulary: V,
  value: keyof VocabularyLabels[V],
  lang: string,
): string {
  const labels = VOCABULARY_LABELS[isUiLanguage(lang) ? lang : 'en'][vocabulary];
  return labels[value] as string;
}

const displayNames = new Map<string, Intl.DisplayNames | null>();

function namesFor(lang: string, type: 'region' | 'language'): Intl.DisplayNames | null {
  const key = `${type}:${lang}`;
  let names = displayNames.get(key);
  if (names === undefined) {
    try {
      // fallback 'none' makes an unknown code come back undefined instead of echoed, so we can fall back.
      names = new Intl.DisplayNames([lang, 'en'], { type, fallback: 'none' });
    } catch {
      names = null; // a runtime without Intl.DisplayNames or without this locale
    }
    displayNames.set(key, names);
  }
  return names;
}

function displayName(code: string, lang: string, type: 'region' | 'language'): string {
  const name = namesFor(lang, type)?.of(code) ?? namesFor('en', type)?.of(code);
  if (!name) return code;
  // ICU gives language names in lower case in most languages ("kurde"); labels start a line or a chip.
  return name.charAt(0).toLocaleUpperCase(lang) + name.slice(1);
}

/** "IE" -> "Ireland" / "Irlande"; "EU" -> "European Union". Falls back to English, then to the code. */
export function countryLabel(code: string, lang: string): string {
  return displayName(code, lang, 'region');
}

/** "ar" -> "Arabic" / "Arabe". Falls back to English, then to the code. */
export function languageLabel(code: string, lang: string): string {
  return displayName(code, lang, 'language');
}
