// Runs `npm ci` only when node_modules was not installed from the current package.json and package-lock.json.
// The Maven build calls this in generate-resources so that warm builds skip the ~15 s reinstall.
// A marker in node_modules records a hash of both files (and the platform, as some packages ship native
// binaries); `npm ci` deletes node_modules first, so a failed install never leaves a stale marker behind.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules', '.tianshu-npm-ci');

const hash = createHash('sha256');
for (const file of ['package.json', 'package-lock.json']) hash.update(readFileSync(join(root, file)));
hash.update(`${process.platform}-${process.arch}`);
const expected = hash.digest('hex');

if (existsSync(marker) && readFileSync(marker, 'utf8').trim() === expected) {
  console.log('node_modules is up to date with package-lock.json; skipping npm ci');
  process.exit(0);
}

const windows = process.platform === 'win32';
const result = spawnSync(windows ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund'], {
  cwd: root,
  stdio: 'inherit',
  shell: windows,
});
if (result.status !== 0) {
  console.error(`npm ci failed (${result.error?.message ?? `exit ${result.status}`})`);
  process.exit(result.status ?? 1);
}
writeFileSync(marker, `${expected}\n`);
