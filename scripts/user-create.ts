import { userCreate } from './src/user-create';
import { scriptsEnv } from './src/config';

// `npm run user:create -- --email a@b.c --role moderator`; see src/user-create.ts.
process.exitCode = await userCreate(process.argv.slice(2), {
  env: scriptsEnv(),
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
