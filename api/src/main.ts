/**
 * The API program as production runs it, compiled (`npm run start:api`, `npm start`): one process per
 * core, see cluster.ts. Only an entry point: importing it starts the API.
 */
import { main } from './cluster';

await main();
