export { startApi, buildServer, type RunningApi, type StartApiOptions } from './server';
export { loadConfig, ConfigError, type ApiConfig } from './config';
