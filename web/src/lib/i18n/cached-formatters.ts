/**
 * Paraglide's registry (src/lib/paraglide/registry.js, generated) builds a new Intl formatter for
 * every plural or number in a message: `new Intl.PluralRules(locale, options).select(n)` on each call.
 * Building one costs far more than using it (ICU loads the locale's rules), and the search page calls
 * such messages a dozen times a render ("7 results", "page 1 of 3", facet counts). The build rewrites
 * the registry to make each formatter once per locale and options and reuse it (vite.config.ts).
 */

/** The generated file this applies to. */
export const REGISTRY_FILE = /[\\/]paraglide[\\/]registry\.js$/;

const CONSTRUCTION = /new Intl\.(PluralRules|NumberFormat|DateTimeFormat|RelativeTimeFormat)\(locale, (\w+)\)/g;

const HELPER = `
const __skillwayFormatters = new Map();
/** One formatter per kind, locale and options, made on first use (cached-formatters.ts). */
function __skillwayFormatter(Kind, locale, options) {
  const key = Kind.name + "|" + locale + "|" + (options === undefined ? "" : JSON.stringify(options));
  let formatter = __skillwayFormatters.get(key);
  if (formatter === undefined) __skillwayFormatters.set(key, (formatter = new Kind(locale, options)));
  return formatter;
}
`;

/**
 * The registry's source with its formatters made once. Fails when it finds none: a Paraglide that
 * generates the registry differently must be looked at, not silently left slow.
 */
export function cacheRegistryFormatters(source: string): string {
  let found = 0;
  const rewritten = source.replace(CONSTRUCTION, (_match, kind: string, options: string) => {
    found += 1;
    return `__skillwayFormatter(Intl.${kind}, locale, ${options})`;
  });
  if (found === 0) {
    throw new Error(
      "cached-formatters: Paraglide's registry.js no longer builds its Intl formatters as `new Intl.X(locale, options)`; update cached-formatters.ts",
    );
  }
  return rewritten + HELPER;
}
