/** Every route of this API version lives under this prefix. */
export const API_PREFIX = '/api/v1';
