/**
 * The rules a CaCertificate enforces (its props, its PEM, its clients, its
 * provider, the references to certificates elsewhere), by code: the "What
 * gets rejected, and why" table of docs/rules.md, generated from this list
 * (scripts/rules-table.ts; a test keeps the two equal). Each entry names the
 * files below constructs/ where its problems are made (`checkedIn`), and a
 * test holds that list to the code: from a code, one hop to its check.
 */
import type { RuleEntry } from "./rule";

/** Every rule of a CaCertificate, in the order of docs/rules.md's table. Internal: the API is {@link CaCertificateValidator.rules}. */
export const CERTIFICATE_RULES = [
  {
    code: "SizeLimitExceeded.Tag",
    severity: "error",
    rejects: "more than 20 tags",
    why: "UploadCACertificate and TagResources refuse it",
    checkedIn: ["certificate/validate-tags.ts"],
  },
  {
    code: "MissingParam.TagKey",
    severity: "error",
    rejects: "an empty tag key",
    why: "UploadCACertificate and TagResources refuse it",
    checkedIn: ["certificate/validate-tags.ts"],
  },
  {
    code: "InvalidParam.TagKey",
    severity: "error",
    rejects:
      'a tag key over 64 characters (TagResources\' limit; UploadCACertificate allows 128), starting with "acs:" or "aliyun", or containing "http://" or "https://"',
    why: "TagResources, which carries tags in a deploy (the upload goes without them), refuses it: the upload would succeed and the tagging fail",
    checkedIn: ["certificate/validate-tags.ts"],
  },
  {
    code: "InvalidParam.TagValue",
    severity: "error",
    rejects: 'a tag value over 128 characters, starting with "acs:" or "aliyun", or containing "http://" or "https://"',
    why: "UploadCACertificate and TagResources refuse it",
    checkedIn: ["certificate/validate-tags.ts"],
  },
  {
    code: "InvalidParam.CACertificateName",
    severity: "error",
    rejects:
      'a name that is not 1-80 characters of English letters, Chinese characters (U+4E00 to U+9FA5), digits, ".", "_", "-" starting with a letter or Chinese character',
    why: "SetCACertificateName refuses it, so a later rename would fail (UploadCACertificate states no rule)",
    checkedIn: ["certificate/validate-name.ts"],
  },
  {
    code: "InvalidParam.ResourceGroupId",
    severity: "error",
    rejects: 'a resource group ID not of the form "rg-" plus lowercase letters and digits',
    why: "it cannot name a resource group (UploadCACertificate, which carries it, refuses an unknown one only at deploy)",
    checkedIn: ["certificate/validate-name.ts"],
  },
  {
    code: "InvalidParam.ExpiryWarningDays",
    severity: "error",
    rejects: "an expiryWarningDays that is not a number of days, 0 or more (NaN, negative, a string)",
    why: "it would silently turn the expiry warning off",
    checkedIn: ["certificate/ca-certificate.ts", "x509/inspect-ca-certificate.ts"],
  },
  {
    code: "InvalidParam.ImportFrom",
    severity: "error",
    rejects: "an importFrom that is empty or blank (not a CA certificate ID)",
    why: "Terraform cannot import an empty ID",
    checkedIn: ["certificate/validate-import-from.ts"],
  },
  {
    code: "InvalidParam.Now",
    severity: "error",
    rejects: "a `now` given to CaCertificateValidator.inspect that is not a valid Date",
    why: "validity could not be judged",
    checkedIn: ["x509/inspect-ca-certificate.ts", "x509/verify-client.ts"],
  },
  {
    code: "CertificateFormatInvalid",
    severity: "error",
    rejects:
      "anything but one well-formed PEM CERTIFICATE block: not a string, empty, DER, bare base64, wrong label (CSR, key, CRL, TRUSTED CERTIFICATE), malformed armour, PEM headers, text around the block, bad base64 or DER, BER (non-minimal lengths), an extension twice, differing inner and outer signatureAlgorithm, a broken self-signature (when OpenSSL takes it as self-issued), non-ASCII, literal \\n escapes, a file path, over 64 KiB",
    why: "the API refuses it, or it is not the certificate you meant",
    checkedIn: ["certificate/client-certificates-prop.ts", "x509/client-sample.ts", "x509/inspect-ca-certificate.ts", "x509/pem-body.ts", "x509/pem.ts"],
  },
  {
    code: "CertificateFormatInvalid.MultipleCertificates",
    severity: "error",
    rejects: "two or more certificates",
    why: "SLB takes one CA certificate per upload",
    checkedIn: ["x509/pem.ts"],
  },
  {
    code: "CertificateFormatInvalid.PrivateKeyIncluded",
    severity: "error",
    rejects: "a private key block anywhere in the text",
    why: "the key would be stored in state and in the cloud; it is never echoed",
    checkedIn: ["x509/client-sample.ts", "x509/pem.ts"],
  },
  {
    code: "EccCertificateNotSupport",
    severity: "error",
    rejects: "a key that is not RSA (EC, Ed25519, DSA, ...)",
    why: "CLB accepts RSA only",
    checkedIn: ["x509/inspect-ca-certificate.ts"],
  },
  {
    code: "OperationDenied.IllegalKeyLength",
    severity: "error",
    rejects: "an RSA key other than 1024, 2048 or 4096 bits",
    why: "CLB refuses it",
    checkedIn: ["x509/inspect-ca-certificate.ts"],
  },
  {
    code: "CACertificate.WeakKey",
    severity: "error",
    rejects: "an RSA 1024 key",
    why: "CLB accepts it, but it is breakable",
    checkedIn: ["x509/inspect-ca-certificate.ts"],
  },
  {
    code: "CACertificate.NotCA",
    severity: "error",
    rejects: "no basicConstraints (e.g. a v1 certificate) or CA:FALSE (a leaf)",
    why: "clients cannot be verified against it",
    checkedIn: ["x509/inspect-ca-certificate.ts"],
  },
  {
    code: "CACertificate.NoKeyCertSign",
    severity: "error",
    rejects: "keyUsage present without keyCertSign",
    why: "TLS clients reject chains through it",
    checkedIn: ["x509/inspect-ca-certificate.ts"],
  },
  {
    code: "CACertificate.NoClientAuth",
    severity: "error",
    rejects: "a CA whose extendedKeyUsage is present without clientAuth (anyExtendedKeyUsage alone included)",
    why: 'OpenSSL refuses every client certificate under it ("unsuitable certificate purpose")',
    checkedIn: ["x509/inspect-ca-certificate.ts"],
  },
  {
    code: "CACertificate.Expired",
    severity: "error",
    rejects: "a certificate past its notAfter",
    why: "every client would be refused",
    checkedIn: ["x509/inspect-ca-certificate.ts"],
  },
  {
    code: "CACertificate.NotYetValid",
    severity: "error",
    rejects: "a certificate before its notBefore",
    why: "every client would be refused",
    checkedIn: ["x509/inspect-ca-certificate.ts"],
  },
  {
    code: "CACertificate.WeakSignature",
    severity: "error, or warning on a self-signed root",
    rejects: "an MD2, MD4, MD5 or SHA-1 signature (RSASSA-PSS included: its hash is in its parameters, SHA-1 when absent)",
    why: "forgeable when an issuer signed it; a root's self-signature is not relied on",
    checkedIn: ["x509/inspect-ca-certificate.ts"],
  },
  {
    code: "CACertificate.ExpiresSoon",
    severity: "warning",
    rejects: "expiry within expiryWarningDays (default 30)",
    why: "time to rotate",
    checkedIn: ["x509/inspect-ca-certificate.ts"],
  },
  {
    code: "CACertificate.ContentNotChecked",
    severity: "warning",
    rejects: "a PEM that is a token (variable, Fn.file)",
    why: "its content is only known at deploy time",
    checkedIn: ["certificate/ca-certificate.ts"],
  },
  {
    code: "CACertificate.NoProvider",
    severity: "error",
    rejects: "a stack without an alicloud provider",
    why: "the upload needs a region",
    checkedIn: ["certificate/ca-certificate.ts"],
  },
  {
    code: "CACertificate.OutputNameCollision",
    severity: "error",
    rejects: 'two certificates in one stack whose paths give the same output names ("team/ClientCa" and "team_ClientCa")',
    why: "the second would silently replace the first's outputs, and a consumer could use the wrong CA",
    checkedIn: ["certificate/output-name-registry.ts"],
  },
  {
    code: "CACertificate.NoRegion",
    severity: "error",
    rejects: "an alicloud provider without region",
    why: "the upload needs a region",
    checkedIn: ["certificate/ca-certificate.ts"],
  },
  {
    code: "CACertificate.UnknownRegion",
    severity: "warning",
    rejects: "a literal region that is not a known SLB region",
    why: "likely a typo",
    checkedIn: ["certificate/ca-certificate.ts"],
  },
  {
    code: "ClientCertificate.NotIssuedByCa",
    severity: "error",
    rejects:
      "a clientCertificates sample that does not chain to the CA (issuer name, key identifiers and signature), directly or through the intermediates given after it",
    why: "the wrong CA (or a CA re-issued with a new key): SLB accepts it, then refuses every client",
    checkedIn: ["x509/client-sample.ts"],
  },
  {
    code: "ClientCertificate.Expired",
    severity: "error",
    rejects: "a sample (or one of its intermediates) past its notAfter",
    why: "the client is refused",
    checkedIn: ["x509/client-sample.ts"],
  },
  {
    code: "ClientCertificate.NotYetValid",
    severity: "error",
    rejects: "a sample (or one of its intermediates) before its notBefore",
    why: "the client is refused",
    checkedIn: ["x509/client-sample.ts"],
  },
  {
    code: "ClientCertificate.NoClientAuth",
    severity: "error",
    rejects:
      "a sample with extendedKeyUsage without clientAuth or keyUsage without digitalSignature; an intermediate with extendedKeyUsage without clientAuth (the CA itself: CACertificate.NoClientAuth)",
    why: 'OpenSSL refuses it: "unsuitable certificate purpose"',
    checkedIn: ["x509/client-sample.ts"],
  },
  {
    code: "ClientCertificate.BrokenChain",
    severity: "error",
    rejects:
      "a sample in the wrong order (a CA first), an intermediate that is not a CA or lacks keyCertSign, a chain longer than a CA's basicConstraints pathlen allows, a CA that is not a self-signed root (reported once, as the CA's)",
    why: "OpenSSL refuses the chain",
    checkedIn: ["x509/client-sample.ts"],
  },
  {
    code: "ClientCertificate.NotChecked",
    severity: "warning",
    rejects: "clientCertificates (or the CA) given as tokens",
    why: "their content is only known at deploy time",
    checkedIn: ["certificate/client-certificates-prop.ts"],
  },
  {
    code: "CACertificate.ExpiresBeforeClients",
    severity: "warning",
    rejects: "a CA that expires before one of the clientCertificates samples",
    why: "those clients are refused from then on: rotate the CA first",
    checkedIn: ["x509/client-sample.ts"],
  },
  {
    code: "CACertificate.InvalidReference",
    severity: "error",
    rejects:
      "a reference that cannot name one certificate: fromCaCertificateId with an empty ID; fromLookup without exactly one of caCertificateId and caCertificateName, or with an empty one or a token name; fromRemoteState without exactly one backend (local or oss), or with an empty or token certificatePath",
    why: "the lookup or the output names are built at synth; an empty ID on a listener turns client authentication off",
    checkedIn: ["references/ca-certificate-ref.ts"],
  },
  {
    code: "CACertificate.Orphan",
    severity: "warning at plan",
    rejects:
      "a CA certificate in SLB with this one's name and resource group (and fingerprint, without the uniqueness suffix) that is not the one in state: it may be an orphan (no state holds it) or another app's certificate of the same name; checked at every plan (one DescribeCACertificates per stack and region) unless orphanCheck is false",
    why: "an orphan, left by a deploy that died after the upload or by a hand upload, costs quota and makes fromLookup by name find two; the warning says how to tell it from another app's certificate, and gives the commands for each case",
    checkedIn: ["certificate/orphan-check.ts"],
  },
  {
    code: "CACertificate.DuplicateName",
    severity: "error",
    rejects:
      "two certificates of one app with the same name (with its uniqueness suffix), region, resource group and account (one provider, or providers whose account settings are equal literals), and the same fingerprint or one unknown when the names have no suffix, when either has the orphan check (orphanCheck)",
    why: "each one's orphan check would call the other's live certificate an orphan at every plan; across apps this cannot be known at synth, and the warning says \"may be an orphan\" and how to tell",
    checkedIn: ["certificate/orphan-check-siblings.ts"],
  },
  {
    code: "OssState.NoLocking",
    severity: "warning",
    rejects: "an OssState without tablestoreEndpoint and tablestoreTable, on each stack it gives a backend",
    why: "two deploys at once can overwrite each other's state",
    checkedIn: ["backends/oss-state.ts"],
  },
] as const satisfies readonly RuleEntry[];
