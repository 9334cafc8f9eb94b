// The package's public API, and nothing else: every export is in the jsii
// assembly (a class, an interface or an enum), except the error classes, which
// are TypeScript only (jsii refuses classes that extend Error; other languages
// get the error's name and message). Tests import internals from their module.
export * from "./ca-certificate";
export * from "./ca-certificate-validator";
export type { CaCertificateInfo, InspectOptions } from "./inspect-ca-certificate";
export { CaCertificateValidationError, type ValidationProblem } from "./validation-error";
export { SlbRegions } from "./regions";
export * from "./rules";
export * from "./ca-certificate-ref";
export * from "./atomic-app";
export * from "./oss-state";
export * from "./synth-error";
export { CaCertificateUserError } from "./user-error";
export * from "./ca-certificate-policy";
export { CaCertificateInventory, type InventoryCollectOptions, type InventoryEntry, type InventoryOptions } from "./inventory";
export type { ClientVerification, VerifyClientOptions } from "./verify-client";
export * from "./ca-certificate-file-error";
