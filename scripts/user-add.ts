// `npm run user:add -- <name>`: adds a console user to DATA_DIR/admin.sqlite, or to PostgreSQL when DATABASE_URL is
// set (or sets a new password for an
// existing one, which ends that user's sessions). The password is asked on the terminal with echo off, or
// read from standard input (first line) when that is not a terminal: `printf '%s\n' "$PW" | npm run user:add -- ann`.
import { hashPassword } from '../src/server/auth/password';
import { USER_NAME } from '../src/server/auth/store';
import { loadConfig } from '../src/server/config';
import { openAdminStore } from '../src/server/store/index';

const MIN_PASSWORD = 10;

/** Reads one line from a terminal without echoing it. */
function askHidden(prompt: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let value = '';
    const done = (error?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003' || ch === '\u0004') return done(new Error('Cancelled.'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    input.on('data', onData);
  });
}

async function readStdinLine(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text.split(/\r?\n/)[0];
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) return readStdinLine();
  const first = await askHidden('Password: ');
  const second = await askHidden('Password again: ');
  if (first !== second) throw new Error('The two passwords differ; nothing was changed.');
  return first;
}

async function main(): Promise<void> {
  const name = process.argv[2];
  if (!name || process.argv.length > 3) throw new Error('Usage: npm run user:add -- <name>');
  if (!USER_NAME.test(name))
    throw new Error('A user name has 1-64 characters: letters, digits and . _ @ - (not first).');
  const password = await readPassword();
  if (password.length < MIN_PASSWORD)
    throw new Error(`The password needs at least ${MIN_PASSWORD} characters; nothing was changed.`);
  const { dataDir, databaseUrl } = loadConfig();
  const store = await openAdminStore({ dataDir, databaseUrl });
  try {
    const outcome = await store.setUser(name, await hashPassword(password));
    console.log(
      outcome === 'added'
        ? `User "${name}" added (${store.location}).`
        : `Password of "${name}" changed; their sessions ended.`,
    );
    console.log('The console now asks everyone to log in.');
  } finally {
    await store.close();
  }
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
