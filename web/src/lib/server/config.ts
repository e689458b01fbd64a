import { env } from '$env/dynamic/private';

/**
 * The web server's environment, read in one place (the API, the indexer and the scripts each have
 * theirs). SvelteKit's adapter reads PORT, HOST and ORIGIN itself.
 */
export const DEFAULT_API_URL = 'http://127.0.0.1:8080';

export interface WebConfig {
  /** where this server calls the API, without a trailing slash */
  apiUrl: string;
}

export function webConfig(): WebConfig {
  return { apiUrl: (env.API_URL || DEFAULT_API_URL).replace(/\/+$/, '') };
}
