// The patient search page. It talks only to the public GraphQL API (POST /graphql).
const PAGE_SIZE = 10;
const TILE_URL = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';
const DAYS = { MONDAY: 'Mon', TUESDAY: 'Tue', WEDNESDAY: 'Wed', THURSDAY: 'Thu', FRIDAY: 'Fri', SATURDAY: 'Sat', SUNDAY: 'Sun' };
const PROFESSIONS = { PHYSIOTHERAPIST: 'Physiotherapist', CHIROPRACTOR: 'Chiropractor', PHYSICIAN: 'Physician', ATHLETIC_THERAPIST: 'Athletic therapist', OTHER: 'Practitioner' };
const STATUS = { VERIFIED: ['verified', 'Verified'], SELF_REPORTED: ['self', 'Self-reported'], EXPIRED: ['expired', 'Expired'], REJECTED: ['rejected', 'Not confirmed'] };

const $ = (id) => document.getElementById(id);
const el = (tag, props = {}, ...children) => {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') node.className = value;
    else if (key === 'text') node.textContent = value;
    else if (key === 'html') node.innerHTML = value; // only for highlights, which the API HTML-escapes
    else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat()) if (child !== null && child !== undefined) node.append(child);
  return node;
};

// ---------- API ----------

class ApiError extends Error {
  constructor(message, kind, field) { super(message); this.kind = kind; this.field = field; }
}

async function gql(query, variables) {
  let response;
  try {
    response = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  } catch {
    throw new ApiError("We can't reach the directory right now. Check your connection and try again.", 'unreachable');
  }
  if (response.status === 429) {
    throw new ApiError(`Too many searches in a short time; please try again in ${response.headers.get('retry-after') ?? 'a few'} seconds.`, 'limited');
  }
  let body;
  try { body = await response.json(); } catch { throw new ApiError('The directory answered with an error; please try again.', 'unreachable'); }
  if (body.errors?.length) {
    const error = body.errors[0];
    throw new ApiError(error.message, error.extensions?.code ?? 'error', error.extensions?.data?.field);
  }
  return body.data;
}

const CLINIC_FIELDS = `
  id name description isSample latitude longitude phone website bookingUrl directBilling acceptingNewPatients languages techniques
  address { street city region postalCode }
  hours { day opens closes }
  practitioners { id name profession credentials { id status expiresOn source verifiedAt verifiedBy program { body bodyId name level } } }`;

const SEARCH = `query Search($filter: ClinicFilter, $sort: SearchSort, $first: Int, $after: String) {
  searchClinics(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount
    resolvedPlace { name region label }
    pageInfo { hasNextPage endCursor }
    edges { distanceKm highlights node { ${CLINIC_FIELDS} } }
    facets {
      conditions { value label count }
      certifications { value label count }
      languages { value label count }
    }
  }
}`;

const MORE = `query More($filter: ClinicFilter, $sort: SearchSort, $first: Int, $after: String) {
  searchClinics(filter: $filter, sort: $sort, first: $first, after: $after) {
    pageInfo { hasNextPage endCursor }
    edges { distanceKm highlights node { ${CLINIC_FIELDS} } }
  }
}`;

// ---------- state and URL ----------

const state = {
  place: '', lat: null, lon: null, radius: 25, conditions: [], text: '', certs: [], verified: false,
  billing: false, accepting: false, langs: [], sort: 'RELEVANCE',
};
// Conditions, certification bodies, language and technique names: all from the API (loadTaxonomy), never copied here.
let taxonomy = { conditions: [], bodies: [], languages: new Map(), techniques: new Map() };
const languageName = (code) => taxonomy.languages.get(code) ?? code;
const techniqueLabel = (value) => taxonomy.techniques.get(value) ?? value;
// Settles once the taxonomy (conditions, certification bodies, languages, techniques) has arrived (or failed to).
let taxonomyLoaded = Promise.resolve();
let lastFacets = null;
let endCursor = null;
let runningSearch = 0;

function readUrl() {
  const p = new URLSearchParams(location.search);
  state.place = p.get('place') ?? '';
  state.lat = p.has('lat') ? Number(p.get('lat')) : null;
  state.lon = p.has('lon') ? Number(p.get('lon')) : null;
  state.radius = Number(p.get('r') ?? 25) || 25;
  state.conditions = p.getAll('c');
  state.text = p.get('q') ?? '';
  state.certs = p.getAll('cert');
  state.verified = p.get('verified') === '1';
  state.billing = p.get('billing') === '1';
  state.accepting = p.get('accepting') === '1';
  state.langs = p.getAll('lang');
  state.sort = p.get('sort') ?? 'RELEVANCE';
}

function writeUrl() {
  const p = new URLSearchParams();
  if (state.lat !== null && state.lon !== null) { p.set('lat', state.lat.toFixed(5)); p.set('lon', state.lon.toFixed(5)); }
  else if (state.place) p.set('place', state.place);
  if (state.radius !== 25) p.set('r', String(state.radius));
  state.conditions.forEach((c) => p.append('c', c));
  if (state.text) p.set('q', state.text);
  state.certs.forEach((c) => p.append('cert', c));
  if (state.verified) p.set('verified', '1');
  if (state.billing) p.set('billing', '1');
  if (state.accepting) p.set('accepting', '1');
  state.langs.forEach((l) => p.append('lang', l));
  if (state.sort !== 'RELEVANCE') p.set('sort', state.sort);
  const url = `${location.pathname}?${p}`;
  if (url !== `${location.pathname}${location.search}`) history.pushState(null, '', url);
}

function hasLocation() { return (state.lat !== null && state.lon !== null) || state.place.trim() !== ''; }

function filter() {
  const f = {};
  if (state.text.trim()) f.text = state.text.trim();
  if (state.lat !== null && state.lon !== null) f.location = { latitude: state.lat, longitude: state.lon, radiusKm: state.radius };
  else if (state.place.trim()) f.location = { place: state.place.trim(), radiusKm: state.radius };
  if (state.conditions.length) f.conditions = state.conditions;
  if (state.certs.length) f.certifications = state.certs;
  if (state.verified) f.verifiedOnly = true;
  if (state.billing) f.directBilling = true;
  if (state.accepting) f.acceptingNewPatients = true;
  if (state.langs.length) f.languages = state.langs;
  return f;
}

function sortFor() { return state.sort === 'DISTANCE' && !hasLocation() ? 'RELEVANCE' : state.sort; }

// ---------- form ----------

function fillForm() {
  $('place').value = state.lat !== null ? 'My location' : state.place;
  $('radius').value = String(state.radius);
  $('text').value = state.text;
  $('verified').checked = state.verified;
  $('billing').checked = state.billing;
  $('accepting').checked = state.accepting;
  $('sort').value = state.sort;
  renderFilters();
}

function renderFilters() {
  renderChosenConditions();
  renderCertifications();
  renderLanguages();
}

function readForm() {
  const placeText = $('place').value.trim();
  if (placeText !== 'My location') { state.place = placeText; state.lat = null; state.lon = null; }
  state.radius = Number($('radius').value);
  state.text = $('text').value;
  state.verified = $('verified').checked;
  state.billing = $('billing').checked;
  state.accepting = $('accepting').checked;
  state.sort = $('sort').value;
  state.certs = [...document.querySelectorAll('#certifications input:checked')].map((i) => i.value);
  state.langs = [...document.querySelectorAll('#languages input:checked')].map((i) => i.value);
}

function facetCount(list, value) {
  if (!lastFacets) return '';
  const found = lastFacets[list]?.find((f) => f.value === value);
  return found ? String(found.count) : '0';
}

function renderCertifications() {
  const box = $('certifications');
  box.replaceChildren(...taxonomy.bodies.map((b) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', value: b.id, checked: state.certs.includes(b.id), 'data-cert': b.id, onchange: submitFromControl }),
    el('span', { text: b.name }),
    el('span', { class: 'count', text: facetCount('certifications', b.id), 'aria-label': lastFacets ? `${facetCount('certifications', b.id)} clinics` : undefined }))));
}

function renderLanguages() {
  const values = new Map();
  for (const l of state.langs) values.set(l, languageName(l));
  for (const f of lastFacets?.languages ?? []) values.set(f.value, f.label);
  if (values.size === 0) for (const [code, name] of [...taxonomy.languages].slice(0, 3)) values.set(code, name);
  $('languages').replaceChildren(...[...values].slice(0, 12).map(([value, label]) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', value, checked: state.langs.includes(value), onchange: submitFromControl }),
    el('span', { text: label }),
    el('span', { class: 'count', text: facetCount('languages', value) }))));
}

function renderChosenConditions() {
  $('chosen-conditions').replaceChildren(...state.conditions.map((id) => {
    const name = taxonomy.conditions.find((c) => c.id === id)?.name ?? id;
    return el('li', {}, el('button', { type: 'button', class: 'secondary', 'aria-label': `Remove ${name}`, onclick: () => {
      state.conditions = state.conditions.filter((c) => c !== id);
      renderChosenConditions();
      search();
    } }, `${name} ×`));
  }));
}

function renderConditionFacet() {
  const box = $('facet-conditions');
  const top = (lastFacets?.conditions ?? []).filter((f) => !state.conditions.includes(f.value)).slice(0, 8);
  if (!top.length) { box.replaceChildren(); return; }
  box.replaceChildren(el('h3', { text: 'Narrow by condition' }), el('ul', { class: 'chips' }, top.map((f) => el('li', {},
    el('button', { type: 'button', class: 'secondary', 'data-condition': f.value, onclick: () => { addCondition(f.value); search(); } }, `${f.label} (${f.count})`)))));
}

function addCondition(id) {
  if (!state.conditions.includes(id)) state.conditions.push(id);
  renderChosenConditions();
}

function submitFromControl() { readForm(); search(); }

// ---------- comboboxes (place autocomplete, condition picker) ----------

class Combobox {
  constructor(input, list, source, onPick) {
    Object.assign(this, { input, list, source, onPick, items: [], active: -1, timer: 0, seq: 0 });
    // Suggestions wait for a pause in typing; keys are handled in order, each after the suggestions for what is
    // typed so far, so a key pressed while they are on their way never acts on an older list.
    this.dirty = false;
    this.updating = Promise.resolve();
    this.keys = Promise.resolve();
    input.addEventListener('input', () => {
      this.dirty = true;
      clearTimeout(this.timer);
      this.timer = setTimeout(() => { this.updating = this.update(); }, 120);
    });
    input.addEventListener('keydown', (e) => this.key(e));
    input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  async update() {
    this.dirty = false;
    const text = this.input.value.trim();
    const seq = ++this.seq;
    const items = text.length ? await this.source(text).catch(() => []) : [];
    if (seq !== this.seq) return;
    this.items = items;
    this.active = -1;
    this.list.replaceChildren(...items.map((item, i) => el('li', {
      id: `${this.list.id}-${i}`, role: 'option', 'aria-selected': 'false',
      onmousedown: (e) => { e.preventDefault(); this.pick(i); },
    }, item.label, item.why ? el('span', { class: 'why', text: item.why }) : null)));
    this.list.hidden = items.length === 0;
    this.input.setAttribute('aria-expanded', String(items.length > 0));
  }

  /** The suggestions for what is typed now: at once if they were still waiting for a pause. */
  flush() {
    if (this.dirty) {
      clearTimeout(this.timer);
      this.updating = this.update();
    }
    return this.updating;
  }

  key(e) {
    if (!['ArrowDown', 'ArrowUp', 'Enter', 'Escape'].includes(e.key)) return;
    if (this.list.hidden && !this.dirty) return;
    if (e.key !== 'Escape') e.preventDefault();
    const key = e.key;
    this.keys = this.keys.then(() => this.flush()).then(() => this.apply(key));
  }

  apply(key) {
    const n = this.items.length;
    if ((key === 'ArrowDown' || key === 'ArrowUp') && n > 0 && !this.list.hidden) {
      this.active = key === 'ArrowDown' ? (this.active + 1) % n : (this.active - 1 + n) % n;
      [...this.list.children].forEach((li, i) => li.setAttribute('aria-selected', String(i === this.active)));
      this.input.setAttribute('aria-activedescendant', `${this.list.id}-${this.active}`);
    } else if (key === 'Enter') {
      if (this.active >= 0 && !this.list.hidden) this.pick(this.active);
      else this.input.form?.requestSubmit();
    } else if (key === 'Escape') {
      this.close();
    }
  }

  pick(i) {
    const item = this.items[i];
    this.close();
    if (item) this.onPick(item);
  }

  close() {
    this.list.hidden = true;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}

async function placeSuggestions(prefix) {
  const data = await gql('query Places($p: String!) { places(prefix: $p, first: 8) { label name region country postalCode } }', { p: prefix });
  return data.places.map((p) => ({ label: p.label, value: p.postalCode ?? `${p.name}, ${p.region}` }));
}

function normalize(s) { return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim(); }

async function conditionSuggestions(text) {
  // A patient may type before the conditions have arrived.
  await taxonomyLoaded;
  const q = normalize(text);
  const results = [];
  for (const c of taxonomy.conditions) {
    if (state.conditions.includes(c.id)) continue;
    if (normalize(c.name).includes(q)) { results.push({ label: c.name, id: c.id, rank: normalize(c.name).startsWith(q) ? 0 : 1 }); continue; }
    const synonym = c.synonyms.find((s) => normalize(s).includes(q));
    if (synonym) results.push({ label: c.name, id: c.id, why: `matches "${synonym}"`, rank: 2 });
  }
  return results.sort((a, b) => a.rank - b.rank || a.label.localeCompare(b.label)).slice(0, 8);
}

// ---------- map ----------

let map = null;
let markers = null;
const markerById = new Map();

function ensureMap() {
  if (map || typeof L === 'undefined') return;
  L.Icon.Default.imagePath = '/lib/leaflet/images/';
  map = L.map('map', { scrollWheelZoom: false }).setView([53.5, -100], 3);
  L.tileLayer(TILE_URL, { maxZoom: 18, attribution: '© OpenStreetMap contributors' }).addTo(map);
  markers = L.layerGroup().addTo(map);
}

function addMarker(edge) {
  if (!map) return;
  const c = edge.node;
  const marker = L.marker([c.latitude, c.longitude], { title: c.name, alt: c.name, keyboard: false });
  marker.bindPopup(el('div', {}, el('strong', { text: c.name }), el('br'), edge.distanceKm != null ? `${edge.distanceKm.toFixed(1)} km · ` : '', c.address.city));
  marker.on('click', () => setActive(c.id, true));
  marker.addTo(markers);
  markerById.set(c.id, marker);
}

function fitMap(resolvedPlace) {
  if (!map) return;
  const points = [...markerById.values()].map((m) => m.getLatLng());
  if (state.lat !== null) points.push(L.latLng(state.lat, state.lon));
  if (points.length) map.fitBounds(L.latLngBounds(points).pad(0.15), { maxZoom: 13 });
  map.invalidateSize();
}

function setActive(id, fromMap) {
  document.querySelectorAll('.card.active').forEach((c) => c.classList.remove('active'));
  const card = document.getElementById(`clinic-${id}`);
  if (!card) return;
  card.classList.add('active');
  if (fromMap) { card.scrollIntoView({ block: 'nearest', behavior: 'smooth' }); card.querySelector('h3 a, h3')?.focus?.(); }
  const marker = markerById.get(id);
  if (marker && !fromMap) { map.setView(marker.getLatLng(), Math.max(map.getZoom(), 12)); marker.openPopup(); }
}

// ---------- results ----------

function hoursText(hours) {
  if (!hours.length) return 'Hours not listed; call the clinic.';
  return hours.map((h) => `${DAYS[h.day]} ${h.opens}–${h.closes}`).join(' · ');
}

function day(iso) {
  return new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
}

// Who stands behind a badge: "Verified with GunnIMS roster, 12 Mar 2026", "Claimed by the clinic, not yet checked".
function provenanceText(cred) {
  const when = cred.verifiedAt ? `, ${day(cred.verifiedAt)}` : '';
  switch (cred.status) {
    case 'VERIFIED':
      return cred.source === 'ADMIN'
        ? `Verified by the directory${cred.verifiedBy ? ` (${cred.verifiedBy})` : ''}${when}`
        : `Verified with ${cred.verifiedBy ?? cred.program.body}${when}`;
    case 'EXPIRED':
      return cred.expiresOn ? `Expired ${day(cred.expiresOn)}` : 'Expired';
    case 'REJECTED':
      return `Not confirmed by ${cred.verifiedBy ?? cred.program.body}`;
    default:
      return 'Claimed by the clinic, not yet checked';
  }
}

function credentialBadge(cred) {
  const [cls, word] = STATUS[cred.status] ?? ['self', cred.status];
  const level = cred.program.level ? ` Level ${cred.program.level}` : '';
  const program = cred.program.bodyId === 'gunnims' ? 'IMS' : cred.program.name.replace(/ Level \d+$/, '');
  return el('span', { class: `badge ${cls}`, title: `${cred.program.body}: ${cred.program.name}. ${provenanceText(cred)}.` }, `${cred.program.body} ${program}${level} · ${word}`);
}

function card(edge) {
  const c = edge.node;
  const address = `${c.address.street}, ${c.address.city}, ${c.address.region} ${c.address.postalCode}`;
  return el('li', { class: 'card', id: `clinic-${c.id}`, 'data-id': c.id, onmouseenter: () => markerById.get(c.id)?.openPopup() },
    el('h3', { tabindex: '-1' }, c.name, c.isSample ? el('span', { class: 'badge sample', title: 'Fictional sample listing' }, ' Sample') : null),
    el('p', { class: 'meta' }, edge.distanceKm != null ? el('span', { class: 'distance', 'data-distance': edge.distanceKm.toFixed(2) }, `${edge.distanceKm.toFixed(1)} km`) : null,
      edge.distanceKm != null ? ' · ' : '', address),
    edge.highlights.length ? el('p', { class: 'highlights', html: edge.highlights.slice(0, 3).join(' · ') }) : null,
    el('div', { class: 'tags' },
      c.techniques.map((t) => el('span', { class: 'badge tag', text: techniqueLabel(t) })),
      c.directBilling ? el('span', { class: 'badge tag', text: 'Direct billing' }) : null,
      el('span', { class: 'badge tag', text: c.acceptingNewPatients ? 'Accepting new patients' : 'Not accepting new patients' }),
      c.languages.length ? el('span', { class: 'badge tag', text: c.languages.map(languageName).join(', ') }) : null),
    el('div', { class: 'links' },
      c.phone ? el('a', { href: `tel:${c.phone.replace(/[^0-9+]/g, '')}` }, `Call ${c.phone}`) : null,
      c.bookingUrl ? el('a', { href: c.bookingUrl, rel: 'noopener', target: '_blank' }, 'Book online') : null,
      c.website ? el('a', { href: c.website, rel: 'noopener', target: '_blank' }, 'Website') : null),
    el('p', { class: 'hours', text: hoursText(c.hours) }),
    c.practitioners.length ? el('ul', { class: 'people', 'aria-label': `Practitioners at ${c.name}` }, c.practitioners.map((p) => el('li', {},
      el('button', { type: 'button', class: 'person', 'data-practitioner': p.id, onclick: () => showPractitioner(p.id) }, p.name),
      ` ${PROFESSIONS[p.profession] ?? ''} `,
      el('span', { class: 'tags' }, p.credentials.map(credentialBadge))))) : el('p', { class: 'meta', text: 'No practitioners listed yet.' }),
    el('button', { type: 'button', class: 'secondary', onclick: () => setActive(c.id, false) }, 'Show on map'));
}

function showStatus(text, kind) {
  const status = $('status');
  status.textContent = text;
  status.className = `status${kind ? ` ${kind}` : ''}`;
}

async function search(push = true) {
  readFormIfReady();
  $('place-help').textContent = '';
  $('place-help').className = 'help';
  if (push) writeUrl();
  const run = ++runningSearch;
  $('results').setAttribute('aria-busy', 'true');
  showStatus('Searching…');
  try {
    const data = await gql(SEARCH, { filter: filter(), sort: sortFor(), first: PAGE_SIZE });
    if (run !== runningSearch) return;
    const result = data.searchClinics;
    lastFacets = result.facets;
    endCursor = result.pageInfo.endCursor;
    ensureMap();
    markers?.clearLayers();
    markerById.clear();
    $('list').replaceChildren(...result.edges.map(card));
    result.edges.forEach(addMarker);
    fitMap(result.resolvedPlace);
    $('more').hidden = !result.pageInfo.hasNextPage;
    renderCertifications();
    renderLanguages();
    renderConditionFacet();
    if (result.totalCount === 0) {
      showStatus('No clinics match this search.', 'empty');
      $('list').replaceChildren(el('li', { class: 'card' },
        el('p', { text: 'Try a wider distance or fewer filters.' }),
        state.radius < 250 && hasLocation() ? el('button', { type: 'button', onclick: () => { state.radius = Math.min(250, state.radius * 2 < 50 ? 50 : state.radius * 2); $('radius').value = nearestRadius(state.radius); search(); } }, 'Search a wider area') : null,
        ' ',
        el('button', { type: 'button', class: 'secondary', onclick: clearFilters }, 'Remove filters')));
    } else {
      const where = result.resolvedPlace ? ` within ${state.radius} km of ${result.resolvedPlace.label}` : state.lat !== null ? ` within ${state.radius} km of your location` : '';
      showStatus(`${result.totalCount} ${result.totalCount === 1 ? 'clinic' : 'clinics'}${where}.`);
    }
  } catch (error) {
    if (run !== runningSearch) return;
    if (error.field === 'filter.location.place') {
      $('place-help').textContent = `We don't know "${state.place}". Pick a place from the list, or try a postal code such as T1S.`;
      $('place-help').className = 'help error';
      showStatus('Unknown place.', 'error');
    } else {
      showStatus(error.message, 'error');
      if (error.kind === 'unreachable') $('list').replaceChildren(el('li', { class: 'card' }, el('button', { type: 'button', onclick: () => search(false) }, 'Try again')));
    }
  } finally {
    if (run === runningSearch) $('results').setAttribute('aria-busy', 'false');
  }
}

function nearestRadius(r) { return String([5, 10, 25, 50, 100, 250].find((x) => x >= r) ?? 250); }

let formReady = false;
function readFormIfReady() { if (formReady) readForm(); }

async function loadMore() {
  $('more').disabled = true;
  showStatus('Loading more clinics…');
  try {
    const data = await gql(MORE, { filter: filter(), sort: sortFor(), first: PAGE_SIZE, after: endCursor });
    const result = data.searchClinics;
    endCursor = result.pageInfo.endCursor;
    const cards = result.edges.map(card);
    $('list').append(...cards);
    result.edges.forEach(addMarker);
    $('more').hidden = !result.pageInfo.hasNextPage;
    showStatus(`${document.querySelectorAll('#list .card').length} clinics shown.`);
    cards[0]?.querySelector('h3')?.focus();
  } catch (error) {
    showStatus(error.message, 'error');
  } finally {
    $('more').disabled = false;
  }
}

function clearFilters() {
  Object.assign(state, { conditions: [], text: '', certs: [], verified: false, billing: false, accepting: false, langs: [] });
  formReady = false;
  fillForm();
  formReady = true;
  search();
}

async function showPractitioner(id) {
  const dialog = $('practitioner');
  const body = $('practitioner-body');
  body.replaceChildren(el('p', { text: 'Loading…' }));
  dialog.showModal();
  try {
    const { practitioner: p } = await gql(`query P($id: ID!) { practitioner(id: $id) {
      name profession bio languages acceptingNewPatients isSample notices
      registration { regulator number status dryNeedlingAuthorized source verifiedBy }
      credentials { status earnedOn expiresOn source verifiedAt verifiedBy provenance program { body bodyId name level } }
      clinics { name address { city region } } } }`, { id });
    if (!p) { body.replaceChildren(el('p', { text: 'This practitioner is no longer listed.' })); return; }
    const r = p.registration;
    body.replaceChildren(
      el('h2', { id: 'practitioner-name', text: p.name }),
      el('p', { text: `${PROFESSIONS[p.profession] ?? ''}${p.clinics.length ? ` at ${p.clinics.map((c) => `${c.name} (${c.address.city}, ${c.address.region})`).join('; ')}` : ''}` }),
      p.bio ? el('p', { text: p.bio }) : null,
      ...p.notices.map((n) => el('p', { class: 'notice', role: 'note', text: n })),
      el('h3', { text: 'Registration' }),
      r ? el('dl', {},
        el('dt', { text: 'Regulator' }), el('dd', { text: r.regulator }),
        el('dt', { text: 'Number' }), el('dd', { text: r.number }),
        el('dt', { text: 'Status' }), el('dd', { text: r.status.toLowerCase() }),
        el('dt', { text: 'Dry needling' }), el('dd', { text: r.dryNeedlingAuthorized
          ? (r.source === 'REGULATOR' ? `Authorized (${r.verifiedBy ?? r.regulator} register)` : r.source === 'ADMIN' ? 'Authorized (checked by the directory)' : 'Authorized')
          : 'Not recorded as authorized' }))
        : el('p', { text: 'No registration listed. Ask the clinic for the practitioner\'s licence with their regulator.' }),
      el('h3', { text: 'Certifications' }),
      p.credentials.length ? el('ul', {}, p.credentials.map((c) => el('li', {}, credentialBadge(c),
        c.earnedOn ? ` earned ${day(c.earnedOn)}` : '', c.expiresOn && c.status !== 'EXPIRED' ? `, expires ${day(c.expiresOn)}` : '',
        el('span', { class: 'provenance', text: `${provenanceText(c)}.` }),
        c.provenance ? el('span', { class: 'provenance source', text: `Source: ${c.provenance}` }) : null))) : el('p', { text: 'None listed.' }),
      el('p', { text: `Languages: ${p.languages.map(languageName).join(', ') || 'not listed'}. ${p.acceptingNewPatients ? 'Accepting new patients.' : 'Not accepting new patients.'}` }),
      p.isSample ? el('p', { class: 'badge sample', text: 'Fictional sample profile' }) : null);
  } catch (error) {
    body.replaceChildren(el('p', { class: 'status error', text: error.message }));
  }
}

// ---------- start ----------

async function start() {
  new Combobox($('place'), $('place-options'), placeSuggestions, (item) => {
    $('place').value = item.value;
    state.place = item.value; state.lat = null; state.lon = null;
  });
  new Combobox($('condition'), $('condition-options'), conditionSuggestions, (item) => {
    addCondition(item.id);
    $('condition').value = '';
  });
  $('place').addEventListener('input', () => { state.lat = null; state.lon = null; });
  $('search').addEventListener('submit', async (e) => {
    e.preventDefault();
    await search();
    // On a phone the results are below the form: bring them into view.
    if (matchMedia('(max-width: 899px)').matches) $('results').scrollIntoView({ block: 'start' });
  });
  $('reset').addEventListener('click', () => {
    Object.assign(state, { place: '', lat: null, lon: null, radius: 25, sort: 'RELEVANCE' });
    clearFilters();
  });
  $('more').addEventListener('click', loadMore);
  // Filters apply as soon as they change; text boxes wait for Search or Enter.
  for (const id of ['radius', 'verified', 'billing', 'accepting', 'sort']) $(id).addEventListener('change', submitFromControl);
  $('locate').addEventListener('click', () => {
    if (!navigator.geolocation) { $('place-help').textContent = 'Your browser cannot share its location; type a place instead.'; return; }
    $('place-help').textContent = 'Finding your location…';
    navigator.geolocation.getCurrentPosition((pos) => {
      state.lat = pos.coords.latitude; state.lon = pos.coords.longitude; state.place = '';
      $('place').value = 'My location';
      $('place-help').textContent = '';
      search();
    }, () => { $('place-help').textContent = 'Your location is not available; type a place instead.'; }, { timeout: 10000 });
  });
  window.addEventListener('popstate', () => { readUrl(); formReady = false; fillForm(); formReady = true; search(false); });

  taxonomyLoaded = loadTaxonomy();
  await taxonomyLoaded;
  // A search in the address fills the form and runs; without one, what the patient typed or picked
  // while the page was loading stays as it is.
  const hasQuery = new URLSearchParams(location.search).toString().length > 0;
  if (hasQuery) {
    readUrl();
    fillForm();
  } else {
    renderFilters();
  }
  formReady = true;
  if (hasQuery) search(false);
}

async function loadTaxonomy() {
  try {
    const data = await gql('{ conditions { id name synonyms } certificationPrograms { body bodyId } languages { code name } techniques { value label } }');
    taxonomy.conditions = data.conditions;
    taxonomy.languages = new Map(data.languages.map((l) => [l.code, l.name]));
    taxonomy.techniques = new Map(data.techniques.map((t) => [t.value, t.label]));
    const bodies = new Map();
    for (const p of data.certificationPrograms) bodies.set(p.bodyId, p.body);
    taxonomy.bodies = [...bodies].map(([id, name]) => ({ id, name }));
  } catch (error) {
    showStatus(error.message, 'error');
  }
}

start();
