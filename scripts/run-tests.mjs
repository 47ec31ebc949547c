#!/usr/bin/env node
// Runs every suite (typecheck, lint, unit tests, browser tests against the built app) and prints
// one closing line "N passed, N failed" that adds them all up. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const work = mkdtempSync(path.join(tmpdir(), 'vrp-tests-'));
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
let passed = 0;
let failed = 0;
const lines = [];

function run(label, args, command = npx) {
  console.log(`\n=== ${label}: ${args.join(' ')}`);
  const res = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  return res.status === 0;
}

function check(label, args) {
  const ok = run(label, args);
  if (ok) passed++;
  else failed++;
  lines.push(`${label}: ${ok ? 'passed' : 'FAILED'}`);
}

function vitest(label, config) {
  const out = path.join(work, `${label}.json`);
  const ok = run(label, ['vitest', 'run', '-c', config, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`]);
  if (!existsSync(out)) {
    failed++;
    lines.push(`${label}: did not report (exit ${ok ? 0 : 'non-zero'})`);
    return;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  const p = report.numPassedTests ?? 0;
  const f = (report.numFailedTests ?? 0) + (ok || report.numFailedTests ? 0 : 1);
  passed += p;
  failed += f;
  lines.push(`${label}: ${p} passed, ${f} failed`);
}

check('typecheck', ['tsc', '--noEmit', '-p', '.']);
check('lint', ['eslint', '.', '--max-warnings=0']);
vitest('unit', 'vitest.config.ts');
const built = run('build', ['vite', 'build', '--logLevel', 'warn']);
if (built) {
  passed++;
  lines.push('build: passed');
  vitest('browser', 'vitest.browser.config.ts');
  // the benchmark is run by hand; here it only has to still run, at its smallest size
  const benched = run('bench', ['scripts/bench.mjs', '--sizes', '10000', '--runs', '3', '--opens', '1', '--loads', '1', '--workbook-rows', '2000', '--fresh-memory-mib', '512', '--no-build', '--timeout-ms', '120000', '--out', path.join(work, 'bench')], process.execPath);
  if (benched) passed++;
  else failed++;
  lines.push(`bench (10,000 rows, smoke run): ${benched ? 'passed' : 'FAILED'}`);
} else {
  failed++;
  lines.push('build: FAILED (browser tests not run)');
}

console.log('\n' + lines.join('\n'));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
