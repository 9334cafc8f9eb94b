// The package's public API, and nothing else. Every export is in the jsii
// assembly (a class, an interface or an enum), so Python, Java, C# and Go get
// it too, except the error classes: jsii refuses classes that extend Error, so
// they are TypeScript only (other languages get the error's name and message).
// The reference classes behind CaCertificate.from*() stay internal, as
// aws-cdk-lib keeps its `Import` classes private. README "API reference" lists
// all of it, and __tests__/jsii keeps that list, this file and the assembly equal.
// Each public thing is exported by name, once, from the file that declares it.
// Tests import internals from their module.
export { CaCertificate } from "./certificate/ca-certificate";
export type { CaCertificateProps, CaCertificateIdOptions } from "./certificate/ca-certificate-props";
export {
  type ICaCertificate,
  type ILookedUpCaCertificate,
  type IRemoteStateCaCertificate,
  type CaCertificateLookupOptions,
  type CaCertificateRemoteStateOptions,
} from "./references/ca-certificate-interfaces";
export type { CaCertificateOutputNames } from "./references/output-names";
export { CaCertificateValidator } from "./certificate/ca-certificate-validator";
export { PemFile } from "./x509/pem-file";
export type { InspectOptions, CaCertificateInfo } from "./x509/inspect-ca-certificate";
export type { ValidationProblem } from "./problems";
export { SlbRegions } from "./certificate/regions";
export { RuleSeverity, type Rule } from "./rules/rule";
export { AtomicApp, type IPublishHook } from "./synth/atomic-app";
export { OssState, type OssStateProps } from "./backends/oss-state";
export { CaCertificatePolicy, type CaCertificatePolicyOptions, type Findings } from "./policy/ca-certificate-policy";
export type { CaCertificatePolicyRules } from "./policy/ca-certificate-policy-rules";
export { UnresolvedPemAction } from "./policy/unresolved-pem-action";
export { CaCertificateInventory, type InventoryCollectOptions, type InventoryEntry, type InventoryOptions } from "./synth/inventory";
export type { ClientVerification, VerifyClientOptions } from "./x509/verify-client";
export {
  CaCertificateUserError,
  CaCertificateValidationError,
  CaCertificateFileError,
  CaCertificatePolicyError,
  CaCertificateSynthError,
  type SynthProblem,
} from "./errors";
