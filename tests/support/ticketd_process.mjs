// The real ticketd as a child process for the browser tests (kiosk, dashboard): started
// on loopback with a port file, killed with SIGKILL (as a power cut would), restartable
// on the same port. Node built-ins only, so any test folder can import it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export class TicketdProcess {
  // binary: the ticketd executable; dir: a scratch directory for the port file and log;
  // startMs: how long start() waits for the port file.
  constructor(binary, dir, startMs) {
    this.binary = binary;
    this.dir = dir;
    this.startMs = startMs;
    this.child = null;
  }

  // Starts ticketd on 127.0.0.1 (port 0 = any free port) and resolves to the bound port.
  async start(config, db, port = 0) {
    const portFile = path.join(this.dir, 'port');
    const logFile = path.join(this.dir, 'ticketd.log');
    fs.rmSync(portFile, { force: true });
    const log = fs.openSync(logFile, 'a');
    this.child = spawn(this.binary, ['--config', config, '--db', db, '--listen', '127.0.0.1', '--port', String(port),
      '--port-file', portFile], { stdio: ['ignore', log, log] });
    const deadline = Date.now() + this.startMs;
    while (Date.now() < deadline) {
      if (fs.existsSync(portFile)) return Number(fs.readFileSync(portFile, 'utf8').trim());
      if (this.child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('ticketd did not start:\n' + fs.readFileSync(logFile, 'utf8'));
  }

  kill() {
    if (this.child && this.child.exitCode === null) this.child.kill('SIGKILL');
  }

  async exited() {
    if (!this.child || this.child.exitCode !== null) return;
    await new Promise((r) => this.child.once('exit', r));
  }
}

// Runs a browser test's `main` under an overall time limit and exits the process with its
// outcome: 0 when `failures()` is 0, else 1. On an error or the time limit, ticketd is
// killed and the end of its log printed. Removes `dir` after a finished run.
export function runBrowserTest(name, main, { ticketd, dir, limitMs, failures }) {
  const watchdog = setTimeout(() => {
    console.error(`${name}: overall time limit reached`);
    ticketd.kill();
    process.exit(1);
  }, limitMs);
  main().then(() => {
    clearTimeout(watchdog);
    fs.rmSync(dir, { recursive: true, force: true });
    console.log(failures() ? `${failures()} check(s) failed` : `all ${name} checks passed`);
    process.exit(failures() ? 1 : 0);
  }).catch((e) => {
    clearTimeout(watchdog);
    ticketd.kill();
    console.error(`${name} error:`, e);
    try { console.error(fs.readFileSync(path.join(dir, 'ticketd.log'), 'utf8').slice(-3000)); } catch (_) { /* none */ }
    process.exit(1);
  });
}
