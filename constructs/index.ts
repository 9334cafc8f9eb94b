// The package's public API, and nothing else: the reference classes behind
// CaCertificate.from*() and the lookup helper stay internal, as aws-cdk-lib
// keeps its `Import` classes private. Tests import internals from their module.
export { CaCertificate, type CaCertificateProps, type CaCertificateIdOptions } from "./ca-certificate";
export {
  type ICaCertificate,
  type ILookedUpCaCertificate,
  type IRemoteStateCaCertificate,
  type CaCertificateLookupOptions,
  type CaCertificateRemoteStateOptions,
  type CaCertificateOutputNames,
  caCertificateOutputNames,
} from "./ca-certificate-ref";
export { inspectCaCertificate, type InspectOptions, type CaCertificateInfo } from "./inspect-ca-certificate";
export { validateTags, MAX_TAGS, MAX_TAG_LENGTH } from "./validate-tags";
export { validateCaCertificateName, validateResourceGroupId } from "./validate-name";
export { CaCertificateValidationError, type ValidationProblem } from "./validation-error";
export { MAX_PEM_LENGTH } from "./pem";
export { SLB_REGIONS, isKnownSlbRegion } from "./regions";
export { RULES, type Rule, type RuleSeverity } from "./rules";
export * from "./atomic-app";
export * from "./oss-state";
export * from "./synth-error";
export * from "./user-error";
export * from "./ca-certificate-policy";
export * from "./inventory";
export { isoSeconds } from "./time";
export { ClientVerification, VerifyClientOptions } from "./verify-client";
export * from "./ca-certificate-file-error";
