// DATA_DIR is checked before anything opens a database in it, in a child process with a time limit: a broken
// or hung file system (an NFS mount that stopped answering, or a path like /proc/1/x, where Node's recursive
// mkdir never returns) must stop the start with one readable line, not a stack trace or a silent hang.
// (Not a worker thread: a thread stuck in a system call would keep process.exit() waiting for it.)
import { spawn } from 'node:child_process';

export const DATA_DIR_PROBE_MS = 4000;

// Plain JavaScript run with `node -e` (starts fast: no TypeScript loader): creates the directory if missing,
// then writes and removes a file.
const PROBE = `
const fs = require('node:fs');
const path = require('node:path');
const dir = process.argv[1];
const report = (text) => process.stdout.write(text);
report('started\\n');
const reason = (error) => String(error.message).split(',')[0];
let problem = 'cannot be created';
try {
  if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true });
  problem = 'cannot be read';
  if (!fs.statSync(dir).isDirectory()) {
    report('is not a directory');
  } else {
    problem = 'is not writable';
    const file = path.join(dir, '.write-test-' + process.pid);
    fs.writeFileSync(file, '');
    fs.rmSync(file);
    report('ok');
  }
} catch (error) {
  report(problem + ' (' + reason(error) + ')');
}
`;

/** Undefined when DATA_DIR can be used; otherwise the one line to print, naming DATA_DIR, the path and why. */
export function checkDataDir(dir: string, timeoutMs = DATA_DIR_PROBE_MS): Promise<string | undefined> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', PROBE, dir], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    let timer: NodeJS.Timeout | undefined;
    const hung = () => {
      child.kill('SIGKILL');
      child.unref(); // a process stuck in the kernel may never exit: not waited for
      resolve(`DATA_DIR=${dir} did not answer within ${timeoutMs / 1000} s (the file system hangs)`);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      // The clock starts once the probe runs: starting a process on a busy machine is not the file system hanging.
      timer ??= setTimeout(hung, timeoutMs);
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      resolve(`DATA_DIR=${dir} could not be checked (${error.message})`);
    });
    child.once('close', () => {
      clearTimeout(timer);
      const verdict = out.replace(/^started\n/, '');
      resolve(verdict === 'ok' ? undefined : `DATA_DIR=${dir} ${verdict || 'could not be checked'}`);
    });
  });
}
