'use strict';
// Preloaded with `node --require` into the server or CLI under test: any attempt to open a
// network connection or resolve a name is recorded in $SZ_NET_GUARD_LOG and fails loudly.
// Pipes (stdio) and local child IPC are not network and are left alone.
const fs = require('node:fs');
const log = process.env.SZ_NET_GUARD_LOG;

function violation(what) {
  const line = `${what} ${new Error().stack.split('\n').slice(2, 5).join(' | ')}\n`;
  if (log) fs.appendFileSync(log, line);
  throw new Error(`network access blocked by test guard: ${what}`);
}

const net = require('node:net');
const origConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function guardedConnect(...args) {
  const opts = args[0];
  const target = typeof opts === 'object' && opts !== null ? (opts.path ?? `${opts.host ?? 'localhost'}:${opts.port}`) : String(opts);
  violation(`net.Socket.connect ${target}`);
  return origConnect.apply(this, args);
};
const dns = require('node:dns');
for (const fn of ['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveSrv', 'resolveTxt', 'reverse']) {
  dns[fn] = (...a) => violation(`dns.${fn} ${a[0]}`);
  if (dns.promises[fn]) dns.promises[fn] = async (...a) => violation(`dns.promises.${fn} ${a[0]}`);
}
for (const mod of ['node:http', 'node:https']) {
  const m = require(mod);
  m.request = (...a) => violation(`${mod}.request ${String(a[0] && (a[0].href ?? a[0].host ?? a[0]))}`);
  m.get = (...a) => violation(`${mod}.get ${String(a[0] && (a[0].href ?? a[0].host ?? a[0]))}`);
}
require('node:tls').connect = (...a) => violation(`tls.connect ${JSON.stringify(a[0])}`);
require('node:dgram').createSocket = () => violation('dgram.createSocket');
globalThis.fetch = async (u) => violation(`fetch ${u}`);
