/**
 * Word lists for the synthetic summaries, one entry per language the directory's countries write in.
 * Category and audience names come from core's VOCABULARY_LABELS; these frames only join them, so a
 * Hungarian summary reads like "Budapest: pályatanácsadás és szakképzés menekültek számára." and the
 * search index sees the stems, accents and word orders of each language, not English everywhere.
 *
 * Slots: {what} and {what2} (category labels), {who} (audience labels), {where} (a city or a country
 * name), {occ} (an ESCO/ISCO occupation label in the same language).
 */
export const SUMMARY_LANGUAGES = ['en', 'nl', 'fr', 'es', 'it', 'hu', 'sk', 'sl'] as const;
export type SummaryLanguage = (typeof SUMMARY_LANGUAGES)[number];

export interface SummaryFrames {
  /** the first sentence: what is offered, to whom, where */
  opening: readonly string[];
  /** a sentence naming an occupation, for listings that target one */
  occupation: readonly string[];
  /** closing remarks that many real listings carry */
  closing: readonly string[];
  /** joins two audience names */
  and: string;
}

export const SUMMARY_FRAMES: Record<SummaryLanguage, SummaryFrames> = {
  en: {
    opening: [
      '{where}: {what} and {what2} for {who}.',
      'Offers {what} for {who} in {where}.',
      'Helps {who} with {what}, in person and online.',
    ],
    occupation: ['For people who worked as {occ}: {what}.', 'Also open to qualified {occ} looking for work.'],
    closing: [
      'Appointments are free of charge.',
      'Interpreters can be arranged.',
      'Run together with local employers and municipalities.',
    ],
    and: 'and',
  },
  nl: {
    opening: [
      '{where}: {what} en {what2} voor {who}.',
      'Biedt {what} voor {who} in {where}.',
      'Helpt {who} bij {what}, op locatie en online.',
    ],
    occupation: ['Voor wie werkte als {occ}: {what}.', 'Ook voor gediplomeerde {occ} die werk zoeken.'],
    closing: [
      'Afspraken zijn gratis.',
      'Er kan een tolk worden geregeld.',
      'Samen met werkgevers en gemeenten in de regio.',
    ],
    and: 'en',
  },
  fr: {
    opening: [
      '{where} : {what} et {what2} pour {who}.',
      'Propose {what} pour {who} ({where}).',
      'Aide {who} : {what}, en présentiel et en ligne.',
    ],
    occupation: [
      'Pour les personnes ayant travaillé comme {occ} : {what}.',
      'Ouvert aussi aux {occ} diplômés qui cherchent un emploi.',
    ],
    closing: [
      'Les rendez-vous sont gratuits.',
      'Un interprète peut être prévu.',
      'En partenariat avec des employeurs et des communes de la région.',
    ],
    and: 'et',
  },
  es: {
    opening: [
      '{where}: {what} y {what2} para {who}.',
      'Ofrece {what} para {who} en {where}.',
      'Ayuda a {who} con {what}, de forma presencial y en línea.',
    ],
    occupation: ['Para quienes trabajaron como {occ}: {what}.', 'También para {occ} con título extranjero.'],
    closing: [
      'Las citas son gratuitas.',
      'Se puede contar con intérprete.',
      'En colaboración con empresas y ayuntamientos de la zona.',
    ],
    and: 'y',
  },
  it: {
    opening: [
      '{where}: {what} e {what2} per {who}.',
      'Offre {what} per {who} ({where}).',
      'Aiuta {who} con {what}, in presenza e online.',
    ],
    occupation: ['Per chi ha lavorato come {occ}: {what}.', 'Anche per {occ} con titolo di studio estero.'],
    closing: [
      'Gli appuntamenti sono gratuiti.',
      'È possibile avere un interprete.',
      'In collaborazione con aziende e comuni del territorio.',
    ],
    and: 'e',
  },
  hu: {
    opening: [
      '{where}: {what} és {what2} {who} számára.',
      '{what} {who} részére ({where}).',
      'Segítség {who} számára: {what}, személyesen és online.',
    ],
    occupation: ['Korábban {occ} munkakörben dolgozóknak is: {what}.', 'Külföldi végzettségű {occ} számára is.'],
    closing: [
      'A tanácsadás ingyenes.',
      'Tolmács igényelhető.',
      'Helyi munkáltatókkal és önkormányzatokkal együttműködésben.',
    ],
    and: 'és',
  },
  sk: {
    opening: [
      '{where}: {what} a {what2} pre {who}.',
      'Ponúka {what} pre {who} ({where}).',
      'Pomoc pre {who}: {what}, osobne aj online.',
    ],
    occupation: ['Aj pre ľudí, ktorí pracovali ako {occ}: {what}.', 'Aj pre {occ} so zahraničným diplomom.'],
    closing: [
      'Konzultácie sú bezplatné.',
      'Je možné zabezpečiť tlmočníka.',
      'V spolupráci so zamestnávateľmi a obcami v regióne.',
    ],
    and: 'a',
  },
  sl: {
    opening: [
      '{where}: {what} in {what2} za {who}.',
      'Ponuja {what} za {who} ({where}).',
      'Pomoč za {who}: {what}, osebno in na spletu.',
    ],
    occupation: ['Tudi za tiste, ki so delali kot {occ}: {what}.', 'Tudi za {occ} s tujo diplomo.'],
    closing: ['Svetovanje je brezplačno.', 'Na voljo je tolmač.', 'V sodelovanju z delodajalci in občinami v regiji.'],
    and: 'in',
  },
};

/**
 * Which languages a listing in each country is written in, with weights: the national language(s)
 * mostly, English for a share everywhere (many services publish an English page), and every language
 * for EU-wide tools.
 */
export const SUMMARY_LANGUAGE_WEIGHTS: Record<string, [SummaryLanguage, number][]> = {
  BE: [
    ['nl', 45],
    ['fr', 40],
    ['en', 15],
  ],
  NL: [
    ['nl', 75],
    ['en', 25],
  ],
  HU: [
    ['hu', 75],
    ['en', 25],
  ],
  IT: [
    ['it', 75],
    ['en', 25],
  ],
  ES: [
    ['es', 75],
    ['en', 25],
  ],
  SK: [
    ['sk', 75],
    ['en', 25],
  ],
  SI: [
    ['sl', 75],
    ['en', 25],
  ],
  IE: [['en', 1]],
  GB: [['en', 1]],
  EU: [
    ['en', 60],
    ['fr', 8],
    ['nl', 6],
    ['es', 6],
    ['it', 6],
    ['hu', 5],
    ['sk', 4],
    ['sl', 5],
  ],
};

export function fillFrame(frame: string, slots: Record<string, string>): string {
  const text = frame.replace(/\{(\w+)\}/g, (_, key: string) => slots[key] ?? '');
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
