/**
 * Measures maps: SVG bytes (raw and gzip) and CPU per render for the three sizes the team budgets for
 * (all of Ireland with 8 markers, Europe with 30, one city with 1), cold (outlines projected afresh)
 * and warm (outlines from the cache, as for a repeated extent). CPU is process user+system time, so
 * the figures hold on a busy machine better than wall-clock; report the load beside them.
 *
 *   npx tsx web/src/lib/map/measure-maps.ts [renders per case, default 300]
 */
import { gzipSync } from 'node:zlib';
import { loadavg } from 'node:os';
import { countryOutlines } from './boundaries.server';
import { COUNTRY_EXTENTS } from './extent';
import type { MapMarker } from './map-types';
import { clearLandCache, renderMap, type MapDrawing } from './render-map.server';

const runs = Number(process.argv[2] ?? 300);
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

let t = cpuMs();
countryOutlines('50m');
const load50 = cpuMs() - t;
t = cpuMs();
countryOutlines('110m');
const load110 = cpuMs() - t;
console.log(`outlines loaded once: 1:50m ${load50.toFixed(0)} ms CPU, 1:110m ${load110.toFixed(0)} ms CPU;`);
console.log(
  `heap after loading ${(process.memoryUsage().heapUsed / 1e6).toFixed(1)} MB; load average ${loadavg()[0]!.toFixed(1)}`,
);

// Irish cities with listings in the directory, half of them approximate (a city's centre).
const IRELAND: [number, number][] = [
  [51.898, -8.4706],
  [53.3498, -6.2603],
  [52.6638, -8.6267],
  [53.2707, -9.0568],
  [52.2593, -7.1101],
  [54.0, -6.4167],
  [52.8365, -6.9341],
  [54.2766, -8.4761],
];
const EUROPE: [number, number][] = Array.from({ length: 30 }, (_, i) => [
  38 + ((i * 7.3) % 20),
  -8 + ((i * 13.7) % 30),
]);
const markers = (points: [number, number][]): MapMarker[] =>
  points.map(([lat, lon], i) => ({ lat, lon, approximate: i % 2 === 0, number: i + 1, label: `Place ${i + 1}` }));

const cases: Record<string, MapDrawing> = {
  'Ireland, 8 markers': {
    markers: markers(IRELAND),
    origin: { lat: 51.898, lon: -8.4706, approximate: true, label: 'Cork' },
    originLabel: 'Cork (you)',
    extent: COUNTRY_EXTENTS.IE!,
    locale: 'en',
    dir: 'ltr',
    title: '8 services near Cork are shown on the map',
  },
  'Europe, 30 markers': {
    markers: markers(EUROPE),
    extent: COUNTRY_EXTENTS.EU!,
    locale: 'en',
    dir: 'ltr',
    title: '30 services are shown on the map',
  },
  'one city, 1 marker': {
    markers: markers([[51.898, -8.4706]]),
    locale: 'en',
    dir: 'ltr',
    title: 'Map of where this service is: 1: approximate: centre of Cork',
  },
};

for (const [name, drawing] of Object.entries(cases)) {
  const { svg } = renderMap(drawing);
  let start = cpuMs();
  for (let i = 0; i < runs; i++) {
    clearLandCache();
    renderMap(drawing);
  }
  const cold = (cpuMs() - start) / runs;
  start = cpuMs();
  for (let i = 0; i < runs; i++) renderMap(drawing);
  const warm = (cpuMs() - start) / runs;
  console.log(
    `${name}: ${svg.length} B, ${gzipSync(svg).length} B gzip; CPU per render ${cold.toFixed(2)} ms cold, ${warm.toFixed(3)} ms with the outlines cached`,
  );
}
