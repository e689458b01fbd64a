import type { Category } from '@skillway/core';
import { phraseEntry, type PhraseEntry } from './phrase-lexicon';

/**
 * How people say what they need, per category of the directory, in the 11 UI languages and the
 * languages of the listings. Patterns as in phrase-lexicon.ts (`*` any ending, `~` a short case
 * ending). One phrase per line; a trailing `@0.5` marks a weak clue ("work" is said by everyone,
 * "find a job" only by someone who wants job-matching).
 *
 * These are the project's own word lists, written for this directory; they are matched after the
 * text is folded, so accents are optional ("diplome" finds "diplôme").
 */
const NEEDS: Record<Category, string> = {
  'qualification-recognition': `
    recogni* @1
    diploma*
    degree* recogni*
    equivalen*
    nostrifi*
    credential*
    qualification* recogni*
    naric
    regist* nurs* @0.5
    визнан*
    підтвердж* диплом*
    диплом*
    нострифік*
    معادلة
    شهاد*
    اعتراف
    الاعتراف
    معادله
    ارزشیابی
    مدرک*
    reconnaissance
    reconnaitre
    diplome*
    equivalence*
    erkenning
    diplomawaardering
    waardering
    homologa*
    convalida*
    titulo*
    reconocimiento
    riconoscimento
    equipollenz*
    titolo*
    elismer*
    honosit*
    oklevel*
    uznan*
    uznavan*
    priznavanj*
    priznanj*
  `,
  'language-training': `
    learn* @0.5
    aprender @0.5
    apprendre @0.5
    imparare @0.5
    leren @0.5
    tanul* @0.5
    ucit* @0.5
    uciti @0.5
    вивч* @0.5
    تعلم @0.5
    یادگیری @0.5
    language*
    literacy
    alphabetisation
    alfabetizzazione
    alfabetisering
    alfabetizacion
    alfabetizacija
    alfabetizacia
    learn* english
    english course*
    english class*
    esol
    learn* dutch
    learn* spanish
    learn* italian
    learn* hungarian
    learn* slovak
    learn* slovene
    learn* slovenian
    learn* french
    мов~
    мови
    англійськ*
    українськ* мов*
    لغة
    اللغة
    الانجليزية
    الإنجليزية
    انجليزي
    زبان
    کلاس* زبان
    انگلیسی
    langue*
    cours* francais
    apprendre francais
    taal*
    nederlands* leren
    inburgering
    idioma*
    espanol @0.5
    castellano
    lingua
    italiano @0.5
    nyelv*
    magyarul
    jazyk*
    slovencin*
    jezik*
    slovensc*
  `,
  'skills-assessment': `
    skills assess*
    assess* skill*
    skills check*
    skills profile*
    skill* @0.5
    competenc*
    оцін* навич*
    навич* @0.5
    تقييم المهارات
    مهارات @0.5
    ارزیابی مهارت*
    مهارت* @0.5
    bilan competences
    competences @0.5
    competentie*
    vaardighe* @0.5
    evaluacion competencias
    competencias @0.5
    habilidades @0.5
    competenze
    bilancio competenze
    keszseg*
    kompetenci*
    zrucnost*
    spretnost*
    kompetenc*
  `,
  'validation-of-prior-learning': `
    prior learning
    validat* learning
    validat* skill*
    evc
    vae
    validation acquis
    validacion
    validazione
    certificazione competenze
    validacija
  `,
  'vocational-training': `
    training*
    internship*
    tirocini*
    stage*
    stagiair*
    practicas
    gyakornok*
    staz*
    pripravnis*
    стажуван*
    تدريب عملي
    کارآموزی
    vocational*
    apprentice*
    retrain*
    course* @0.5
    навчан*
    професійн* @0.5
    курс* @0.5
    تدريب
    التدريب
    مهني @0.5
    آموزش
    دوره* @0.5
    formation*
    opleiding*
    cursus*
    formacion
    curso* @0.5
    formazione
    corso @0.5
    corsi @0.5
    kepzes*
    tanfolyam*
    kurz* @0.5
    vzdelavan*
    skolen*
    usposabljanj*
    tecaj* @0.5
  `,
  'career-guidance': `
    career*
    guidance
    advice @0.5
    counsel*
    orientation
    карєр*
    кар'єр*
    консультац*
    порад* @0.5
    إرشاد
    توجيه
    استشارة
    مشاوره
    راهنمایی @0.5
    conseil* @0.5
    loopbaan*
    advies @0.5
    begeleiding @0.5
    orientacion
    asesoramiento
    orientamento
    consulenza
    tanacsadas
    palyaorientacio
    poraden*
    karier*
    svetovanj*
    karier*
  `,
  'job-matching': `
    find* job*
    job*
    employment @0.5
    work @0.5
    vacanc*
    placement*
    робот* @0.5
    знайти робот*
    працевлаштув*
    вакансі*
    عمل @0.5
    وظيف*
    شغل
    کار @0.5
    استخدام @0.5
    emploi*
    travail @0.5
    werk @0.5
    baan
    vacature*
    empleo*
    trabajo @0.5
    lavoro @0.5
    impiego
    munka* @0.5
    allas*
    praca @0.5
    pracu @0.5
    zamestnan* @0.5
    delo @0.5
    zaposlitev*
    sluzb* @0.5
  `,
  mentoring: `
    mentor*
    buddy
    coach*
    ментор*
    наставни*
    مرشد
    منتور
    parrain*
    maatje
    tutoria
  `,
  entrepreneurship: `
    start* business*
    business* @0.5
    self employ*
    entrepreneur*
    startup*
    бізнес*
    підприєм*
    власн* справ*
    مشروع
    ريادة
    کسب* کار
    کارآفرین*
    creer entreprise
    ondernem*
    eigen bedrijf
    emprend*
    negocio*
    imprenditor*
    vallalkoz*
    podnik*
    podjetn*
  `,
  'employer-support': `
    employ refugee*
    in dienst nemen
    foglalkoztat*
    zamestnat
    zaposlili
    zaposliti
    hire*
    hiring
    recruit*
    employer*
    right* work
    work permit*
    subsid*
    роботодав*
    найм*
    найня*
    توظيف
    صاحب عمل
    أصحاب العمل
    كارفرما
    کارفرما
    استخدام کن*
    embauch*
    recrut*
    employeur*
    werkgever*
    aannemen
    werven
    subsidie*
    contratar
    empleador*
    subvencion*
    assumere
    datore* lavoro
    assunzion*
    munkaltato*
    zamestnavatel*
    delodajal*
  `,
  information: `
    information*
    rights @0.5
    інформац*
    معلومات
    اطلاعات
    informatie
    informacion
    informazion*
    informacio*
    informaci*
  `,
};

/** One phrase a line; `@0.5` after a phrase gives its weight. */
function phrases<K extends string>(kind: K, value: string, lines: string): PhraseEntry<K>[] {
  return lines
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [phrase, weight] = line.split('@');
      return phraseEntry(kind, value, phrase!, weight ? Number(weight) : 1);
    });
}

export const NEED_PHRASES: readonly PhraseEntry<'need'>[] = (Object.entries(NEEDS) as [Category, string][]).flatMap(
  ([category, lines]) => phrases('need', category, lines),
);

/** Phrases that name asylum seekers: services for them differ (the right to work comes later). */
export const ASYLUM_SEEKER_PHRASES: readonly PhraseEntry<'audience'>[] = phrases(
  'audience',
  'asylum-seekers',
  `
  asylum seeker*
  asylum applicant*
  international protection applicant*
  richiedent* asilo
  demandeur* asile
  demandeuse* asile
  solicitant* asilo
  asielzoeker*
  menedekkero*
  ziadatel* azyl
  prosilc* azil
  шукач* притулку
  طالب* اللجوء
  طالبي اللجوء
  پناهجو*
`,
);

/** Phrases that say the person is an employer ("we want to hire", "our company"). */
export const EMPLOYER_PHRASES: readonly PhraseEntry<'audience'>[] = phrases(
  'audience',
  'employers',
  `
  hire* refugee*
  hiring
  recruit*
  employer*
  our company
  our firm
  our business
  we hire*
  роботодав*
  найня* біженц*
  توظيف اللاجئين
  أصحاب العمل
  کارفرما
  استخدام پناهجو*
  embaucher
  employeur*
  recruter
  werkgever*
  ons bedrijf
  nuestra empresa
  empleador*
  contratar refugiad*
  datore* lavoro
  nostra azienda
  assumere
  munkaltato*
  cegunk*
  zamestnavatel*
  nasa firma
  delodajal*
  nase podjetje
  nas* podjetj*
  v nasem podjetju
  nasa firma
  nasu firmu
`,
);
