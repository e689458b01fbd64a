import { userCreate } from './src/user-create';

// `npm run user:create -- --email a@b.c --role moderator`; see src/user-create.ts.
process.exitCode = await userCreate(process.argv.slice(2), {
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
});
