// Zero egress, proved on the real thing: the built CLI exports a PDF through the system Chromium
// under strace (-yy names each socket's protocol), and no process in the tree connects a TCP
// socket or sends a single datagram or segment over IPv4/IPv6. The one thing Chromium's network
// service still does is connect() a UDP socket to a public IPv6 address to ask the kernel for a
// route (its IPv6 reachability check): the kernel sends nothing for that, and the check below
// would flag any datagram sent on it. A positive control (a traced node connecting to a loopback
// server) shows the check sees a connect when there is one. Skipped, with the reason, where
// strace or Chromium is missing.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumSandbox, CHROMIUM_ARGS, findChromium } from '../../electron/export/pdf';
import { annotatePillars } from '../briefing/evidence-fixture';
import { runCli } from '../helpers/cli';
import { closeContext, corpusContext, REPO_ROOT, tempDir } from '../helpers/db';

const STRACE = ['/usr/bin/strace', '/bin/strace'].find((p) => fs.existsSync(p)) ?? null;
const CHROMIUM = findChromium();
const CLI = path.join(REPO_ROOT, 'bin', 'workbench.js');
const BUILT_CLI = path.join(REPO_ROOT, 'dist', 'electron', 'cli', 'main.js');
const canTrace = STRACE !== null && CHROMIUM !== null;

const INET_SOCKET = /\(\d+<(TCP|TCPv6|UDP|UDPv6|UDPLITE|UDPLITEv6|SCTP|SCTPv6|RAW|RAWv6)[:>]/;

/**
 * What in a `strace -f -yy -e trace=connect,sendto,sendmsg,sendmmsg` log reaches out over the
 * internet protocols: a connect of anything but a UDP socket to an IPv4/IPv6 address (a UDP
 * connect only picks a route), and any send on an internet socket or to an internet address.
 */
export function egress(trace: string): string[] {
  return trace.split('\n').filter((line) => {
    const call = /\b(connect|sendto|sendmsg|sendmmsg)\(/.exec(line)?.[1];
    if (!call) return false;
    const inetSocket = INET_SOCKET.exec(line)?.[1] ?? null;
    const inetAddress = /sa_family=AF_INET6?\b/.test(line);
    if (call === 'connect') return inetAddress && !(inetSocket ?? '').startsWith('UDP');
    return inetSocket !== null || inetAddress;
  });
}

/** UDP connects (route lookups), for the record. */
export function udpRouteLookups(trace: string): string[] {
  return trace.split('\n').filter((line) => /\bconnect\(\d+<UDP/.test(line) && / = 0$/.test(line));
}

function traced(args: string[], out: string): { status: number | null; stderr: string; trace: string } {
  const traceFile = path.join(out, `trace-${Math.random().toString(36).slice(2)}.txt`);
  // -f: every child (Chromium's zygote, renderer, GPU and network processes); only the calls
  // that can reach an address are recorded.
  const run = spawnSync(STRACE!, ['-f', '-qq', '-yy', '-e', 'trace=connect,sendto,sendmsg,sendmmsg', '-e', 'signal=none', '-o', traceFile, ...args], { encoding: 'utf8', timeout: 240_000 });
  return { status: run.status, stderr: run.stderr, trace: fs.existsSync(traceFile) ? fs.readFileSync(traceFile, 'utf8') : '' };
}

describe('the PDF export’s Chromium', () => {
  it('starts with every network-silencing switch and resolves no host name', () => {
    for (const flag of ['--no-pings', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-domain-reliability', '--host-resolver-rules=MAP * ~NOTFOUND']) {
      expect(CHROMIUM_ARGS).toContain(flag);
    }
    expect(CHROMIUM_ARGS).not.toContain('--no-sandbox');
  });

  it('keeps its sandbox on for a normal user and drops it only as root, where Chromium cannot have it', () => {
    expect(chromiumSandbox(1000)).toEqual({ sandbox: true, args: CHROMIUM_ARGS });
    expect(chromiumSandbox(0).sandbox).toBe(false);
    expect(chromiumSandbox(0).args).toContain('--no-sandbox');
  });
});

describe.skipIf(!canTrace)(`nothing sent over the network during a PDF export${canTrace ? '' : ` (skipped: ${STRACE ? 'no Chromium' : 'no strace'} on this machine)`}`, () => {
  let db: string;
  let briefingId: string;
  let out: string;

  beforeAll(async () => {
    if (!fs.existsSync(BUILT_CLI)) throw new Error(`The CLI is not built (${BUILT_CLI} is missing). Run "npm run build" first; "npm test" does.`);
    const ctx = corpusContext();
    annotatePillars(ctx.db, 1);
    db = ctx.dbPath;
    closeContext(ctx);
    out = tempDir('wb-egress-');
    const created = await runCli(['briefing', 'create', '--title', '送信なしの確認', '--group-by', 'pillar', '--marking', '取扱注意', '--db', db, '--json']);
    expect(created.code).toBe(0);
    briefingId = created.json<{ id: string }>().id;
  });

  it('the check sees a connect when there is one (a traced node connecting to a loopback server)', () => {
    const script = "const n=require('node:net');const s=n.createServer(c=>c.end()).listen(0,'127.0.0.1',()=>{n.connect(s.address().port,'127.0.0.1',()=>{s.close();process.exit(0)})})";
    const run = traced([process.execPath, '-e', script], out);
    expect(run.status).toBe(0);
    expect(egress(run.trace).some((l) => l.includes('127.0.0.1') && l.includes('connect('))).toBe(true);
  });

  it('prints the briefing to PDF with Chromium, and no process in the tree connects over TCP or sends a packet', () => {
    const file = path.join(out, 'note.pdf');
    const run = traced([process.execPath, CLI, 'export', briefingId, '--format', 'pdf', '--out', file, '--db', db], out);
    expect(run.status, run.stderr).toBe(0);
    expect(fs.readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // Chromium ran under the trace: its processes made (Unix-socket) calls of their own.
    expect(new Set(run.trace.split('\n').filter(Boolean).map((l) => l.split(/\s+/, 1)[0])).size).toBeGreaterThan(1);
    expect(egress(run.trace)).toEqual([]);
    // Any route lookup there was went to a UDP socket on which nothing was ever sent (above).
    for (const line of udpRouteLookups(run.trace)) expect(line).toMatch(/connect\(\d+<UDP/);
  }, 300_000);
});

describe('the egress check itself', () => {
  it('flags TCP connects and any send over IP, not a UDP route lookup or a Unix socket', () => {
    const lines = [
      '10  connect(24<UDPv6:[1]>, {sa_family=AF_INET6, sin6_port=htons(443), inet_pton(AF_INET6, "2001:4860:4860::8888", &sin6_addr)}, 28) = 0',
      '11  connect(7<TCP:[2]>, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("142.250.0.1")}, 16) = -1 EINPROGRESS',
      '12  sendto(24<UDPv6:[1]>, "x", 1, 0, NULL, 0) = 1',
      '13  sendmsg(5<UNIX-STREAM:[3]>, {msg_name=NULL}, 0) = 8',
      '14  connect(9<UNIX-STREAM:[4]>, {sa_family=AF_UNIX, sun_path="/tmp/x"}, 110) = 0',
      '15  sendto(8<UDP:[5]>, "q", 1, 0, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.1")}, 16) = 1',
    ].join('\n');
    expect(egress(lines).map((l) => l.split(/\s+/, 1)[0])).toEqual(['11', '12', '15']);
    expect(udpRouteLookups(lines).map((l) => l.split(/\s+/, 1)[0])).toEqual(['10']);
  });
});
