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
