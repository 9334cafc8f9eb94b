// The package's public API, and nothing else. Every export is in the jsii
// assembly (a class, an interface or an enum), so Python, Java, C# and Go get
// it too, except the error classes: jsii refuses classes that extend Error, so
// they are TypeScript only (other languages get the error's name and message).
// The reference classes behind CaCertificate.from*() stay internal, as
// aws-cdk-lib keeps its `Import` classes private. README "API reference" lists
// all of it, and __tests__/jsii keeps that list, this file and the assembly equal.
// Each public thing is exported by name, once, from the file that declares it.
// Tests import internals from their module.
export { CaCertificate, type CaCertificateProps, type CaCertificateIdOptions } from "./ca-certificate";
export {
  type ICaCertificate,
  type ILookedUpCaCertificate,
  type IRemoteStateCaCertificate,
  type CaCertificateLookupOptions,
  type CaCertificateRemoteStateOptions,
} from "./ca-certificate-ref";
export type { CaCertificateOutputNames } from "./output-names";
export { CaCertificateValidator } from "./ca-certificate-validator";
export type { InspectOptions, CaCertificateInfo } from "./inspect-ca-certificate";
export { CaCertificateValidationError, type ValidationProblem } from "./validation-error";
export { SlbRegions } from "./regions";
export { RuleSeverity, type Rule } from "./rules";
export { AtomicApp, type IPublishHook } from "./atomic-app";
export { OssState, type OssStateProps } from "./oss-state";
export { CaCertificateSynthError, type SynthProblem } from "./synth-error";
export { CaCertificateUserError } from "./user-error";
export { CaCertificatePolicy, type CaCertificatePolicyRules, type CaCertificatePolicyOptions, type Findings } from "./ca-certificate-policy";
export { CaCertificatePolicyError } from "./ca-certificate-policy-error";
export { UnresolvedPemAction } from "./unresolved-pem-action";
export { CaCertificateInventory, type InventoryCollectOptions, type InventoryEntry, type InventoryOptions } from "./inventory";
export type { ClientVerification, VerifyClientOptions } from "./verify-client";
export { CaCertificateFileError } from "./ca-certificate-file-error";
