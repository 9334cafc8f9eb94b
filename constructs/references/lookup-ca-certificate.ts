/**
 * Finding one SLB CA certificate at plan time with the data source
 * `alicloud_slb_ca_certificates`, and the postconditions that make a failed
 * find speak the construct's words. Kept apart from the references because
 * CaCertificate uses it too: to read SLB's fingerprint when its PEM is a
 * token, and to check that the certificate it adopts (`importFrom`) is the
 * PEM it declares. Without the postconditions, `certificates[0]` of an empty
 * list fails with Terraform's "Invalid index", and of two picks one at random.
 * Internal: not exported from the package.
 */
import { Fn, TerraformProvider } from "cdktf";
import { Construct } from "constructs";
import {
  DataAlicloudSlbCaCertificates,
  DataAlicloudSlbCaCertificatesCertificatesOutputReference,
} from "../../.gen/providers/alicloud/data-alicloud-slb-ca-certificates";
import type { CaCertificateLookupOptions } from "./ca-certificate-interfaces";

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A data source for one certificate, its first entry, and that entry's fingerprint lowercased. */
export interface CaCertificateLookup {
  readonly data: DataAlicloudSlbCaCertificates;
  readonly entry: DataAlicloudSlbCaCertificatesCertificatesOutputReference;
  readonly fingerprint: string;
}

/**
 * The data source entry for one certificate, by ID or by declared name, and
 * its fingerprint lowercased like the synth-time one (whatever case SLB answers in).
 * Internal: not exported from the package.
 */
export function lookupCaCertificate(scope: Construct, id: string, options: CaCertificateLookupOptions): CaCertificateLookup {
  const data = new DataAlicloudSlbCaCertificates(scope, id, {
    ids: options.caCertificateId !== undefined ? [options.caCertificateId] : undefined,
    nameRegex: options.caCertificateName !== undefined ? `^${escapeRegex(options.caCertificateName)}(-[0-9a-f]{8})?$` : undefined,
    provider: options.provider,
  });
  const entry = data.certificates.get(0);
  return { data, entry, fingerprint: Fn.lower(entry.fingerprint) };
}

/**
 * Adds the data source for one certificate as child `Lookup` of `scope`, with a
 * postcondition that fails the plan, naming `scope`'s path, unless exactly one certificate matches.
 * @param method the public method that made this reference, for the message (`CaCertificate.fromLookup`)
 */
export function lookupExactlyOne(scope: Construct, method: string, options: CaCertificateLookupOptions): CaCertificateLookup {
  const lookup = lookupCaCertificate(scope, "Lookup", options);
  const wanted = options.caCertificateId !== undefined ? `ID ${options.caCertificateId}` : `name ${options.caCertificateName}`;
  lookup.data.lifecycle = {
    postcondition: [
      {
        condition: "${length(self.certificates) == 1}",
        errorMessage: `${method} at ${scope.node.path}: expected exactly one SLB CA certificate with ${wanted}, found \${length(self.certificates)}.`,
      },
    ],
  };
  return lookup;
}

/**
 * Adds the data source for an adopted certificate (`importFrom`) as child
 * `Adopted` of `scope`, with a postcondition that fails the plan unless SLB
 * holds exactly that certificate and its SHA-1 fingerprint is `fingerprint`.
 * @param fingerprint the declared PEM's SHA-1 fingerprint, lowercase hex pairs joined by ":"
 */
export function lookupAdopted(scope: Construct, caCertificateId: string, fingerprint: string, provider?: TerraformProvider): void {
  const { data } = lookupCaCertificate(scope, "Adopted", { caCertificateId, provider });
  data.lifecycle = {
    postcondition: [
      {
        // try(): Terraform evaluates both sides of &&, and an unknown ID would otherwise fail with "Invalid index".
        condition: `\${length(self.certificates) == 1 && try(lower(self.certificates[0].fingerprint), "") == "${fingerprint}"}`,
        errorMessage: `CA certificate ${caCertificateId} in SLB is not the PEM declared at ${scope.node.path} (expected SHA-1 fingerprint ${fingerprint}). To rotate, remove importFrom.`,
      },
    ],
  };
}
