// TEMPORARY (issue 14, phase 1): the part of the public API that jsii accepts
// today, so that the jsii build, code generation, the wheel and the runtime
// harness can be proven before the API is reshaped. Phase 2 deletes this
// folder and points package.json "types" back at dist/constructs/index.d.ts.
export { CaCertificatePolicyRules, CaCertificatePolicyOptions, Findings } from "../constructs/ca-certificate-policy";
export { ValidationProblem } from "../constructs/validation-error";
export { CaCertificateProps, CaCertificateIdOptions } from "../constructs/ca-certificate";
export { InspectOptions, CaCertificateInfo } from "../constructs/inspect-ca-certificate";
export { Rule } from "../constructs/rules";
export { InventoryOptions } from "../constructs/inventory";
export { ICaCertificate, ILookedUpCaCertificate, CaCertificateOutputNames, CaCertificateRemoteStateOptions, CaCertificateLookupOptions } from "../constructs/ca-certificate-ref";
