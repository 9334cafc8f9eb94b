/**
 * What the local-cloud console prints about an account: one line per object,
 * every value from the account escaped (printable.ts), so a name or a tag
 * holding a newline or an ANSI escape shows as `\n` or `\x1b` and cannot forge
 * or recolour a line. The JSON forms stay valid JSON with the same escapes.
 */
import type { Account, CallRecord } from "./account";
import { resourceGroups } from "./api/resource-groups";
import { printable, printableJson } from "./printable";

/** A value from the account as one safe field; "-" when empty or absent. */
function field(value: unknown): string {
  const text = value === undefined || value === null ? "" : String(value);
  return text === "" ? "-" : printable(text);
}

/** The account's holdings, for people: a header per kind, then one line per object. */
export function listingLines(account: Account, accountFile: string): string[] {
  const lines = [`Account ${printable(accountFile)}`];
  lines.push(
    `Resource groups: ${resourceGroups(account)
      .map((g) => `${field(g.ResourceGroupId)} (${field(g.Name)})`)
      .join(", ")}`,
  );
  lines.push(`CA certificates (${account.caCertificates.length}):`);
  for (const c of account.caCertificates) {
    const tags = c.Tags.map((t) => `${printable(t.Key)}=${printable(t.Value)}`).join(",");
    lines.push(
      `  ${field(c.CACertificateId)}  ${field(c.RegionId)}  ${field(c.CACertificateName)}  CN=${printable(c.CommonName)}  ${field(c.Fingerprint)}  expires ${field(c.ExpireTime)}${tags ? `  tags ${tags}` : ""}`,
    );
  }
  lines.push(`Server certificates (${account.serverCertificates.length}):`);
  for (const c of account.serverCertificates) {
    lines.push(`  ${field(c.ServerCertificateId)}  ${field(c.RegionId)}  ${field(c.ServerCertificateName)}  CN=${printable(c.CommonName)}`);
  }
  lines.push(`Load balancers (${account.loadBalancers.length}):`);
  for (const l of account.loadBalancers) lines.push(`  ${field(l.LoadBalancerId)}  ${field(l.RegionId)}  ${field(l.Attributes.load_balancer_name)}`);
  lines.push(`Listeners (${account.listeners.length}):`);
  for (const l of account.listeners) {
    lines.push(`  ${field(l.ListenerId)}  server certificate ${field(l.ServerCertificateId)}  CA certificate ${field(l.CACertificateId)}`);
  }
  return lines;
}

/** The holdings for machines: everything but the call log, the fault counters and the PEM bodies. */
export function listingJson(account: Account): string {
  const { calls: _calls, faults: _faults, ...holdings } = account;
  const withoutPem = holdings.caCertificates.map(({ CACertificate: _pem, ...rest }) => rest);
  return printableJson({ ...holdings, caCertificates: withoutPem });
}

/** The call log for people: number, time, action, result and parameters (as JSON), tab-separated. */
export function callLines(calls: readonly CallRecord[]): string[] {
  return calls.map((c) => [c.seq, c.time, c.action, c.result].map((v) => field(v)).join("\t") + `\t${printable(JSON.stringify(c.params))}`);
}

/** The call log for machines. */
export function callsJson(calls: readonly CallRecord[]): string {
  return printableJson(calls);
}
