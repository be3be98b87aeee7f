import { isServer, type ReactiveController, type ReactiveControllerHost } from 'lit';
import { en, type EssayStrings } from './strings.js';

/*
 * Which strings an element speaks: its own `strings`, over those of the `<essay-reader>` it is in (so a reader's
 * cards, notes, contents and pull-quotes speak as the reader does), over the bundled translation for the nearest
 * `lang` (English until a translation has loaded; translations load on demand, so a page pays only for its own).
 *
 * Not @lit/localize: it sets one locale for the whole page, and a page may hold readers in several languages,
 * each with its own overrides.
 */

const loaders: Record<string, () => Promise<{ default: EssayStrings }>> = {
  ar: () => import('./locales/ar.js'),
  de: () => import('./locales/de.js'),
  es: () => import('./locales/es.js'),
  fr: () => import('./locales/fr.js'),
  ja: () => import('./locales/ja.js'),
};

/** The languages with bundled strings (primary subtags: `de-AT` speaks `de`). */
export const BUNDLED_LANGUAGES: readonly string[] = ['en', ...Object.keys(loaders)];

const loaded = new Map<string, EssayStrings>([['en', en]]);
const loading = new Map<string, Promise<EssayStrings>>();

function primary(lang: string): string {
  return lang.trim().toLowerCase().split(/[-_]/)[0];
}

/**
 * Loads the bundled strings for `lang` (a BCP 47 tag), resolving to English for a language without them or when
 * loading fails (offline, a missing chunk). Elements load what they need themselves; call this to have a
 * language ready before the elements render.
 */
export function loadStrings(lang: string): Promise<EssayStrings> {
  const key = primary(lang);
  const ready = loaded.get(key);
  if (ready) return Promise.resolve(ready);
  const load = loaders[key];
  if (!load) return Promise.resolve(en);
  let pending = loading.get(key);
  if (!pending) {
    pending = load().then(
      (module) => {
        const strings = mergeStrings(en, module.default);
        loaded.set(key, strings);
        localeChanged();
        return strings;
      },
      () => en,
    );
    loading.set(key, pending);
  }
  return pending;
}

/** The bundled strings for `lang` if they are loaded, else English (and they start loading). */
export function bundledStrings(lang: string): EssayStrings {
  const ready = loaded.get(primary(lang));
  if (ready) return ready;
  void loadStrings(lang);
  return en;
}

/** The language of `element`: the nearest `lang` attribute, looking through shadow roots to their hosts. */
export function langOf(element: Element): string {
  return closestAcrossShadows(element, '[lang]')?.getAttribute('lang') || 'en';
}

/** `from.closest(selector)`, going on from the host of each shadow root it is in; null from nothing. */
function closestAcrossShadows(from: Element | null, selector: string): Element | null {
  for (let node = from; node; node = hostOf(node)) {
    const found = node.closest(selector);
    if (found) return found;
  }
  return null;
}

/** An element that may carry its own strings. */
export type Speaking = Element & { strings?: Partial<EssayStrings> | null };

/**
 * What each element was last found to speak: asked for once per annotation in an update, 10,000 walks up the DOM
 * to the nearest `lang` were a cost of their own. Forgotten whenever a language or strings change, or an element
 * connects (it may have moved under another reader).
 */
let spoken = new WeakMap<Element, EssayStrings>();

/** The strings `element` speaks (see the top of this file). */
export function stringsOf(element: Speaking): EssayStrings {
  if (isServer) return mergeStrings(en, element.strings);
  let strings = spoken.get(element);
  if (!strings) {
    const reader = readerAround(element);
    strings = mergeStrings(reader ? stringsOf(reader) : bundledStrings(langOf(element)), element.strings);
    spoken.set(element, strings);
  }
  return strings;
}

/** The `<essay-reader>` that holds `element` (in its light DOM or its shadow root), not the element itself. */
function readerAround(element: Element): Speaking | null {
  return closestAcrossShadows(element.parentElement ?? hostOf(element), 'essay-reader');
}

function hostOf(node: Element): Element | null {
  const root = node.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

const merged = new WeakMap<EssayStrings, WeakMap<object, EssayStrings>>();

/** `own` over `base`, the same object for the same two (so that callers can cache by it). */
export function mergeStrings(base: EssayStrings, own: Partial<EssayStrings> | null | undefined): EssayStrings {
  if (!own) return base;
  let byOwn = merged.get(base);
  if (!byOwn) merged.set(base, (byOwn = new WeakMap()));
  let strings = byOwn.get(own);
  if (!strings) byOwn.set(own, (strings = { ...base, ...own, colours: { ...base.colours, ...own.colours } }));
  return strings;
}

/**
 * Checks strings a page sets: each must be of the kind the English one is (a text, or a function for those that
 * say something about a value).
 * @throws TypeError naming the element and the string.
 */
export function checkStrings(value: unknown, where: string): asserts value is Partial<EssayStrings> | null {
  if (value === null || value === undefined) return;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new TypeError(`${where}: strings: expected an object of strings, got ${Array.isArray(value) ? 'array' : typeof value}`);
  for (const [key, given] of Object.entries(value)) {
    if (!(key in en)) throw new TypeError(`${where}: strings.${key}: there is no such string (see EssayStrings)`);
    const wanted = typeof en[key as keyof EssayStrings];
    if (typeof given !== wanted)
      throw new TypeError(`${where}: strings.${key}: expected a ${wanted === 'function' ? 'function that returns a string' : wanted}, got ${typeof given}`);
  }
}

const speakers = new Set<LocaleController>();
const watched = new WeakSet<Document>();

/** Tells every connected element that a language or some strings changed: those whose strings did re-render. */
export function localeChanged(): void {
  spoken = new WeakMap();
  for (const speaker of speakers) speaker.check();
}

/** A `lang` or `dir` attribute changed somewhere in a document. */
function attributesChanged(records: MutationRecord[]): void {
  if (records.some((record) => record.attributeName === 'lang')) localeChanged();
  if (records.some((record) => record.attributeName === 'dir')) for (const speaker of speakers) speaker.directionChanged();
}

/**
 * Gives an element the strings it speaks (`strings`), and re-renders it when they change: a `lang` attribute set
 * anywhere in the document, a translation that finished loading, or `strings` set on it or on its reader. A `dir`
 * set anywhere in the document calls `onChange` too (a margin on the other side).
 */
export class LocaleController implements ReactiveController {
  private said: EssayStrings | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & Speaking,
    private readonly onChange?: () => void,
  ) {
    host.addController(this);
  }

  get strings(): EssayStrings {
    return (this.said = stringsOf(this.host));
  }

  hostConnected() {
    spoken = new WeakMap();
    speakers.add(this);
    const doc = this.host.ownerDocument;
    if (!watched.has(doc)) {
      watched.add(doc);
      new MutationObserver(attributesChanged).observe(doc, { attributes: true, attributeFilter: ['lang', 'dir'], subtree: true });
    }
    this.check();
  }

  hostDisconnected() {
    speakers.delete(this);
  }

  /** What it renders now is in these strings (whether it asked for them through `t` or as its controllers do). */
  hostUpdate() {
    this.said = stringsOf(this.host);
  }

  /** The writing direction may have changed: what lays itself out by it (the reader's margin) does so again. */
  directionChanged() {
    this.onChange?.();
  }

  /** Re-renders the host when the strings it last spoke are no longer its strings. */
  check() {
    if (this.said === null || stringsOf(this.host) === this.said) return;
    this.said = null;
    this.host.requestUpdate();
    this.onChange?.();
  }
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const minuteFormats = new Map<string, Intl.NumberFormat>();
const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

function cached<T>(formats: Map<string, T>, lang: string, make: (lang: string) => T): T {
  let format = formats.get(lang);
  if (!format) {
    try {
      format = make(lang);
    } catch {
      format = make('en'); // a tag Intl does not accept
    }
    formats.set(lang, format);
  }
  return format;
}

/** `n` as the strings' language writes numbers. */
export function formatNumber(strings: EssayStrings, n: number): string {
  return cached(numberFormats, strings.lang, (lang) => new Intl.NumberFormat(lang)).format(n);
}

/** The reading time: "5 min read", "5 Min. Lesezeit", "読了時間 5 分". */
export function formatReadingTime(strings: EssayStrings, minutes: number): string {
  const duration = cached(minuteFormats, strings.lang, (lang) => new Intl.NumberFormat(lang, { style: 'unit', unit: 'minute', unitDisplay: 'short' })).format(
    minutes,
  );
  return strings.readingTime(duration);
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

/** "3 minutes ago", "vor 3 Minuten", "just now" (invalid or missing dates say nothing). */
export function timeAgo(date: string | undefined, strings: EssayStrings = en, now = Date.now()): string {
  const time = date ? Date.parse(date) : NaN;
  if (Number.isNaN(time)) return '';
  const seconds = Math.round((time - now) / 1000);
  const format = cached(relativeFormats, strings.lang, (lang) => new Intl.RelativeTimeFormat(lang, { numeric: 'auto' }));
  for (const [unit, size] of units) if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  return strings.justNow;
}
