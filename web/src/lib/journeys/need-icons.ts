/**
 * Line icons for the need tiles, drawn inline (no icon font, no extra request): each is the `d` of one
 * SVG path on a 24×24 grid, stroked in the text colour. Decorative: the tile's words carry the meaning.
 */
export const NEED_ICONS = {
  recognition: 'M4 3h16v13H4z M8 7h8 M8 10.5h8 M10 16l-1.5 5L12 19.5 15.5 21 14 16',
  skills: 'M10 6h10 M10 12h10 M10 18h10 M3.5 6l1.5 1.5L8 4.5 M3.5 12l1.5 1.5L8 10.5 M3.5 18l1.5 1.5L8 16.5',
  language: 'M3 4h13v9H8l-4 4v-4H3z M18 8h3v9h-1v3l-3-3h-6v-2',
  training: 'M2 8.5 12 4l10 4.5-10 4.5z M6 10.5V16c0 1.5 3 3 6 3s6-1.5 6-3v-5.5 M21 9v6',
  job: 'M3 8h18v12H3z M8.5 8V5h7v3 M3 13h18',
  mentor:
    'M8 10a3 3 0 1 0 0-6 3 3 0 0 0 0 6z M2.5 20a5.5 5.5 0 0 1 11 0 M17 11a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5z M15 20h6.5a4.5 4.5 0 0 0-7-3.8',
  business:
    'M4 10v10h16V10 M3 10l2-6h14l2 6z M3 10c0 1.7 1.3 3 3 3s3-1.3 3-3c0 1.7 1.3 3 3 3s3-1.3 3-3c0 1.7 1.3 3 3 3s3-1.3 3-3 M10 20v-5h4v5',
  hire: 'M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8z M2 21a7 7 0 0 1 14 0 M19 8v6 M16 11h6',
  'right-to-work': 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6z M8.5 12l2.5 2.5 4.5-5',
  subsidies: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18z M15.5 8.5a4.5 4.5 0 1 0 0 7 M6.5 10.8h7 M6.5 13.2h7',
  partners:
    'M7 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6z M17 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6z M1.5 19a5.5 5.5 0 0 1 11 0 M11.5 19a5.5 5.5 0 0 1 11 0',
} as const;
export type NeedIcon = keyof typeof NEED_ICONS;

export interface NeedTile {
  id: string;
  label: string;
  href: string;
  icon: NeedIcon;
  /** the tile of the need already chosen (the employer page) */
  current?: boolean;
}
